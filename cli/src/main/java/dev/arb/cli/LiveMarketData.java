package dev.arb.cli;

import dev.arb.config.ArbConfig;
import dev.arb.config.ExchangeConfig;
import dev.arb.engine.port.AccountBalances;
import dev.arb.engine.port.VenueHealth;
import dev.arb.error.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the live market-data source of {@code arb scan} and {@code arb record} from the config and
 * the {@code --exchange}, {@code --exchange-url} and {@code --max-book-age} options.
 */
final class LiveMarketData {
  private LiveMarketData() {}

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
      problems.add(command + ": --max-book-age must be positive, got " + maxBookAge);
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

  /**
   * One line per exchange with keys: {@code balances kraken: BTC 0.48885833, EUR 1.0539}, or what
   * went wrong; one line saying so when no exchange has keys.
   */
  static List<String> balanceLines(List<AccountBalances> all) {
    if (all.isEmpty()) {
      return List.of(
          "balances: no exchange has an API key configured (arb.exchanges.NAME.api-key and"
              + " api-secret)");
    }
    List<String> out = new ArrayList<>();
    for (AccountBalances b : all) {
      if (b.problem().isPresent()) {
        out.add("balances " + b.problem().get());
      } else if (b.available().isEmpty()) {
        out.add("balances " + b.exchange() + ": none");
      } else {
        StringBuilder line = new StringBuilder("balances " + b.exchange() + ":");
        String sep = " ";
        for (var e : b.available().entrySet()) {
          line.append(sep).append(e.getKey()).append(' ').append(e.getValue().toPlainString());
          sep = ", ";
        }
        out.add(line.toString());
      }
    }
    return out;
  }

  /** One line per exchange: {@code exchange kraken: up (poll), 3 books, 0 problems}. */
  static List<String> healthLines(List<VenueHealth> health) {
    List<String> out = new ArrayList<>();
    for (VenueHealth h : health) {
      out.add(
          "exchange "
              + h.exchange()
              + ": "
              + h.state().code()
              + " ("
              + h.feed().code()
              + "), "
              + h.books()
              + " books, "
              + h.problems()
              + " problems"
              + h.retryAt().map(t -> "; retried after " + t).orElse(""));
    }
    return out;
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
