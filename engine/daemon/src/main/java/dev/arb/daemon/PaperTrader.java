package dev.arb.daemon;

import dev.arb.config.ArbConfig;
import dev.arb.config.PaperConfig;
import dev.arb.config.RiskConfig;
import dev.arb.config.TradingConfig;
import dev.arb.engine.execution.Books;
import dev.arb.engine.execution.ExecutionPolicy;
import dev.arb.engine.execution.LegMode;
import dev.arb.engine.execution.ProfitThreshold;
import dev.arb.engine.execution.RiskGate;
import dev.arb.engine.execution.RiskLimits;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.paper.PaperBalances;
import dev.arb.engine.paper.PaperModel;
import dev.arb.engine.paper.PaperOrderExecutor;
import dev.arb.engine.record.Holding;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.record.OpportunityStatus;
import dev.arb.engine.scan.Opportunity;
import dev.arb.storage.SqliteDatabase;
import dev.arb.storage.SqliteExecutionRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paper trading for {@code arb run --dry-run}: each sized opportunity of a scan passes the risk
 * limits, is executed by the {@link ExecutionPolicy} through a {@link PaperOrderExecutor} on the
 * scanned snapshot's books, and is stored in {@code executions} together with the paper ledger.
 *
 * <p>Records: an executed cycle becomes {@code executed} with its realized profit; a cycle that was
 * aborted or unwound becomes {@code failed} with its realized profit (0 when nothing traded) and
 * the reason; a cycle the risk limits refuse becomes {@code rejected} with the limit as reason.
 * Data age is measured against the snapshot's newest book (a replay's own clock); day totals use
 * the daemon's clock.
 */
public final class PaperTrader implements Daemon.TradeStep {
  private static final Logger LOG = LoggerFactory.getLogger(PaperTrader.class);

  private final PaperBalances ledger;
  private final TradeCore core;
  private final Clock clock;
  private final PaperModel model;
  private volatile BiFunction<MarketSnapshot, Duration, Optional<MarketSnapshot>> later =
      (seen, latency) -> Optional.empty();

  private PaperTrader(
      SqliteExecutionRepository repo,
      PaperBalances ledger,
      RiskGate gate,
      Clock clock,
      LegMode legs,
      PaperModel model) {
    this.ledger = ledger;
    this.core = new TradeCore(repo, gate, legs, "paper", "p");
    this.clock = clock;
    this.model = model;
  }

  /**
   * Opens the paper ledger in {@code db} (created from {@code arb.paper.balances} the first time)
   * and loads today's executions into the risk limits.
   */
  public static PaperTrader open(SqliteDatabase db, ArbConfig config, Clock clock) {
    SqliteExecutionRepository repo = new SqliteExecutionRepository(db, limits(config.risk()));
    Instant now = clock.instant();
    List<Holding> initial = new ArrayList<>();
    config
        .paper()
        .balances()
        .forEach(
            (exchange, assets) ->
                assets.forEach(
                    (asset, amount) ->
                        initial.add(new Holding(exchange, Asset.of(asset), amount))));
    if (repo.seedPaperLedger(initial, now)) {
      LOG.info("paper ledger created from arb.paper.balances: {} balances", initial.size());
    }
    PaperBalances ledger = new PaperBalances(repo.paperBalances());
    RiskGate gate = new RiskGate(limits(config.risk()));
    TradeCore.loadDay(repo, gate, now);
    return new PaperTrader(
        repo, ledger, gate, clock, legMode(config.trading()), paperModel(config.paper()));
  }

  /** The engine's leg mode from {@code arb.trading.legs}. */
  public static LegMode legMode(TradingConfig t) {
    return LegMode.valueOf(t.legs().name());
  }

  /** The paper latency and slippage from {@code arb.paper}. */
  public static PaperModel paperModel(PaperConfig p) {
    return new PaperModel(p.latency(), p.slippageBp());
  }

  /** The engine's limits from {@code arb.risk}. */
  public static RiskLimits limits(RiskConfig r) {
    return new RiskLimits(
        r.maxTradeNotional(),
        r.maxDailyNotional(),
        new ProfitThreshold(r.minProfit(), r.slippageBufferBp()),
        r.maxDataAge(),
        r.dailyLossLimit(),
        r.maxOpenCycles());
  }

  /**
   * Where the books {@code arb.paper.latency} after a scanned snapshot come from (a replay's {@link
   * ReplayFeed#after}); without it, or when it has none, orders fill on the scanned books.
   */
  public void fillLater(BiFunction<MarketSnapshot, Duration, Optional<MarketSnapshot>> source) {
    this.later = java.util.Objects.requireNonNull(source, "source");
  }

  /** The paper balances now. */
  public List<Holding> balances() {
    return ledger.holdings();
  }

  @Override
  public List<OpportunityRecord> trade(Daemon.ScanResult result, Daemon.KillSwitch control) {
    List<OpportunityRecord> records = result.records();
    if (result.snapshot().isEmpty() || result.opportunities().isEmpty()) {
      return records;
    }
    MarketSnapshot snapshot = result.snapshot().get();
    // one simulated exchange per scan: each fill takes its liquidity off the books, so the next
    // cycle (and its re-check) sees what is left
    // with a latency, orders fill on the books that follow by it, when the feed knows them
    Optional<Books> after =
        model.latency().isZero()
            ? Optional.empty()
            : later.apply(snapshot, model.latency()).map(s -> Books.of(s.books()));
    PaperOrderExecutor exchange =
        new PaperOrderExecutor(Books.of(snapshot.books()), after, ledger, model);
    Instant now = clock.instant();
    Instant dataClock = snapshot.newestObservation().orElse(now);
    List<OpportunityRecord> out = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      OpportunityRecord r = records.get(i);
      Opportunity o = result.opportunities().get(i);
      if (control.engaged() || r.status() != OpportunityStatus.SIZED || o.plan().isEmpty()) {
        out.add(r);
        continue;
      }
      out.add(
          core.tradeOne(
                  r,
                  o.plan().get(),
                  exchange::books,
                  exchange,
                  ledger,
                  ledger::holdings,
                  now,
                  dataClock,
                  control)
              .record());
    }
    return out;
  }
}
