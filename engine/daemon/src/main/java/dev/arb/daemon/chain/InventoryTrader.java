package dev.arb.daemon.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.daemon.trade.InventoryDesk;
import dev.arb.daemon.trade.KillSwitch;
import dev.arb.engine.chain.DexLegResult;
import dev.arb.engine.chain.DexLegs;
import dev.arb.engine.execution.DeadLetterKind;
import dev.arb.engine.execution.InventoryCycles;
import dev.arb.engine.json.Json;
import dev.arb.engine.record.ExecutionResult;
import dev.arb.engine.record.ExecutionStatus;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.record.OpportunityStatus;
import dev.arb.engine.sizing.TradePlan;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trades the CEX–DEX cycles a {@link ChainFollower} finds (book legs and pool legs joined by {@code
 * same-as}) from inventory, all legs at once ({@link InventoryCycles}), through the daemon's {@link
 * InventoryDesk}: book legs are orders of the daemon's own trading (paper fills, or the live
 * trader's journaled orders with {@code arb.trading.mode = live}) under the risk limits of {@code
 * arb.risk} and the kill switch; pool legs go through {@link DexLegs} (simulated with {@code
 * eth_call} in paper mode, sent in live mode). Each execution is stored in {@code executions},
 * where one that did not execute in full gets its dead letter as any cycle does; the opportunity
 * record is executed (realized profit), failed (why) or rejected (the limit), its solution carrying
 * {@code found_by: "daemon"}, {@code inventory: true} and each leg's expected and realized amounts.
 */
public final class InventoryTrader {
  private static final Logger LOG = LoggerFactory.getLogger(InventoryTrader.class);

  private final InventoryDesk desk;
  private final DexLegs dex;
  private final int slippageBp;
  private final KillSwitch control;

  /**
   * @param desk the daemon's trading (paper or live) the book legs go through
   * @param dex the pool legs: sent when the desk is live, else simulated
   * @param slippageBp how much less than planned a swap may receive, basis points
   * @param control the daemon's kill switch
   */
  public InventoryTrader(InventoryDesk desk, DexLegs dex, int slippageBp, KillSwitch control) {
    this.desk = Objects.requireNonNull(desk, "desk");
    this.dex = Objects.requireNonNull(dex, "dex");
    if (slippageBp < 0 || slippageBp >= 10_000) {
      throw new IllegalArgumentException("slippageBp must be in [0, 10000), got " + slippageBp);
    }
    this.slippageBp = slippageBp;
    this.control = Objects.requireNonNull(control, "control");
  }

  /**
   * What one trade did: the record to store and the execution behind it (empty when the desk
   * refused it: a risk limit, the kill switch, live trading paused).
   */
  public record Traded(
      OpportunityRecord record, Optional<InventoryCycles.Outcome> outcome, long executionId) {
    public Traded {
      Objects.requireNonNull(record, "record");
      Objects.requireNonNull(outcome, "outcome");
    }
  }

  /** Whether swaps are sent (live) or simulated (paper). */
  public boolean live() {
    return desk.live();
  }

  /**
   * Executes {@code plan} (the plan of the sized record {@code r}) from inventory and stores the
   * execution; returns the record to store.
   */
  public synchronized Traded trade(OpportunityRecord r, TradePlan plan) {
    InventoryDesk.Done d = desk.trade(r, plan, dex, slippageBp, control);
    if (d.executed().isEmpty()) {
      LOG.info("inventory cycle not traded ({}): {}", d.mode(), d.record().reason());
      return new Traded(
          with(
              d.record(),
              d.record().status(),
              null,
              d.record().reason(),
              rejectedSolution(r.solutionJson(), d.mode())),
          Optional.empty(),
          -1);
    }
    InventoryCycles.Outcome o = d.executed().get();
    ExecutionResult x = o.result();
    String mode = d.mode();
    String solution = solution(r.solutionJson(), o, x, mode);
    OpportunityRecord out;
    if (x.status() == ExecutionStatus.EXECUTED) {
      out = with(r, OpportunityStatus.EXECUTED, x.realizedProfit(), null, solution);
      LOG.info(
          "inventory cycle executed ({}): realized {} {}",
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
              solution);
      LOG.warn("inventory cycle {}: {}{}", x.status().code(), x.reason(), kind);
    }
    return new Traded(out, Optional.of(o), d.executionId());
  }

  /** The scan's solution marked as an inventory cycle the desk did not trade. */
  static String rejectedSolution(String scanned, String mode) {
    JsonNode parsed = Json.treeOrText(scanned);
    ObjectNode root = parsed instanceof ObjectNode n ? n : Json.nodes().objectNode();
    root.put("found_by", "daemon");
    root.put("inventory", true);
    root.put("mode", mode);
    return Json.write(root);
  }

  private static OpportunityRecord with(
      OpportunityRecord r,
      OpportunityStatus status,
      BigDecimal realized,
      String reason,
      String solution) {
    return new OpportunityRecord(
        r.id(),
        r.detectedAt(),
        status,
        r.startAsset(),
        r.exchanges(),
        r.assets(),
        r.pathJson(),
        solution,
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
