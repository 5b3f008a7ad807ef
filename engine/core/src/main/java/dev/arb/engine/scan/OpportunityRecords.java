package dev.arb.engine.scan;

import dev.arb.engine.json.Json;
import dev.arb.engine.model.Addresses;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.Pool;
import dev.arb.engine.model.Side;
import dev.arb.engine.pool.TokenNames;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.sizing.GasCost;
import dev.arb.engine.sizing.LegFill;
import dev.arb.engine.sizing.PoolSwap;
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
      records.add(of(o, report.source(), at, report.names()));
    }
    return records;
  }

  /** The stored record of one scan opportunity, its nodes named by their asset codes. */
  public static OpportunityRecord of(Opportunity o, String source, Instant detectedAt) {
    return of(o, source, detectedAt, TokenNames.none());
  }

  /** The stored record of one scan opportunity, its tokens named by {@code names}. */
  public static OpportunityRecord of(
      Opportunity o, String source, Instant detectedAt, TokenNames names) {
    Cycle c = o.cycle();
    BigDecimal profit = o.plan().map(TradePlan::profit).orElse(BigDecimal.ZERO);
    return new OpportunityRecord(
        0,
        detectedAt,
        o.status(),
        c.startAsset().code(),
        c.exchanges(),
        distinctAssets(c),
        Json.write(path(o, source, names)),
        o.plan().isPresent() ? Json.write(solution(o, names)) : "{}",
        profit,
        c.returnBp(),
        null,
        o.reason().orElse(null));
  }

  /** The path document of one opportunity: its cycle's nodes and legs. */
  public static OpportunityJson.Path path(Opportunity o, String source, TokenNames names) {
    Cycle c = o.cycle();
    List<OpportunityJson.Node> nodes = new ArrayList<>(c.legs().size());
    List<OpportunityJson.Leg> legs = new ArrayList<>(c.legs().size());
    for (Leg l : c.legs()) {
      nodes.add(new OpportunityJson.Node(l.exchange(), l.from().code()));
      legs.add(leg(l, null, names));
    }
    return new OpportunityJson.Path(source, nodes, c.returnBp(), legs);
  }

  /** The solution document of one opportunity, its nodes named by their asset codes. */
  public static OpportunityJson.Solution solution(Opportunity o) {
    return solution(o, TokenNames.none());
  }

  /**
   * The solution document of one opportunity: its cycle (tokens named by {@code names}), plan and
   * each leg's fill; a pool leg also names its pool, DEX and tokens and, when sized, the swap's
   * integer amounts; with a gas price, the gas and the profit after it.
   */
  public static OpportunityJson.Solution solution(Opportunity o, TokenNames names) {
    Optional<TradePlan> plan = o.plan();
    List<Leg> cycleLegs = o.cycle().legs();
    List<LegFill> fills = plan.map(TradePlan::fills).orElse(List.of());
    List<OpportunityJson.Leg> legs = new ArrayList<>(cycleLegs.size());
    for (int i = 0; i < cycleLegs.size(); i++) {
      legs.add(leg(cycleLegs.get(i), i < fills.size() ? fills.get(i) : null, names));
    }
    Optional<GasCost> gas = plan.flatMap(TradePlan::gas);
    return new OpportunityJson.Solution(
        o.rank(),
        nodeNames(o.cycle(), names),
        o.cycle().exchanges(),
        o.cycle().returnBp(),
        plan.map(TradePlan::startAmount).orElse(null),
        plan.map(TradePlan::endAmount).orElse(null),
        plan.map(TradePlan::profit).orElse(null),
        plan.map(TradePlan::profitBp).orElse(null),
        gas.map(GasCost::units).orElse(null),
        gas.map(GasCost::value).orElse(null),
        gas.isPresent() ? plan.get().netProfit() : null,
        gas.isPresent() ? plan.get().netProfitBp() : null,
        gas.map(g -> gasByChain(g, names)).orElse(null),
        o.status().code(),
        o.reason().orElse(null),
        legs);
  }

  /** Each chain's gas: units, price, cost in the native token and in the start asset. */
  private static List<OpportunityJson.Gas> gasByChain(GasCost g, TokenNames names) {
    List<OpportunityJson.Gas> out = new ArrayList<>(g.chains().size());
    for (GasCost.Part p : g.chains()) {
      out.add(
          new OpportunityJson.Gas(
              p.chain(),
              p.units(),
              p.gasPriceGwei(),
              names.name(p.nativeToken()),
              p.nativeToken().checksumAddress(),
              p.nativeAmount(),
              p.price(),
              p.value()));
    }
    return out;
  }

  /** A leg, with its fill's amounts (and a pool's integer swap) when {@code f} is given. */
  private static OpportunityJson.Leg leg(Leg leg, LegFill f, TokenNames names) {
    Pool pool = leg.tradable() instanceof Pool p ? p : null;
    boolean zeroForOne = leg.side() == Side.SELL;
    PoolSwap swap = pool == null || f == null ? null : f.swap().orElseThrow();
    return new OpportunityJson.Leg(
        leg.tradable().id(),
        leg.side().name().toLowerCase(Locale.ROOT),
        names.name(leg.exchange(), leg.from()),
        names.name(leg.exchange(), leg.to()),
        leg.tradable().fee(),
        pool == null ? null : Addresses.checksum(pool.address()),
        pool == null ? null : pool.dex(),
        pool == null ? null : pool.tokenIn(zeroForOne).checksumAddress(),
        pool == null ? null : pool.tokenOut(zeroForOne).checksumAddress(),
        swap == null ? null : swap.amountIn(),
        swap == null ? null : swap.amountOut(),
        swap == null ? null : swap.amountInDecimal(),
        swap == null ? null : swap.amountOutDecimal(),
        f == null ? null : f.spent(),
        f == null ? null : f.received(),
        f == null ? null : f.baseAmount(),
        f == null ? null : f.averagePrice(),
        f == null ? null : f.worstPrice(),
        f == null ? null : f.fee(),
        f == null ? null : f.levelsUsed());
  }

  /**
   * The cycle's nodes as output names them, first and last the start: a token by its name in {@code
   * names}, an exchange asset by its code; where a same-as join carries the amount from one to the
   * other, both, as {@code ETH=WETH} (received as ETH, spent as WETH).
   */
  public static List<String> nodeNames(Cycle c, TokenNames names) {
    List<Leg> legs = c.legs();
    List<String> out = new ArrayList<>(legs.size() + 1);
    String start = names.name(legs.get(0).exchange(), legs.get(0).from());
    out.add(start);
    for (int i = 1; i <= legs.size(); i++) {
      Leg prev = legs.get(i - 1);
      String received = names.name(prev.exchange(), prev.to());
      String spent =
          i == legs.size() ? start : names.name(legs.get(i).exchange(), legs.get(i).from());
      out.add(received.equals(spent) ? spent : received + "=" + spent);
    }
    return out;
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
