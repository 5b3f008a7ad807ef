package dev.arb.daemon.trade;

import dev.arb.engine.chain.DexLegs;
import dev.arb.engine.execution.BalanceView;
import dev.arb.engine.execution.Books;
import dev.arb.engine.execution.ExecutionPolicy;
import dev.arb.engine.execution.InventoryCycles;
import dev.arb.engine.execution.LegMode;
import dev.arb.engine.execution.RiskGate;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.port.ExecutionRepository;
import dev.arb.engine.port.OrderExecutor;
import dev.arb.engine.record.ExecutionResult;
import dev.arb.engine.record.ExecutionStatus;
import dev.arb.engine.record.Holding;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.record.OpportunityStatus;
import dev.arb.engine.sizing.TradePlan;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What paper and live trading share: one sized cycle passes the risk limits, runs through the
 * {@link ExecutionPolicy} on the executor the caller gives (paper fills or live orders), is stored
 * with its dead letters, and counts towards the day's totals and the daily loss limit (which trips
 * the kill switch). The executor side ({@link PaperTrader}, {@link LiveTrader}) supplies the
 * orders, the balances and what to do with the result.
 */
final class TradeCore {
  private final ExecutionRepository repo;
  private final RiskGate gate;
  private final LegMode legs;
  private final String mode;
  private final String idPrefix;
  private final AtomicLong seq = new AtomicLong();

  /**
   * @param mode stored with each execution ({@code paper} or {@code live})
   * @param idPrefix first character of execution ids ({@code p} or {@code l})
   */
  TradeCore(ExecutionRepository repo, RiskGate gate, LegMode legs, String mode, String idPrefix) {
    this.repo = repo;
    this.gate = gate;
    this.legs = legs;
    this.mode = mode;
    this.idPrefix = idPrefix;
  }

  /** Loads the executions of {@code now}'s UTC day into the day totals of {@code gate}. */
  static void loadDay(ExecutionRepository repo, RiskGate gate, Instant now) {
    Instant dayStart =
        LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
    for (ExecutionRepository.Summary s : repo.since(dayStart)) {
      gate.add(s.executedAt(), s.startAsset(), s.startSpent(), s.realizedProfit());
    }
  }

  RiskGate gate() {
    return gate;
  }

  /** The result of one {@link #tradeOne} call. */
  record Outcome(OpportunityRecord record, String id, Optional<ExecutionResult> execution) {}

  /**
   * Trades one sized cycle.
   *
   * @param books the books the orders walk, read again before each leg
   * @param dataClock what the data age is measured against
   * @param ledgerAfter the paper ledger to store after the execution, or null (live)
   */
  Outcome tradeOne(
      OpportunityRecord r,
      TradePlan plan,
      Supplier<Books> books,
      OrderExecutor executor,
      BalanceView balances,
      Supplier<List<Holding>> ledgerAfter,
      Instant now,
      Instant dataClock,
      KillSwitch control) {
    List<OrderBook> cycleBooks = cycleBooks(plan, books);
    tripOnDailyLoss(plan, now, control);
    Optional<String> refused = gate.check(plan, cycleBooks, now, dataClock, balances);
    if (refused.isPresent()) {
      return new Outcome(
          with(r, OpportunityStatus.REJECTED, null, refused.get()), null, Optional.empty());
    }
    Optional<String> busy = gate.acquire();
    if (busy.isPresent()) {
      return new Outcome(
          with(r, OpportunityStatus.REJECTED, null, busy.get()), null, Optional.empty());
    }
    String id = idPrefix + now.toEpochMilli() + "-" + seq.incrementAndGet();
    ExecutionResult x;
    try {
      x =
          ExecutionPolicy.execute(
              plan, books, executor, gate.limits().threshold(), id, legs, balances);
      repo.save(x, mode, r.detectedAt(), now, ledgerAfter == null ? null : ledgerAfter.get());
      if (gate.record(x, now)) {
        control.trip(lossMessage(now, plan.cycle().startAsset()));
      }
    } finally {
      gate.release();
    }
    OpportunityRecord out;
    if (x.status() == ExecutionStatus.EXECUTED) {
      out = with(r, OpportunityStatus.EXECUTED, x.realizedProfit(), null);
    } else {
      // a cycle aborted before any order has no realized profit (not a realized 0)
      out =
          with(
              r,
              OpportunityStatus.FAILED,
              x.traded() ? x.realizedProfit() : null,
              x.status().code() + ": " + x.reason());
    }
    return new Outcome(out, id, Optional.of(x));
  }

