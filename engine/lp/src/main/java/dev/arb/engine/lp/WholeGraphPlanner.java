package dev.arb.engine.lp;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Side;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The whole-graph plan ({@code --plan lp}): the multi-step LP of MO-book (Postek et al., notebook
 * 4.5), which can beat any single cycle because it combines cycles and respects each market's
 * capacity.
 *
 * <p>Graph: for each book and each of its first {@code levels} levels, a bid edge base → quote with
 * multiplier {@code bid·(1−fee)} and capacity {@code amount} (base units), and an ask edge quote →
 * base with multiplier {@code (1/ask)·(1−fee)} and capacity {@code amount·ask} (quote units).
 *
 * <p>Programme: balances {@code v[n][t]} ≥ 0 for t = 0..T with {@code v[start][0] = amount} and
 * every other {@code v[n][0] = 0}; trades {@code x[e][t]} ≥ 0; {@code v[n][t] = v[n][t−1] + Σ_in
 * a_e x[e][t] − Σ_out x[e][t]}; no shorting: {@code Σ_out x[e][t] ≤ v[n][t−1]} (a step trades only
 * what was held before it); capacity: {@code Σ_t x[e][t] ≤ c_e}; maximise {@code v[start][T]}.
 */
public final class WholeGraphPlanner {

  /**
   * The largest programme solved: markets × steps (the LP has about twice that many variables). The
   * solver's time grows faster than the size: a dense 50-asset rate table (2,450 markets) at 8
   * steps took over a minute. Callers refuse larger inputs with this limit.
   */
  public static final int MAX_MARKET_STEPS = 10_000;

  /** Trades below this amount are solver noise (feasibility tolerance) and are not reported. */
  private static final double SHOWN = 1e-8;

  private WholeGraphPlanner() {}

  /** The plan on the top of book of each market (MO-book's model). */
  public static WholeGraphPlan plan(
      MarketSnapshot snapshot, Asset start, BigDecimal amount, int steps) {
    return plan(snapshot, start, amount, steps, 1);
  }

  /**
   * The plan using the first {@code levels} levels of each book side (each level its own edge).
   *
   * @throws IllegalStateException if the solver fails (a defect, not an expected outcome)
   */
  public static WholeGraphPlan plan(
      MarketSnapshot snapshot, Asset start, BigDecimal amount, int steps, int levels) {
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(start, "start");
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be >= 1, got " + steps);
    }
    if (levels < 1) {
      throw new IllegalArgumentException("levels must be >= 1, got " + levels);
    }
    double v0 = amount.doubleValue();
    List<Edge> edges = edges(snapshot, levels);
    Map<Asset, Integer> node = new HashMap<>();
    List<Asset> nodes = new ArrayList<>();
    for (Edge e : edges) {
      for (Asset a : new Asset[] {e.from, e.to}) {
        if (!node.containsKey(a)) {
          node.put(a, nodes.size());
          nodes.add(a);
        }
      }
    }
    if (!node.containsKey(start) || !(v0 > 0)) {
      return new WholeGraphPlan(start, v0, steps, v0, List.of());
    }
    int s = node.get(start);
    ExpressionsBasedModel model = new ExpressionsBasedModel();
    Variable[][] x = new Variable[edges.size()][steps + 1];
    for (int e = 0; e < edges.size(); e++) {
      Expression cap = model.addExpression("cap" + e).lower(0).upper(edges.get(e).capacity);
      for (int t = 1; t <= steps; t++) {
        x[e][t] = model.addVariable("x" + e + "_" + t).lower(0);
        cap.set(x[e][t], 1.0);
      }
    }
    Variable[][] v = new Variable[nodes.size()][steps + 1];
    for (int n = 0; n < nodes.size(); n++) {
      for (int t = 1; t <= steps; t++) {
        v[n][t] = model.addVariable("v" + n + "_" + t).lower(0);
      }
    }
    v[s][steps].weight(1.0);
    for (int t = 1; t <= steps; t++) {
      Expression[] balance = new Expression[nodes.size()];
      Expression[] noShort = new Expression[nodes.size()];
      for (int n = 0; n < nodes.size(); n++) {
        double held = t == 1 && n == s ? v0 : 0.0;
        // v[n][t] − v[n][t−1] − Σ_in a x + Σ_out x = 0, with v[n][0] a constant moved right
        balance[n] = model.addExpression("bal" + n + "_" + t).level(t == 1 ? held : 0.0);
        balance[n].set(v[n][t], 1.0);
        // Σ_out x − v[n][t−1] ≤ 0
        noShort[n] = model.addExpression("short" + n + "_" + t).upper(t == 1 ? held : 0.0);
        if (t > 1) {
          balance[n].set(v[n][t - 1], -1.0);
          noShort[n].set(v[n][t - 1], -1.0);
        }
      }
      for (int e = 0; e < edges.size(); e++) {
        Edge edge = edges.get(e);
        int from = node.get(edge.from);
        int to = node.get(edge.to);
        balance[from].set(x[e][t], 1.0);
        balance[to].set(x[e][t], -edge.multiplier);
        noShort[from].set(x[e][t], 1.0);
      }
    }
    Optimisation.Result result = model.maximise();
    if (!result.getState().isOptimal()) {
      throw new IllegalStateException("whole-graph LP not solved: " + result.getState());
    }
    List<WholeGraphPlan.Transaction> trades = new ArrayList<>();
    for (int t = 1; t <= steps; t++) {
      for (int e = 0; e < edges.size(); e++) {
        Edge edge = edges.get(e);
        double in = x[e][t].getValue().doubleValue();
        if (in > SHOWN) {
          trades.add(
              new WholeGraphPlan.Transaction(
                  t,
                  edge.from,
                  edge.to,
                  edge.marketId,
                  edge.side,
                  edge.level,
                  in,
                  in * edge.multiplier));
        }
      }
    }
    double fin = v[s][steps].getValue().doubleValue();
    return new WholeGraphPlan(start, v0, steps, fin, trades);
  }

  private record Edge(
      Asset from,
      Asset to,
      String marketId,
      Side side,
      int level,
      double multiplier,
      double capacity) {}

  private static List<Edge> edges(MarketSnapshot snapshot, int levels) {
    List<Edge> out = new ArrayList<>();
    for (OrderBook b : snapshot.books()) {
      double keep = BigDecimal.ONE.subtract(b.market().takerFee()).doubleValue();
      String id = b.market().id();
      for (int j = 0; j < Math.min(levels, b.bids().size()); j++) {
        BookLevel l = b.bids().get(j);
        out.add(
            new Edge(
                b.market().base(),
                b.market().quote(),
                id,
                Side.SELL,
                j,
                l.price().doubleValue() * keep,
                l.amount().doubleValue()));
      }
      for (int j = 0; j < Math.min(levels, b.asks().size()); j++) {
        BookLevel l = b.asks().get(j);
        double price = l.price().doubleValue();
        out.add(
            new Edge(
                b.market().quote(),
                b.market().base(),
                id,
                Side.BUY,
                j,
                keep / price,
                l.amount().doubleValue() * price));
      }
    }
    return out;
  }
}
