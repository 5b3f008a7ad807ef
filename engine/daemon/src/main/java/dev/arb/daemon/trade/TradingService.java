package dev.arb.daemon.trade;

import dev.arb.config.ArbConfig;
import dev.arb.config.PaperConfig;
import dev.arb.config.TradingConfig;
import dev.arb.engine.execution.LegMode;
import dev.arb.engine.execution.RiskGate;
import dev.arb.engine.execution.RiskLimits;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.paper.PaperBalances;
import dev.arb.engine.paper.PaperModel;
import dev.arb.engine.port.ExecutionRepository;
import dev.arb.engine.port.RecordStore;
import dev.arb.engine.port.TradingVenues;
import dev.arb.engine.record.DeadLetter;
import dev.arb.engine.record.Holding;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trading service: ONE path for paper trading, live trading and the retry of dead letters. It
 * holds the risk limits of {@code arb.risk} with today's executions counted in, the leg mode of
 * {@code arb.trading.legs} and the record store; every trade passes the same {@link RiskGate}, runs
 * through the same {@link dev.arb.engine.execution.ExecutionPolicy} and is stored, with its dead
 * letter, in the same {@link ExecutionRepository}. Only the executor differs: paper fills on the
 * scanned books, or live orders through {@link TradingVenues}.
 *
 * <p>The daemon trades each scan through {@link #paper()} or {@link #live}; {@code arb dlq retry}
 * through {@link #retry}.
 */
public final class TradingService {
  private static final Logger LOG = LoggerFactory.getLogger(TradingService.class);

  private final RecordStore store;
  private final ArbConfig config;
  private final Clock clock;
  private final RiskGate gate;
  private volatile TradeStep made;

  private TradingService(RecordStore store, ArbConfig config, Clock clock, RiskGate gate) {
    this.store = store;
    this.config = config;
    this.clock = clock;
    this.gate = gate;
  }

  /** Trading on {@code store} under {@code config}, with today's executions counted in. */
  public static TradingService open(RecordStore store, ArbConfig config, Clock clock) {
    RiskGate gate = new RiskGate(RiskLimits.of(config.risk()));
    TradeCore.loadDay(store.executions(), gate, clock.instant());
    return new TradingService(store, config, clock, gate);
  }

  /**
   * Paper trading ({@code arb run --dry-run}): the paper ledger in the store, created from {@code
   * arb.paper.balances} the first time.
   */
  public PaperTrader paper() {
    PaperTrader p =
        new PaperTrader(
            ledger(true),
            new TradeCore(store.executions(), gate, legMode(config.trading()), "paper", "p"),
            clock,
            paperModel(config.paper()));
    made = p;
    return p;
  }

  /**
   * Live trading through {@code venues}, with the journal reconciled once; until reconciliation
   * succeeds no trade starts ({@link LiveTrader#blocked}).
   */
  public LiveTrader live(TradingVenues venues) {
    return live(venues, List.of());
  }

  /**
   * As {@link #live(TradingVenues)}, trading only while this process holds the record store's lock
   * of each of {@code accounts} (the exchanges traded; see {@link LiveTrader}).
   */
  public LiveTrader live(TradingVenues venues, List<String> accounts) {
    LiveTrader t = new LiveTrader(venues, store, gate, clock, legMode(config.trading()), accounts);
    t.reconcile();
    made = t;
    return t;
  }

  /**
   * The desk the chains' CEX–DEX cycles trade their book legs through: that of the trader this
   * service made last ({@link #live}: live orders through its venues and journal; {@link #paper}:
   * its paper ledger), or of a new paper trader when it made none; either way under this service's
   * risk limits and day totals. {@code books}: the daemon's latest books.
   */
  public InventoryDesk inventoryDesk(Supplier<List<OrderBook>> books) {
    TradeStep t = made;
    if (t instanceof LiveTrader l) {
      return l.inventoryDesk(books);
    }
    return (t instanceof PaperTrader p ? p : paper()).inventoryDesk(books);
  }

  /**
   * Re-attempts what an open dead letter left, through the same risk limits, and records the
   * outcome as a new execution: holdings an incomplete unwind left are sold back to the start asset
   * on {@code books}; a cycle with nothing left over is re-sized and executed again (on paper
   * only). With {@code live} the leftover holdings are sold back with live orders; without it, on
   * the paper ledger.
   *
   * @param books the current books the retry trades on
   * @param booksSource what {@code books} are, for messages ({@code "of the bundled sample"})
   * @throws dev.arb.error.ConfigException when {@code books} lack a market of the cycle to re-run
   */
  public RetryOutcome retry(
      DeadLetter deadLetter,
      MarketSnapshot books,
      String booksSource,
      Optional<TradingVenues> live) {
    DeadLetterRetry r =
        new DeadLetterRetry(store, gate, clock.instant(), books, booksSource, deadLetter);
    if (live.isPresent()) {
      return r.sellBackLive(live.get().orders());
    }
    return r.onPaper(ledger(false), paperModel(config.paper()), legMode(config.trading()));
  }

  /** What dead letter {@code d} holds outside its start asset, from its context. */
  public static List<Holding> leftover(DeadLetter d) {
    return DeadLetterRetry.leftover(d);
  }

  /** The paper ledger, created from {@code arb.paper.balances} the first time. */
  private PaperBalances ledger(boolean log) {
    ExecutionRepository repo = store.executions();
    List<Holding> initial = new ArrayList<>();
    config
        .paper()
        .balances()
        .forEach(
            (exchange, assets) ->
                assets.forEach(
                    (asset, amount) ->
                        initial.add(new Holding(exchange, Asset.of(asset), amount))));
    Instant now = clock.instant();
    BigDecimal starting = config.paper().startingBalance();
    if (repo.seedPaperLedger(initial, now) && log) {
      if (initial.isEmpty() && starting.signum() > 0) {
        LOG.info(
            "paper ledger created: {} of every asset on every exchange until traded"
                + " (arb.paper.default-balance; set arb.paper.balances to choose)",
            starting.toPlainString());
      } else {
        LOG.info("paper ledger created from arb.paper.balances: {} balances", initial.size());
      }
    }
    return new PaperBalances(repo.paperBalances(), starting);
  }

  /** The engine's leg mode from {@code arb.trading.legs}. */
  static LegMode legMode(TradingConfig t) {
    return LegMode.valueOf(t.legs().name());
  }

  /** The paper latency and slippage from {@code arb.paper}. */
  static PaperModel paperModel(PaperConfig p) {
    return new PaperModel(p.latency(), p.slippageBp());
  }
}
