package dev.arb.daemon.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.daemon.trade.PaperTrader;
import dev.arb.engine.chain.DexLegResult;
import dev.arb.engine.chain.DexLegs;
import dev.arb.engine.execution.Books;
import dev.arb.engine.execution.DeadLetterKind;
import dev.arb.engine.execution.InventoryCycles;
import dev.arb.engine.json.Json;
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
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trades the CEX–DEX cycles a {@link ChainFollower} finds (book legs and pool legs joined by {@code
 * same-as}) from inventory, all legs at once ({@link InventoryCycles}): book legs through the
 * {@link OrderExecutor} (paper fills, or live orders with {@code arb.trading.mode = live}), pool
 * legs through {@link DexLegs} (simulated with {@code eth_call} in paper mode, sent in live mode).
 * Each execution is stored in {@code executions}, where one that did not execute in full gets its
 * dead letter as any cycle does; the opportunity record is executed (realized profit) or failed
 * (why), its solution carrying {@code found_by: "daemon"}, {@code inventory: true} and each leg's
 * expected and realized amounts.
 */
public final class InventoryTrader {
  private static final Logger LOG = LoggerFactory.getLogger(InventoryTrader.class);

  private final ExecutionRepository executions;
  private final Supplier<Books> books;
  private final OrderExecutor orders;
  private final DexLegs dex;
  private final boolean send;
  private final int slippageBp;
  private final Clock clock;
  private final Supplier<List<Holding>> ledger;
  private long seq;

  /**
   * @param books the current books (unwinds and dust checks)
   * @param send whether swaps are sent ({@code arb.trading.mode = live}); else simulated
   * @param slippageBp how much less than planned a swap may receive, basis points
   */
  public InventoryTrader(
      ExecutionRepository executions,
      Supplier<Books> books,
      OrderExecutor orders,
      DexLegs dex,
      boolean send,
      int slippageBp,
      Clock clock) {
    this(executions, books, orders, dex, send, slippageBp, clock, () -> null);
  }