  /**
   * The result of one {@link #tradeInventory} call.
   *
   * @param record the scan's record, {@code rejected} with the limit when not traded; otherwise as
   *     given (the caller adds the outcome)
   * @param executed the execution, when the cycle was traded
   */
  record InventoryOutcome(
      OpportunityRecord record,
      String id,
      Optional<InventoryCycles.Outcome> executed,
      long executionId,
      String mode) {}

  /**
   * Trades one CEX–DEX cycle from inventory ({@link InventoryCycles}, all legs at once): the same
   * risk limits as {@link #tradeOne} ({@link RiskGate#checkInventory}), the same slot of {@code
   * max-open-cycles}, stored with its dead letter and counted into the day's totals (the daily loss
   * limit trips the kill switch).
   *
   * @param dex swaps the pool legs
   * @param send whether swaps are sent, or simulated
   * @param slippageBp how much less than planned a swap may receive, basis points
   */
  InventoryOutcome tradeInventory(
      OpportunityRecord r,
      TradePlan plan,
      Supplier<Books> books,
      OrderExecutor executor,
      DexLegs dex,
      boolean send,
      int slippageBp,
      BalanceView balances,
      Supplier<List<Holding>> ledgerAfter,
      Instant now,
      KillSwitch control) {
    if (control.engaged()) {
      return new InventoryOutcome(
          with(r, OpportunityStatus.REJECTED, null, "kill switch engaged: not traded"),
          null,
          Optional.empty(),
          -1,
          mode);
    }
    List<OrderBook> cycleBooks = cycleBooks(plan, books);
    tripOnDailyLoss(plan, now, control);
    Optional<String> refused = gate.checkInventory(plan, cycleBooks, now, now, balances);
    if (refused.isEmpty()) {
      refused = gate.acquire();
    }
    if (refused.isPresent()) {
      return new InventoryOutcome(
          with(r, OpportunityStatus.REJECTED, null, refused.get()),
          null,
          Optional.empty(),
          -1,
          mode);
    }
    String id = idPrefix + "i" + now.toEpochMilli() + "-" + seq.incrementAndGet();
    InventoryCycles.Outcome o;
    long executionId;
    boolean stopping = false;
    try {
      o = InventoryCycles.execute(plan, books, executor, dex, send, id, slippageBp);
      // interrupted while the legs were out (the daemon stopping): the execution is stored first
      stopping = Thread.interrupted();
      ExecutionResult x = o.result();
      executionId =
          repo.save(x, mode, r.detectedAt(), now, ledgerAfter == null ? null : ledgerAfter.get());
      if (gate.record(x, now)) {
        control.trip(lossMessage(now, plan.cycle().startAsset()));
      }
    } finally {
      gate.release();
      if (stopping) {
        Thread.currentThread().interrupt();
      }
    }
    return new InventoryOutcome(r, id, Optional.of(o), executionId, mode);
  }

  private String lossMessage(Instant now, Asset start) {
    return "daily loss limit: "
        + gate.dayRealized(now, start).negate().toPlainString()
        + " "
        + start
        + " lost today, limit "
        + gate.limits().dailyLossLimit().map(BigDecimal::toPlainString).orElse("none");
  }

  static OpportunityRecord with(
      OpportunityRecord r, OpportunityStatus status, BigDecimal realized, String reason) {
    return new OpportunityRecord(
        r.id(),
        r.detectedAt(),
        status,
        r.startAsset(),
        r.exchanges(),
        r.assets(),
        r.pathJson(),
        r.solutionJson(),
        r.estimatedProfit(),
        r.returnBp(),
        realized,
        reason);
  }

  /** The current books of the plan's book legs (pool legs have none). */
  private static List<OrderBook> cycleBooks(TradePlan plan, Supplier<Books> books) {
    List<OrderBook> out = new ArrayList<>();
    Books current = books.get();
    for (Leg leg : plan.cycle().legs()) {
      if (!leg.isPool()) {
        current.book(leg.market()).ifPresent(out::add);
      }
    }
    return out;
  }

  /**
   * Trips the kill switch when the day's loss in the plan's start asset already reached the limit
   * (e.g. after a restart on a day that lost too much): trading stops at once.
   */
  private void tripOnDailyLoss(TradePlan plan, Instant now, KillSwitch control) {
    Asset start = plan.cycle().startAsset();
    if (gate.dailyLossReached(now, start)) {
      control.trip(lossMessage(now, start));
    }
  }
}
