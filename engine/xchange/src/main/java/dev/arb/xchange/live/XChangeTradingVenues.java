package dev.arb.xchange.live;

import dev.arb.config.ExchangeConfig;
import dev.arb.config.SecretResolver;
import dev.arb.config.TradingConfig;
import dev.arb.engine.port.AccountBalances;
import dev.arb.engine.port.OrderExecutor;
import dev.arb.engine.port.OrderJournal;
import dev.arb.engine.port.TradingVenues;
import dev.arb.engine.record.Reconciliation;
import dev.arb.xchange.VenueOptions;
import dev.arb.xchange.XChangeMarketDataSource;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * Live trading's exchanges through XChange: a {@link LiveOrderExecutor} over one {@link LiveVenue}
 * per exchange and the order journal, the {@link Reconciler}, and the accounts' balances read
 * through an {@link XChangeMarketDataSource}.
 */
public final class XChangeTradingVenues implements TradingVenues {
  private final List<LiveVenue> venues;
  private final OrderJournal journal;
  private final LiveOrderExecutor executor;
  private final Supplier<List<AccountBalances>> balances;
  private final Clock clock;

  /**
   * @param venues the exchanges orders may go to
   * @param journal where every order is written before it is sent
   * @param options the executor's timeouts and clocks
   * @param balances reads the accounts' balances
   */
  public XChangeTradingVenues(
      List<LiveVenue> venues,
      OrderJournal journal,
      LiveOrderExecutor.Options options,
      Supplier<List<AccountBalances>> balances) {
    this.venues = List.copyOf(venues);
    this.journal = journal;
    this.executor = new LiveOrderExecutor(venues, journal, options);
    this.balances = balances;
    this.clock = options.clock();
  }

  /**
   * Live trading on {@code exchanges} (each with its API key), journaling in {@code journal}, with
   * the order timeout and poll interval of {@code trading}.
   *
   * @throws dev.arb.error.ConfigException when an exchange is not supported for live trading or
   *     lacks its API key and secret
   */
  public static XChangeTradingVenues open(
      List<ExchangeConfig> exchanges,
      SecretResolver secrets,
      VenueOptions options,
      TradingConfig trading,
      OrderJournal journal,
      Clock clock) {
    List<LiveVenue> venues = LiveVenues.create(exchanges, secrets, options);
    XChangeMarketDataSource accounts = XChangeMarketDataSource.create(exchanges, secrets, options);
    LiveOrderExecutor.Options o =
        new LiveOrderExecutor.Options(
            trading.orderTimeout(),
            trading.pollInterval(),
            2,
            clock,
            System::nanoTime,
            options.sleeper());
    return new XChangeTradingVenues(venues, journal, o, accounts::balances);
  }

  @Override
  public OrderExecutor orders() {
    return executor;
  }

  @Override
  public List<String> cancelOpen() {
    return executor.cancelOpen();
  }

  @Override
  public Reconciliation reconcile() {
    return Reconciler.reconcile(journal, venues, clock);
  }

  @Override
  public List<AccountBalances> balances() {
    return balances.get();
  }
}
