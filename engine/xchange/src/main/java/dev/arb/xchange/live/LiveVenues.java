package dev.arb.xchange.live;

import dev.arb.config.ExchangeConfig;
import dev.arb.config.SecretResolver;
import dev.arb.error.ConfigException;
import dev.arb.xchange.SupportedExchanges;
import dev.arb.xchange.VenueOptions;
import dev.arb.xchange.XChangeConnection;
import dev.arb.xchange.spi.ExchangeAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.knowm.xchange.Exchange;

/**
 * Sets up the exchanges for live trading from their config: the exchange's XChange object with its
 * API credentials (set up as market data sets it up, by {@link XChangeConnection}), its order calls
 * from its adapter, and the request budget and retry policy of {@link VenueOptions}.
 */
public final class LiveVenues {
  /** Private request budget per second (conservative: Kraken's private counter decays ~0.33/s). */
  private static final double PRIVATE_RATE = 1;

  static {
    noPostRetry();
  }

  private LiveVenues() {}

  /**
   * Turns off the JDK HTTP client's silent re-send of a POST whose connection dropped ({@code
   * sun.net.http.retryPost}, on by default): XChange sends orders through it, and a re-sent order
   * placement could trade twice. The setting is read once, when the first HTTP connection is made,
   * so {@code arb}'s {@code Main} calls this before anything connects; loading this class does too.
   */
  public static void noPostRetry() {
    System.setProperty("sun.net.http.retryPost", "false");
  }

  /** Exchanges arb can trade on live. */
  public static String supported() {
    return SupportedExchanges.liveNames();
  }

  /**
   * One {@link LiveVenue} per enabled exchange.
   *
   * @throws ConfigException when an exchange is not supported for live trading or has no API key
   *     and secret (live trading refuses to start without them)
   */
  public static List<LiveVenue> create(
      List<ExchangeConfig> exchanges, SecretResolver secrets, VenueOptions options) {
    List<LiveVenue> out = new ArrayList<>();
    for (Keyed k : resolve(exchanges, secrets)) {
      Exchange exchange = XChangeConnection.open(k.adapter(), k.cfg(), k.credentials());
      double rate = k.cfg().rateLimit().map(r -> r.doubleValue()).orElse(PRIVATE_RATE);
      out.add(LiveVenue.of(k.adapter().orders(exchange), options.retry(rate)));
    }
    return out;
  }

  /**
   * Checks, without connecting, that every enabled exchange is supported for live trading and has
   * its API key and secret.
   *
   * @throws ConfigException naming every exchange that does not
   */
  public static void requireKeys(List<ExchangeConfig> exchanges, SecretResolver secrets) {
    resolve(exchanges, secrets);
  }

  /** An exchange with its keys. */
  private record Keyed(
      ExchangeAdapter adapter, ExchangeConfig cfg, XChangeConnection.Credentials credentials) {}

  private static List<Keyed> resolve(List<ExchangeConfig> exchanges, SecretResolver secrets) {
    List<String> problems = new ArrayList<>();
    List<Keyed> out = new ArrayList<>();
    for (ExchangeConfig e : exchanges) {
      if (!e.enabled()) {
        continue;
      }
      Optional<ExchangeAdapter> adapter;
      try {
        adapter = SupportedExchanges.forConfig(e).filter(ExchangeAdapter::tradesLive);
      } catch (ConfigException x) {
        problems.addAll(x.problems());
        continue;
      }
      if (adapter.isEmpty()) {
        problems.add(
            "config: arb.exchanges."
                + e.name()
                + ": live trading supports "
                + supported()
                + "; disable it or use arb.trading.mode = paper");
        continue;
      }
      XChangeConnection.Credentials c;
      try {
        c = XChangeConnection.credentials(adapter.get(), e, secrets);
      } catch (ConfigException x) {
        problems.addAll(x.problems());
        continue;
      }
      if (!c.complete()) {
        problems.add(
            "config: live trading on "
                + e.name()
                + " needs an API key and secret: set arb.exchanges."
                + e.name()
                + ".api-key and api-secret (e.g. { env = \"ARB_"
                + e.name().trim().toUpperCase(Locale.ROOT)
                + "_API_KEY\" }) with trade and query permission only, never withdrawal");
        continue;
      }
      if (adapter.get().passphrase().isPresent() && c.passphrase().isEmpty()) {
        problems.add(
            "config: live trading on "
                + e.name()
                + " needs the API key's passphrase in "
                + adapter.get().passphrase().get().describe());
        continue;
      }
      out.add(new Keyed(adapter.get(), e, c));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return out;
  }
}
