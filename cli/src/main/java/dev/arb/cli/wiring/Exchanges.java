package dev.arb.cli.wiring;

import dev.arb.config.ArbConfig;
import dev.arb.config.ExchangeConfig;
import dev.arb.config.SecretResolver;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.port.OrderJournal;
import dev.arb.engine.port.TradingVenues;
import dev.arb.xchange.VenueOptions;
import dev.arb.xchange.XChangeMarketDataSource;
import dev.arb.xchange.live.LiveOrderExecutor;
import dev.arb.xchange.live.LiveVenues;
import dev.arb.xchange.live.XChangeTradingVenues;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Which exchange adapters live trading uses: XChange. */
public final class Exchanges {
  private Exchanges() {}

  /**
   * Turns off the JDK HTTP client's silent re-send of a POST whose connection dropped: a re-sent
   * order placement could trade twice. Call before anything connects.
   */
  public static void noPostRetry() {
    LiveVenues.noPostRetry();
  }

  /**
   * Checks, without connecting, that every exchange is supported for live trading and has its API
   * key and secret.
   *
   * @throws dev.arb.error.ConfigException naming every exchange that does not
   */
  public static void requireKeys(List<ExchangeConfig> exchanges, Map<String, String> env) {
    LiveVenues.requireKeys(exchanges, new SecretResolver(env));
  }

  /** Live trading on {@code exchanges} for the daemon, journaling in {@code journal}. */
  public static TradingVenues trading(
      ArbConfig cfg,
      List<ExchangeConfig> exchanges,
      Map<String, String> env,
      Clock clock,
      OrderJournal journal) {
    return XChangeTradingVenues.open(
        exchanges,
        new SecretResolver(env),
        VenueOptions.defaults(cfg.dataDir()),
        cfg.trading(),
        journal,
        clock);
  }

  /**
   * The exchanges of a live retry and where their current books come from.
   *
   * @param venues orders (a retry reads no balances)
   * @param books reads the exchanges' current books once
   */
  public record Retry(TradingVenues venues, Supplier<MarketSnapshot> books) {}

  /**
   * Live orders on {@code exchanges} for {@code arb dlq retry}, journaled in {@code journal} like
   * the daemon's.
   *
   * @throws dev.arb.error.ConfigException when a key is missing (before anything is sent)
   */
  public static Retry retry(
      ArbConfig cfg,
      List<ExchangeConfig> exchanges,
      Map<String, String> env,
      Clock clock,
      OrderJournal journal) {
    SecretResolver secrets = new SecretResolver(env);
    // names the missing keys and refuses before anything is sent
    LiveVenues.requireKeys(exchanges, secrets);
    VenueOptions options = VenueOptions.defaults(cfg.dataDir());
    LiveOrderExecutor.Options o =
        new LiveOrderExecutor.Options(
            cfg.trading().orderTimeout(),
            cfg.trading().pollInterval(),
            2,
            clock,
            System::nanoTime,
            options.sleeper());
    TradingVenues venues =
        new XChangeTradingVenues(
            LiveVenues.create(exchanges, secrets, options), journal, o, List::of);
    Supplier<MarketSnapshot> books =
        () -> {
          try (XChangeMarketDataSource market =
              XChangeMarketDataSource.create(exchanges, secrets, options)) {
            return market.snapshot();
          }
        };
    return new Retry(venues, books);
  }
}
