package dev.arb.engine.lp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.record.OpportunityStatus;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * Where a whole-graph plan becomes a record ({@code arb scan --plan lp --record}), and its JSON
 * document ({@code --json}). Doubles from the LP are shown with 12 significant digits.
 */
public final class WholeGraphPlanRecords {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Doubles from the LP are shown with this many significant digits. */
  private static final MathContext LP_DIGITS = new MathContext(12);

  private WholeGraphPlanRecords() {}

  /** The plan's JSON document. */
  public static ObjectNode json(WholeGraphPlan plan, String source, List<String> notes) {
    ObjectNode n = JSON.createObjectNode();
    n.put("source", source);
    n.put("plan", "lp");
    n.put("start", plan.start().code());
    n.put("steps", plan.steps());
    n.put("start_amount", decimal(plan.startAmount()));
    n.put("final_amount", decimal(plan.finalAmount()));
    n.put("profit", decimal(plan.profit()));
    n.put("return_bp", plan.returnBp());
    ArrayNode txs = n.putArray("transactions");
    for (WholeGraphPlan.Transaction t : plan.transactions()) {
      ObjectNode x = txs.addObject();
      x.put("step", t.step());
      x.put("market", t.marketId());
      x.put("side", t.side().name().toLowerCase(Locale.ROOT));
      x.put("from", t.from().code());
      x.put("to", t.to().code());
      x.put("level", t.level());
      x.put("amount_in", decimal(t.amountIn()));
      x.put("amount_out", decimal(t.amountOut()));
    }
    ArrayNode ns = n.putArray("notes");
    for (String v : notes) {
      ns.add(v);
    }
    return n;
  }

  /** A double from the LP as a decimal string with 12 significant digits. */
  public static String decimal(double v) {
    BigDecimal d = new BigDecimal(v).round(LP_DIGITS).stripTrailingZeros();
    return (d.scale() < 0 ? d.setScale(0) : d).toPlainString();
  }

  /** The stored record of a whole-graph plan. */
  public static OpportunityRecord of(
      WholeGraphPlan plan, String source, Instant detectedAt, List<String> notes) {
    LinkedHashSet<String> exchanges = new LinkedHashSet<>();
    LinkedHashSet<String> assets = new LinkedHashSet<>();
    assets.add(plan.start().code());
    for (WholeGraphPlan.Transaction t : plan.transactions()) {
      exchanges.add(t.marketId().substring(0, t.marketId().indexOf(':')));
      assets.add(t.from().code());
      assets.add(t.to().code());
    }
    ObjectNode solution = json(plan, source, notes);
    ObjectNode path = JSON.createObjectNode();
    path.put("source", source);
    path.put("plan", "lp");
    path.set("transactions", solution.get("transactions"));
    boolean profitable = plan.profit() > 0;
    return new OpportunityRecord(
        0,
        detectedAt,
        profitable ? OpportunityStatus.SIZED : OpportunityStatus.REJECTED,
        plan.start().code(),
        List.copyOf(exchanges),
        List.copyOf(assets),
        path.toString(),
        solution.toString(),
        new BigDecimal(decimal(plan.profit())),
        plan.returnBp(),
        null,
        profitable ? null : "no profit: the best whole-graph plan ends with no gain");
  }
}
