package dev.arb.daemon.trade;

import dev.arb.config.RiskConfig;
import dev.arb.engine.execution.BalanceView;
import dev.arb.engine.execution.Books;
import dev.arb.engine.execution.ExecutionPolicy;
import dev.arb.engine.execution.RiskLimits;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.paper.PaperBalances;
import dev.arb.engine.paper.PaperModel;
import dev.arb.engine.paper.PaperOrderExecutor;
import dev.arb.engine.port.OrderExecutor;
import dev.arb.engine.record.Holding;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.record.OpportunityStatus;
import dev.arb.engine.scan.Opportunity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

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
public final class PaperTrader implements TradeStep {
  private final PaperBalances ledger;
  private final TradeCore core;
  private final Clock clock;
  private final PaperModel model;
  private volatile BiFunction<MarketSnapshot, Duration, Optional<MarketSnapshot>> later =
      (seen, latency) -> Optional.empty();

  /**
   * @param ledger the paper ledger (already seeded)
   * @param core the trading service's path for paper executions
   */
  PaperTrader(PaperBalances ledger, TradeCore core, Clock clock, PaperModel model) {
    this.ledger = ledger;
    this.core = core;
    this.clock = clock;
    this.model = model;
  }

  /**
   * Where the books {@code arb.paper.latency} after a scanned snapshot come from (a replay's {@code
   * ReplayFeed#after}); without it, or when it has none, orders fill on the scanned books.
   */
  public void fillLater(BiFunction<MarketSnapshot, Duration, Optional<MarketSnapshot>> source) {
    this.later = java.util.Objects.requireNonNull(source, "source");
  }

  /** The paper ledger itself (shared with the chains' inventory trades). */
  public PaperBalances ledger() {
    return ledger;
  }

  /**
   * The desk the chains' CEX–DEX cycles trade through on paper: book legs filled on the daemon's
   * latest books ({@code latest}, made again whenever newer ones were scanned), moving this
   * trader's ledger, under the same risk limits and records as its own trades.
   */
  public InventoryDesk inventoryDesk(Supplier<List<OrderBook>> latest) {
    LatestBooksPaperExecutor exchange = new LatestBooksPaperExecutor(latest, ledger);
    return new InventoryDesk(
        core,
        new InventoryDesk.Venue() {
          @Override
          public Optional<String> blocked() {
            return Optional.empty();
          }

          @Override
          public Supplier<Books> books() {
            return exchange::books;
          }

          @Override
          public OrderExecutor orders() {
            return exchange;
          }

          @Override
          public BalanceView balances() {
            return ledger;
          }

          @Override
          public Supplier<List<Holding>> ledgerAfter() {
            return ledger::holdings;
          }

          @Override
          public void after(OrderExecutor used, String id) {}
        },
        false,
        clock);
  }

  /** The paper balances now. */
  public List<Holding> balances() {
    return ledger.holdings();
  }

  @Override
  public List<OpportunityRecord> trade(ScanResult result, KillSwitch control) {
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

  @Override
  public boolean reloadRisk(RiskConfig risk) {
    core.gate().replaceLimits(RiskLimits.of(risk));
    return true;
  }
}
