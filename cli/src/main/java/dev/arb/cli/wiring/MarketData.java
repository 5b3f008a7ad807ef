package dev.arb.cli.wiring;

import dev.arb.config.ArbConfig;
import dev.arb.config.ExchangeConfig;
import dev.arb.config.SecretResolver;
import dev.arb.daemon.LiveFeed;
import dev.arb.engine.port.MarketDataSource;
import dev.arb.error.ConfigException;
import dev.arb.xchange.VenueOptions;
import dev.arb.xchange.XChangeMarketDataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/** Where live market data comes from: the exchanges through XChange. */
public final class MarketData {
  private MarketData() {}

  /** The source of {@code exchanges}, for one scan or one recording. */
  public static MarketDataSource open(
      ArbConfig cfg, List<ExchangeConfig> exchanges, Clock clock, Map<String, String> env) {
    return open(cfg, exchanges, clock, env, VenueOptions.defaults(cfg.dataDir()).random());
  }

  /**
   * The source of one exchange for the daemon, counting its retried requests in {@code retries}.
   * The engine does not expose a retry count; its retrier draws exactly one jitter value per retry
   * (the backoff before the next attempt), and nothing else in the adapter draws one, so counting
   * the draws of this exchange's own random source counts its retries.
   */
  public static MarketDataSource openCountingRetries(
      ArbConfig cfg,
      ExchangeConfig exchange,
      Clock clock,
      Map<String, String> env,
      AtomicLong retries) {
    RandomGenerator base = VenueOptions.defaults(cfg.dataDir()).random();
    RandomGenerator counting =
        new RandomGenerator() {
          @Override
          public long nextLong() {
            return base.nextLong();
          }

          @Override
          public double nextDouble() {
            retries.incrementAndGet();
            return base.nextDouble();
          }
        };
    return open(cfg, List.of(exchange), clock, env, counting);
  }

  private static MarketDataSource open(
      ArbConfig cfg,
      List<ExchangeConfig> exchanges,
      Clock clock,
      Map<String, String> env,
      RandomGenerator random) {
    VenueOptions defaults = VenueOptions.defaults(cfg.dataDir());
    VenueOptions options =
        new VenueOptions(
            defaults.dataDir(),
            clock,
            defaults.nanoTime(),
            defaults.sleeper(),
            random,
            defaults.maxAttempts(),
            defaults.baseDelay(),
            defaults.maxDelay(),
            defaults.maxRetryAfter(),
            defaults.breakerThreshold(),
            defaults.breakerOpenFor(),
            defaults.bookTtl(),
            defaults.maxPollInterval(),
            defaults.volatileMove(),
            defaults.profitableFor());
    return XChangeMarketDataSource.create(exchanges, new SecretResolver(env), options);
  }

  /**
   * The daemon's feed of the live exchanges {@code live}, polled every {@code pace}: one source per
   * exchange, so each one's retries are counted apart. Every exchange that cannot be opened is
   * reported at once (the others are closed again).
   */
  public static LiveFeed liveFeed(
      ArbConfig cfg,
      List<ExchangeConfig> live,
      Duration pace,
      Clock clock,
      Map<String, String> env) {
    List<LiveFeed.Venue> venues = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (ExchangeConfig e : live) {
      AtomicLong retries = new AtomicLong();
      try {
        venues.add(
            new LiveFeed.Venue(
                e.name(), openCountingRetries(cfg, e, clock, env, retries), retries::get));
      } catch (ConfigException x) {
        problems.addAll(x.problems());
      }
    }
    if (!problems.isEmpty()) {
      venues.forEach(v -> v.source().close());
      throw new ConfigException(problems);
    }
    return new LiveFeed(venues, pace, clock);
  }
}
