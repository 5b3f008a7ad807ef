package dev.arb.xchange.live;

import dev.arb.config.ExchangeConfig;
import dev.arb.config.Secret;
import dev.arb.config.SecretRef;
import dev.arb.config.SecretResolver;
import dev.arb.error.ConfigException;
import dev.arb.error.VenueException;
import dev.arb.xchange.Fault;
import dev.arb.xchange.Retrier;
import dev.arb.xchange.TokenBucket;
import dev.arb.xchange.VenueOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.knowm.xchange.Exchange;
import org.knowm.xchange.ExchangeFactory;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.bitstamp.BitstampExchange;
import org.knowm.xchange.coinbasepro.CoinbaseProExchange;
import org.knowm.xchange.kraken.KrakenExchange;

/**
 * Sets up the exchanges for live trading from their config: an XChange exchange with the API key
 * and secret (Coinbase also needs its passphrase, from {@code ARB_COINBASE_API_PASSPHRASE}), the
 * base-URL override, and the request budget and retry policy of {@link VenueOptions}. Kraken's pair
 * names are loaded from the exchange first ({@code /0/public/AssetPairs}).
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
    return "bitstamp, coinbase, kraken";
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
      out.add(open(k.cls(), k.cfg(), k.key(), k.secret(), k.passphrase(), options));
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
      Class<? extends Exchange> cls,
      ExchangeConfig cfg,
      Secret key,
      Secret secret,
      Optional<Secret> passphrase) {}

  private static List<Keyed> resolve(List<ExchangeConfig> exchanges, SecretResolver secrets) {
    List<String> problems = new ArrayList<>();
    List<Keyed> out = new ArrayList<>();
    for (ExchangeConfig e : exchanges) {
      if (!e.enabled()) {
        continue;
      }
      String name = e.name().trim().toLowerCase(Locale.ROOT);
      Class<? extends Exchange> cls =
          switch (name) {
            case "kraken" -> KrakenExchange.class;
            case "bitstamp" -> BitstampExchange.class;
            case "coinbase", "coinbasepro", "coinbase-pro" -> CoinbaseProExchange.class;
            default -> null;
          };
      if (cls == null) {
        problems.add(
            "config: arb.exchanges."
                + e.name()
                + ": live trading supports "
                + supported()
                + "; disable it or use arb.trading.mode = paper");
        continue;
      }
      Optional<Secret> key;
      Optional<Secret> secret;
      Optional<Secret> passphrase = Optional.empty();
      try {
        key = secrets.resolveIfSet("arb.exchanges." + e.name() + ".api-key", e.apiKey());
        secret = secrets.resolveIfSet("arb.exchanges." + e.name() + ".api-secret", e.apiSecret());
        if (cls == CoinbaseProExchange.class) {
          passphrase =
              secrets.resolveIfSet(
                  "arb.exchanges." + e.name() + ".api-passphrase",
                  Optional.of(new SecretRef.Env("ARB_COINBASE_API_PASSPHRASE")));
        }
      } catch (ConfigException x) {
        problems.addAll(x.problems());
        continue;
      }
      if (key.isEmpty() || secret.isEmpty()) {
        problems.add(
            "config: live trading on "
                + e.name()
                + " needs an API key and secret: set arb.exchanges."
                + e.name()
                + ".api-key and api-secret (e.g. { env = \"ARB_"
                + name.toUpperCase(Locale.ROOT)
                + "_API_KEY\" }) with trade and query permission only, never withdrawal");
        continue;
      }
      if (cls == CoinbaseProExchange.class && passphrase.isEmpty()) {
        problems.add(
            "config: live trading on "
                + e.name()
                + " needs the API key's passphrase in ARB_COINBASE_API_PASSPHRASE");
        continue;
      }
      out.add(new Keyed(cls, e, key.get(), secret.get(), passphrase));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return out;
  }

  private static LiveVenue open(
      Class<? extends Exchange> cls,
      ExchangeConfig cfg,
      Secret key,
      Secret secret,
      Optional<Secret> passphrase,
      VenueOptions options) {
    ExchangeSpecification spec = new ExchangeSpecification(cls);
    spec.setShouldLoadRemoteMetaData(false);
    if (cfg.baseUrl().isPresent()) {
      String url = cfg.baseUrl().get().replaceAll("/+$", "");
      URI u = URI.create(url);
      spec.setSslUri(url);
      spec.setHost(u.getHost());
      spec.setPort(u.getPort() > 0 ? u.getPort() : u.getScheme().equals("http") ? 80 : 443);
    }
    int timeoutMs = (int) Math.min(Integer.MAX_VALUE, cfg.requestTimeout().toMillis());
    spec.setHttpConnTimeout(timeoutMs);
    spec.setHttpReadTimeout(timeoutMs);
    spec.setApiKey(key.reveal());
    spec.setSecretKey(secret.reveal());
    passphrase.ifPresent(p -> spec.setExchangeSpecificParametersItem("passphrase", p.reveal()));
    Exchange exchange;
    try {
      exchange = ExchangeFactory.INSTANCE.createExchange(spec);
    } catch (RuntimeException x) {
      throw new VenueException(
          cfg.name() + ": cannot set up the XChange exchange: " + Fault.of(x).message(), x);
    }
    double rate = cfg.rateLimit().map(r -> r.doubleValue()).orElse(PRIVATE_RATE);
    TokenBucket budget =
        new TokenBucket(rate, Math.max(1, Math.floor(rate)), options.nanoTime(), options.sleeper());
    Retrier reads =
        new Retrier(
            budget,
            options.sleeper(),
            options.random(),
            options.maxAttempts(),
            options.baseDelay(),
            options.maxDelay(),
            options.maxRetryAfter());
    Retrier once =
        new Retrier(
            budget,
            options.sleeper(),
            options.random(),
            1,
            options.baseDelay(),
            options.maxDelay(),
            options.maxRetryAfter());
    VenueOrders orders;
    if (cls == KrakenExchange.class) {
      orders = new KrakenOrders(exchange);
    } else if (cls == BitstampExchange.class) {
      orders = new BitstampOrders(exchange);
    } else {
      orders = new CoinbaseOrders(exchange);
    }
    return new LiveVenue(orders, reads, once);
  }
}
