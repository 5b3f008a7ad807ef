package dev.arb.engine.scan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * of a scan, with its path and solution documents (JSON; amounts as exact decimal strings, basis
 * points as numbers). {@code arb scan --json} prints the same solution document.
 */
public final class OpportunityRecords {
  private static final ObjectMapper JSON = new ObjectMapper();

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
      legs.add(leg(l, List.of(), 0, names));
    }
    ObjectNode solution = solution(o, names);
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

  /** The solution document of one opportunity, its nodes named by their asset codes. */
  public static ObjectNode solution(Opportunity o) {
    return solution(o, TokenNames.none());
  }

  /**
   * The solution document of one opportunity: its cycle (tokens named by {@code names}), plan and
   * each leg's fill; a pool leg also names its pool, DEX and tokens and, when sized, the swap's
   * integer amounts; with a gas price, the gas and the profit after it.
   */
  public static ObjectNode solution(Opportunity o, TokenNames names) {
    ObjectNode n = JSON.createObjectNode();
    n.put("rank", o.rank());
    strings(n.putArray("cycle"), nodeNames(o.cycle(), names));
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
    if (plan.isPresent() && plan.get().gas().isPresent()) {
      gas(n, plan.get(), names);
    }
    n.put("status", o.status().code());
    n.put("reason", o.reason().orElse(null));
    ArrayNode legs = n.putArray("legs");
    for (int i = 0; i < o.cycle().legs().size(); i++) {
      legs.add(leg(o.cycle().legs().get(i), plan.map(p -> p.fills()).orElse(List.of()), i, names));
    }
    return n;
  }

  /** Gas units, its cost in the start asset and per chain in the native token, profit after it. */
  private static void gas(ObjectNode n, TradePlan plan, TokenNames names) {
    GasCost g = plan.gas().orElseThrow();
    n.put("gas_units", g.units());
    n.put("gas_cost", g.value().toPlainString());
    n.put("profit_after_gas", plan.netProfit().toPlainString());
    n.put("profit_after_gas_bp", plan.netProfitBp());
    ArrayNode parts = n.putArray("gas_by_chain");
    for (GasCost.Part p : g.chains()) {
      ObjectNode c = parts.addObject();
      c.put("chain", p.chain());
      c.put("units", p.units());
      c.put("gas_price_gwei", p.gasPriceGwei().toPlainString());
      c.put("native_token", names.name(p.nativeToken()));
      c.put("native_token_address", p.nativeToken().checksumAddress());
      c.put("cost_native", p.nativeAmount().toPlainString());
      c.put("native_price", p.price().toPlainString());
      c.put("cost", p.value().toPlainString());
    }
  }

  private static ObjectNode leg(Leg leg, List<LegFill> fills, int i, TokenNames names) {
    ObjectNode n = JSON.createObjectNode();
    n.put("market", leg.tradable().id());
    n.put("side", leg.side().name().toLowerCase(Locale.ROOT));
    n.put("from", names.name(leg.exchange(), leg.from()));
    n.put("to", names.name(leg.exchange(), leg.to()));
    n.put("fee_rate", leg.tradable().fee().toPlainString());
    if (leg.tradable() instanceof Pool p) {
      boolean zeroForOne = leg.side() == Side.SELL;
      n.put("pool", Addresses.checksum(p.address()));
      n.put("dex", p.dex());
      n.put("token_in", p.tokenIn(zeroForOne).checksumAddress());
      n.put("token_out", p.tokenOut(zeroForOne).checksumAddress());
      if (i < fills.size()) {
        PoolSwap swap = fills.get(i).swap().orElseThrow();
        n.put("amount_in", swap.amountIn().toString());
        n.put("amount_out", swap.amountOut().toString());
        n.put("amount_in_decimal", swap.amountInDecimal().toPlainString());
        n.put("amount_out_decimal", swap.amountOutDecimal().toPlainString());
      }
    }
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

  private static void strings(ArrayNode array, List<String> values) {
    for (String v : values) {
      array.add(v);
    }
  }
}
