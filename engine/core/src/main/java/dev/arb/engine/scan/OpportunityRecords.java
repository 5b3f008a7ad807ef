package dev.arb.engine.scan;

import dev.arb.engine.json.Json;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.sizing.LegFill;
import dev.arb.engine.sizing.TradePlan;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where an opportunity becomes a record: the stored {@link OpportunityRecord} of each opportunity
 * of a scan, with its path and solution documents ({@link OpportunityJson}, written by {@link
 * Json}). {@code arb scan --json} prints the same solution document.
 */
public final class OpportunityRecords {
  private OpportunityRecords() {}

  /** One record per opportunity of {@code report}, in its order, detected at {@code at}. */
  public static List<OpportunityRecord> of(ScanReport report, Instant at) {
    List<OpportunityRecord> records = new ArrayList<>(report.opportunities().size());
    for (Opportunity o : report.opportunities()) {
      records.add(of(o, report.source(), at));
    }
    return records;
  }

  /** The stored record of one scan opportunity. */
  public static OpportunityRecord of(Opportunity o, String source, Instant detectedAt) {
    Cycle c = o.cycle();
    BigDecimal profit = o.plan().map(TradePlan::profit).orElse(BigDecimal.ZERO);
    return new OpportunityRecord(
        0,
        detectedAt,
        o.status(),
        c.startAsset().code(),
        c.exchanges(),
        distinctAssets(c),
        Json.write(path(o, source)),
        o.plan().isPresent() ? Json.write(solution(o)) : "{}",
        profit,
        c.returnBp(),
        null,
        o.reason().orElse(null));
  }

  /** The path document of one opportunity: its cycle's nodes and legs. */
  public static OpportunityJson.Path path(Opportunity o, String source) {
    Cycle c = o.cycle();
    List<OpportunityJson.Node> nodes = new ArrayList<>(c.legs().size());
    List<OpportunityJson.Leg> legs = new ArrayList<>(c.legs().size());
    for (Leg l : c.legs()) {
      nodes.add(new OpportunityJson.Node(l.exchange(), l.from().code()));
      legs.add(leg(l, null));
    }
    return new OpportunityJson.Path(source, nodes, c.returnBp(), legs);
  }

  /** The solution document of one opportunity: its cycle, plan and each leg's fill. */
  public static OpportunityJson.Solution solution(Opportunity o) {
    Optional<TradePlan> plan = o.plan();
    List<Leg> cycleLegs = o.cycle().legs();
    List<LegFill> fills = plan.map(TradePlan::fills).orElse(List.of());
    List<OpportunityJson.Leg> legs = new ArrayList<>(cycleLegs.size());
    for (int i = 0; i < cycleLegs.size(); i++) {
      legs.add(leg(cycleLegs.get(i), i < fills.size() ? fills.get(i) : null));
    }
    return new OpportunityJson.Solution(
        o.rank(),
        assetCodes(o.cycle().assets()),
        o.cycle().exchanges(),
        o.cycle().returnBp(),
        plan.map(TradePlan::startAmount).orElse(null),
        plan.map(TradePlan::endAmount).orElse(null),
        plan.map(TradePlan::profit).orElse(null),
        plan.map(TradePlan::profitBp).orElse(null),
        o.status().code(),
        o.reason().orElse(null),
        legs);
  }

  /** A leg, with its fill's amounts when {@code f} is given. */
  private static OpportunityJson.Leg leg(Leg leg, LegFill f) {
    return new OpportunityJson.Leg(
        leg.tradable().id(),
        leg.side().name().toLowerCase(Locale.ROOT),
        leg.from().code(),
        leg.to().code(),
        leg.tradable().fee(),
        f == null ? null : f.spent(),
        f == null ? null : f.received(),
        f == null ? null : f.baseAmount(),
        f == null ? null : f.averagePrice(),
        f == null ? null : f.worstPrice(),
        f == null ? null : f.fee(),
        f == null ? null : f.levelsUsed());
  }

  /** The codes of {@code assets}, in order. */
  public static List<String> assetCodes(List<Asset> assets) {
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
}
