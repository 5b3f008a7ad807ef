package dev.arb.cli;

import dev.arb.config.ArbConfig;
import dev.arb.config.ExchangeConfig;
import dev.arb.error.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options that choose live exchanges, shared by {@code scan}, {@code run} and {@code record}.
 */
final class LiveExchangeOptions {

  @Option(
      names = "--exchange",
      paramLabel = "NAME",
      description =
          "Live books of this exchange (repeatable): bitstamp, kraken, binance, coinbase."
              + " Default without --input: the enabled exchanges of arb.exchanges.")
  List<String> exchanges = new ArrayList<>();

  @Option(
      names = "--exchange-url",
      paramLabel = "NAME=URL",
      description =
          "REST base URL of an exchange (proxy, testnet, local stand-in); overrides"
              + " arb.exchanges.NAME.base-url. Repeatable.")
  List<String> exchangeUrls = new ArrayList<>();

  @Option(
      names = "--exchange-ws-url",
      paramLabel = "NAME=URL",
      description =
          "WebSocket URL (ws:// or wss://) of an exchange's order-book stream:"
              + " overrides arb.exchanges.NAME.ws-url and turns streaming on for it. Repeatable.")
  List<String> exchangeWsUrls = new ArrayList<>();

  @Option(
      names = "--max-book-age",
      paramLabel = "DURATION",
      converter = ScanCommand.DurationConverter.class,
      description =
          "Live books older than this when received are reported stale and not used. Default:"
              + " arb.exchanges.NAME.max-book-age (10s).")
  Duration maxBookAge;

  /** Whether any exchange was named on the command line. */
  boolean given() {
    return !exchanges.isEmpty() || !exchangeUrls.isEmpty() || !exchangeWsUrls.isEmpty();
  }

  /** The exchanges to use, with messages naming {@code command}. */
  List<ExchangeConfig> select(ArbConfig cfg, String command) {
    return select(cfg, exchanges, exchangeUrls, exchangeWsUrls, maxBookAge, command);
  }

  /** The exchanges to use: the named ones (configured or defaults), else the enabled configured. */
  static List<ExchangeConfig> select(
      ArbConfig cfg, List<String> names, List<String> urls, Duration maxBookAge) {
    return select(cfg, names, urls, maxBookAge, "scan");
  }

  /** As {@link #select(ArbConfig, List, List, Duration)}, with messages naming {@code command}. */
  static List<ExchangeConfig> select(
      ArbConfig cfg, List<String> names, List<String> urls, Duration maxBookAge, String command) {
    return select(cfg, names, urls, List.of(), maxBookAge, command);
  }

  /**
   * As {@link #select(ArbConfig, List, List, Duration, String)}, with {@code --exchange-ws-url}
   * values ({@code NAME=URL}): each sets that exchange's WebSocket URL and turns its streaming on.
   */
  static List<ExchangeConfig> select(
      ArbConfig cfg,
      List<String> names,
      List<String> urls,
      List<String> wsUrls,
      Duration maxBookAge,
      String command) {
    List<String> problems = new ArrayList<>();
    Map<String, String> urlByName =
        byName(urls, "--exchange-url", List.of("http", "https"), command, problems);
    Map<String, String> wsUrlByName =
        byName(wsUrls, "--exchange-ws-url", List.of("ws", "wss"), command, problems);
    List<ExchangeConfig> out = new ArrayList<>();
    if (names.isEmpty()) {
      for (ExchangeConfig e : cfg.exchanges().values()) {
        if (e.enabled()) {
          out.add(e);
        }
      }
    } else {
      for (String n : names) {
        String name = n.trim().toLowerCase(Locale.ROOT);
        ExchangeConfig e = cfg.exchanges().get(name);
        out.add(e != null ? e : ExchangeConfig.defaults(name));
      }
    }
    for (String name : urlByName.keySet()) {
      if (out.stream().noneMatch(e -> e.name().equals(name))) {
        problems.add(
            command + ": --exchange-url names " + name + ", which is not an exchange in use");
      }
    }
    for (String name : wsUrlByName.keySet()) {
      if (out.stream().noneMatch(e -> e.name().equals(name))) {
        problems.add(
            command + ": --exchange-ws-url names " + name + ", which is not an exchange in use");
      }
    }
    if (maxBookAge != null && (maxBookAge.isZero() || maxBookAge.isNegative())) {
      problems.add(
          command
              + ": --max-book-age must be positive, got "
              + dev.arb.engine.json.Json.duration(maxBookAge));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    List<ExchangeConfig> result = new ArrayList<>();
    for (ExchangeConfig e : out) {
      ExchangeConfig x =
          urlByName.containsKey(e.name()) ? e.withBaseUrl(urlByName.get(e.name())) : e;
      x = wsUrlByName.containsKey(e.name()) ? x.withWsUrl(wsUrlByName.get(e.name())) : x;
      result.add(maxBookAge == null ? x : x.withMaxBookAge(maxBookAge));
    }
    return result;
  }

  /** {@code NAME=URL} values of {@code option} by lower-case name; bad ones become problems. */
  private static Map<String, String> byName(
      List<String> values,
      String option,
      List<String> schemes,
      String command,
      List<String> problems) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String u : values) {
      int eq = u.indexOf('=');
      String name = eq < 0 ? "" : u.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String url = eq < 0 ? "" : u.substring(eq + 1).trim();
      if (name.isEmpty() || !validUrl(url, schemes)) {
        problems.add(
            command
                + ": "
                + option
                + " must be NAME=URL with "
                + (schemes.get(0).startsWith("h") ? "an " : "a ")
                + String.join(" or ", schemes.stream().map(x -> x + "://").toList())
                + " URL, got '"
                + u
                + "'");
      } else {
        out.put(name, url);
      }
    }
    return out;
  }

  private static boolean validUrl(String s, List<String> schemes) {
    try {
      URI u = new URI(s);
      return u.getScheme() != null && schemes.contains(u.getScheme()) && u.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