  /**
   * As the other constructor, and each execution is stored with {@code ledger} (the paper ledger's
   * balances after it, as the daemon's paper trades are; null: not stored).
   */
  public InventoryTrader(
      ExecutionRepository executions,
      Supplier<Books> books,
      OrderExecutor orders,
      DexLegs dex,
      boolean send,
      int slippageBp,
      Clock clock,
      Supplier<List<Holding>> ledger) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.executions = Objects.requireNonNull(executions, "executions");
    this.books = Objects.requireNonNull(books, "books");
    this.orders = Objects.requireNonNull(orders, "orders");
    this.dex = Objects.requireNonNull(dex, "dex");
    this.send = send;
    if (slippageBp < 0 || slippageBp >= 10_000) {
      throw new IllegalArgumentException("slippageBp must be in [0, 10000), got " + slippageBp);
    }
    this.slippageBp = slippageBp;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A trader whose book legs fill on paper on the daemon's latest books ({@code books}, made again
   * whenever newer ones were scanned), every fill moving {@code paper}'s ledger, and each execution
   * stored with that ledger's balances: what {@code arb run} wires for {@code follow.inventory}.
   */
  public static InventoryTrader onPaper(
      ExecutionRepository executions,
      Supplier<List<OrderBook>> books,
      PaperTrader paper,
      DexLegs dex,
      boolean send,
      int slippageBp,
      Clock clock) {
    LatestBooksPaperExecutor orders = new LatestBooksPaperExecutor(books, paper.ledger());
    return new InventoryTrader(
        executions, orders::books, orders, dex, send, slippageBp, clock, paper.ledger()::holdings);
  }

  /** What one trade did: the record to store and the execution behind it. */
  public record Traded(
      OpportunityRecord record, InventoryCycles.Outcome outcome, long executionId) {
    public Traded {
      Objects.requireNonNull(record, "record");
      Objects.requireNonNull(outcome, "outcome");
    }
  }

  /** Whether swaps are sent (live) or simulated (paper). */
  public boolean live() {
    return send;
  }

  /**
   * Executes {@code plan} (the plan of the sized record {@code r}) from inventory and stores the
   * execution; returns the record to store.
   */
  public synchronized Traded trade(OpportunityRecord r, TradePlan plan) {
    Instant now = clock.instant();
    String id = (send ? "i" : "q") + now.toEpochMilli() + "-" + (++seq);
    InventoryCycles.Outcome o =
        InventoryCycles.execute(plan, books, orders, dex, send, id, slippageBp);
    ExecutionResult x = o.result();
    String mode = send ? "live" : "paper";
    long executionId = executions.save(x, mode, r.detectedAt(), now, ledger.get());
    OpportunityRecord out;
    if (x.status() == ExecutionStatus.EXECUTED) {
      out = with(r, OpportunityStatus.EXECUTED, x.realizedProfit(), null, o, x, mode);
      LOG.info(
          "inventory cycle {} executed ({}): realized {} {}",
          id,
          mode,
          x.realizedProfit().toPlainString(),
          plan.cycle().startAsset());
    } else {
      String kind = DeadLetterKind.of(x).map(k -> " (dead letter: " + k.code() + ")").orElse("");
      out =
          with(
              r,
              OpportunityStatus.FAILED,
              x.traded() ? x.realizedProfit() : null,
              x.status().code() + ": " + x.reason() + kind,
              o,
              x,
              mode);
      LOG.warn("inventory cycle {} {}: {}{}", id, x.status().code(), x.reason(), kind);
    }
    return new Traded(out, o, executionId);
  }

  private static OpportunityRecord with(
      OpportunityRecord r,
      OpportunityStatus status,
      BigDecimal realized,
      String reason,
      InventoryCycles.Outcome o,
      ExecutionResult x,
      String mode) {
    return new OpportunityRecord(
        r.id(),
        r.detectedAt(),
        status,
        r.startAsset(),
        r.exchanges(),
        r.assets(),
        r.pathJson(),
        solution(r.solutionJson(), o, x, mode),
        r.estimatedProfit(),
        r.returnBp(),
        realized,
        reason);
  }

  /** The scan's solution with the inventory execution added: each leg planned and done. */
  static String solution(
      String scanned, InventoryCycles.Outcome o, ExecutionResult x, String mode) {
    ObjectNode root;
    JsonNode parsed = Json.treeOrText(scanned);
    root = parsed instanceof ObjectNode n ? n : Json.nodes().objectNode();
    root.put("found_by", "daemon");
    root.put("inventory", true);
    root.put("mode", mode);
    root.put("execution_status", x.status().code());
    root.put("realized_profit", x.realizedProfit().toPlainString());
    ArrayNode legs = root.putArray("legs_executed");
    for (InventoryCycles.LegOutcome l : o.legs()) {
      ObjectNode n = legs.addObject();
      n.put("venue", l.venue());
      n.put("route", l.route());
      n.put("expected_spent", l.expectedSpent().toPlainString());
      n.put("expected_received", l.expectedReceived().toPlainString());
      n.put("realized_spent", l.realizedSpent().toPlainString());
      n.put("realized_received", l.realizedReceived().toPlainString());
      if (l.ref() != null) {
        n.put("ref", l.ref());
      }
      n.put("done", l.done());
      if (!l.note().isEmpty()) {
        n.put("note", l.note());
      }
    }
    ArrayNode swaps = root.putArray("swaps");
    for (DexLegResult s : o.swaps()) {
      ObjectNode n = swaps.addObject();
      n.put("done", s.done());
      n.put("amount_in_wei", s.amountIn().toString());
      n.put("amount_out_wei", s.amountOut().toString());
      s.txHash().ifPresent(h -> n.put("tx_hash", h));
      s.block().ifPresent(b -> n.put("mined_block", b));
      if (s.gasUsed().signum() > 0) {
        n.put("gas_used", s.gasUsed().toString());
      }
      if (s.gasSpentWei().compareTo(BigInteger.ZERO) > 0) {
        n.put("gas_spent_wei", s.gasSpentWei().toString());
      }
    }
    return Json.write(root);
  }
}
