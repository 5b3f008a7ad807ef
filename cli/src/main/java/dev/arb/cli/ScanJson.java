package dev.arb.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.engine.lp.WholeGraphPlan;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.record.OpportunityStatus;
import dev.arb.engine.scan.Opportunity;
import dev.arb.engine.scan.ScanReport;
import dev.arb.engine.sizing.LegFill;
import dev.arb.engine.sizing.TradePlan;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The JSON forms of scan results: {@code arb scan --json} output and the path/solution documents
 * stored with each record. Amounts are exact decimal strings; basis points are numbers.
 */
final class ScanJson {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Doubles from the LP are shown with this many significant digits. */
  private static final MathContext LP_DIGITS = new MathContext(12);

  private ScanJson() {}

  static ObjectNode report(ScanReport report, List<String> notes) {
    ObjectNode root = JSON.createObjectNode();
    root.put("source", report.source());
    root.put("as_of", report.asOf().map(Instant::toString).orElse(null));
    root.put("markets", report.markets());
    root.put("nodes", report.search().nodes());
    root.put("edges", report.search().edges());
    root.put("negative_cycle", report.search().negativeCycleExists());
    ArrayNode ops = root.putArray("opportunities");
    for (Opportunity o : report.opportunities()) {
      ops.add(opportunity(o));
    }
    strings(root.putArray("notes"), notes);
    strings(root.putArray("problems"), report.problems());
    return root;
  }

  static ObjectNode opportunity(Opportunity o) {
    ObjectNode n = JSON.createObjectNode();
    n.put("rank", o.rank());
    strings(n.putArray("cycle"), assetCodes(o.cycle().assets()));
    strings(n.putArray("exchanges"), o.cycle().exchanges());
    n.put("return_bp", o.cycle().returnBp());
    Optional<TradePlan> plan = o.plan();
    n.put("start_amount", plan.map(p -> p.startAmount().toPlainString()).orElse(null));
    n.put("end_amount", plan.map(p -> p.endAmount().toPlainString()).orElse(null));
    n.put("profit", plan.map(p -> p.profit().toPlainString()).orElse(null));
    if (plan.isPresent()) {
      n.put("profit_bp", plan.get().profitBp());
    } else {
      n.putNull("profit_bp");
    }
    n.put("status", o.status().code());
    n.put("reason", o.reason().orElse(null));
    ArrayNode legs = n.putArray("legs");
    for (int i = 0; i < o.cycle().legs().size(); i++) {
      legs.add(leg(o.cycle().legs().get(i), plan.map(p -> p.fills()).orElse(List.of()), i));
    }
    return n;
  }

  private static ObjectNode leg(Leg leg, List<LegFill> fills, int i) {
    ObjectNode n = JSON.createObjectNode();
    n.put("market", leg.market().id());
    n.put("side", leg.side().name().toLowerCase(Locale.ROOT));
    n.put("from", leg.from().code());
    n.put("to", leg.to().code());
    n.put("fee_rate", leg.market().takerFee().toPlainString());
    if (i < fills.size()) {
      LegFill f = fills.get(i);
      n.put("spent", f.spent().toPlainString());
      n.put("received", f.received().toPlainString());
      n.put("base_amount", f.baseAmount().toPlainString());
      n.put("average_price", f.averagePrice().toPlainString());
      n.put("worst_price", f.worstPrice().toPlainString());
      n.put("fee", f.fee().toPlainString());
      n.put("levels_used", f.levelsUsed());
    }
    return n;
  }

  static ObjectNode lpPlan(WholeGraphPlan plan, String source, List<String> notes) {
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
    strings(n.putArray("notes"), notes);
    return n;
  }

  /** A double from the LP as a decimal string with 12 significant digits. */
  static String decimal(double v) {
    BigDecimal d = new BigDecimal(v).round(LP_DIGITS).stripTrailingZeros();
    return (d.scale() < 0 ? d.setScale(0) : d).toPlainString();
  }

  /** The stored record of one scan opportunity. */
  static OpportunityRecord record(Opportunity o, String source, Instant detectedAt) {
    Cycle c = o.cycle();
    ObjectNode path = JSON.createObjectNode();
    path.put("source", source);
    ArrayNode nodes = path.putArray("nodes");
    for (Leg l : c.legs()) {
      ObjectNode node = nodes.addObject();
      node.put("exchange", l.exchange());
      node.put("asset", l.from().code());
    }
    path.put("return_bp", c.returnBp());
    ArrayNode legs = path.putArray("legs");
    for (Leg l : c.legs()) {
      legs.add(leg(l, List.of(), 0));
    }
    ObjectNode solution = opportunity(o);
    BigDecimal profit = o.plan().map(TradePlan::profit).orElse(BigDecimal.ZERO);
    return new OpportunityRecord(
        0,
        detectedAt,
        o.status(),
        c.startAsset().code(),
        c.exchanges(),
        distinctAssets(c),
        path.toString(),
        o.plan().isPresent() ? solution.toString() : "{}",
        profit,
        c.returnBp(),
        null,
        o.reason().orElse(null));
  }

  /** The stored record of a whole-graph plan. */
  static OpportunityRecord record(
      WholeGraphPlan plan, String source, Instant detectedAt, List<String> notes) {
    LinkedHashSet<String> exchanges = new LinkedHashSet<>();
    LinkedHashSet<String> assets = new LinkedHashSet<>();
    assets.add(plan.start().code());
    for (WholeGraphPlan.Transaction t : plan.transactions()) {
      exchanges.add(t.marketId().substring(0, t.marketId().indexOf(':')));
      assets.add(t.from().code());
      assets.add(t.to().code());
    }
    ObjectNode solution = lpPlan(plan, source, notes);
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

  static List<String> assetCodes(List<Asset> assets) {
    List<String> out = new ArrayList<>(assets.size());
    for (Asset a : assets) {
      out.add(a.code());
    }
    return out;
  }

  private static List<String> distinctAssets(Cycle c) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (Leg l : c.legs()) {
      out.add(l.from().code());
    }
    return List.copyOf(out);
  }

  private static void strings(ArrayNode array, List<String> values) {
    for (String v : values) {
      array.add(v);
    }
  }
}
