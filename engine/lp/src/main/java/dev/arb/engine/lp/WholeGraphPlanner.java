package dev.arb.engine.lp;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Side;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayDeque;
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
 * 4.5), which can beat any single cycle because it combines cycles, repeats them, and respects each
 * market's capacity.
 *
 * <p>Graph: for each book and each of its first {@code levels} levels, a bid edge base → quote with
 * multiplier {@code bid·(1−fee)} and capacity {@code amount} (base units), and an ask edge quote →
 * base with multiplier {@code (1/ask)·(1−fee)} and capacity {@code amount·ask} (quote units).
 *
 * <p>Programme: balances {@code v[n][t]} ≥ 0 for t = 0..T with {@code v[start][0] = amount} and
 * every other {@code v[n][0] = 0}; trades {@code x[e][t]} ≥ 0; {@code v[n][t] = v[n][t−1] + Σ_in
 * a_e x[e][t] − Σ_out x[e][t]}; no shorting: {@code Σ_out x[e][t] ≤ v[n][t−1]} (a step trades only
 * what was held before it); capacity: {@code Σ_t x[e][t] ≤ c_e}; maximise {@code v[start][T]}.
 *
 * <p>How it stays exact. Found in double, decided exactly:
 *
 * <ul>
 *   <li>Scaling: every amount is measured in start-asset value (each asset priced by the mid rates
 *       along a breadth-first tree from the start asset) as a fraction of the start amount, so the
 *       solver sees balances near 1 and multipliers near 1 whatever the assets' magnitudes (BTC
 *       against SHIB, 10,000 USD against 0.001 BTC).
 *   <li>Objective = profit, not final amount: {@code Σ (a'_e − 1)·X[e][t] − Σ_{n≠start} V[n][T]}
 *       (the change of total value minus what is left outside the start asset), with {@code a'_e −
 *       1} computed in decimal. A cycle that pays 4·10⁻⁸ of the amount has a reduced cost of that
 *       size instead of a difference of two numbers near 10,000.
 *   <li>Capacities that no plan can reach (above {@code 2·steps·max(a')^steps} of the start value:
 *       rate tables have 10³⁰ units of depth) are left out rather than handed to the solver.
 *   <li>The solver's trades are then replayed exactly ({@link ExactReplay}): in BigDecimal, step by
 *       step, each trade cut to what was held before its step and to the level's remaining
 *       capacity, rounded down to the market's lot size and dropped below its minimums, and each
 *       amount received rounded down. The plan reports what that replay pays, never what the solver
 *       claimed; a replay that ends below the start amount is replaced by the empty plan.
 * </ul>
 */
public final class WholeGraphPlanner {

  /**
   * The largest programme solved: markets × steps (the LP has about twice that many variables). The
   * solver's time grows faster than the size: a dense 50-asset rate table (2,450 markets) at 8
   * steps took over a minute. Callers refuse larger inputs with this limit.
   */
  public static final int MAX_MARKET_STEPS = 10_000;

  /** Scaled trades (fractions of the start amount's value) below this are solver noise. */
  private static final double NOISE = 1e-13;

  private static final MathContext MC = MathContext.DECIMAL128;

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
    Objects.requireNonNull(amount, "amount");
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be >= 1, got " + steps);
    }
    if (levels < 1) {
      throw new IllegalArgumentException("levels must be >= 1, got " + levels);
    }
    List<ExactReplay.Edge> all = edges(snapshot, levels);
    Map<Asset, Double> value = values(all, start);
    List<ExactReplay.Edge> edges = new ArrayList<>();
    for (ExactReplay.Edge e : all) {
      if (value.containsKey(e.from()) && value.containsKey(e.to())) {
        edges.add(e);
      }
    }
    if (edges.isEmpty() || amount.signum() <= 0) {
      return WholeGraphPlan.empty(start, amount, steps);
    }
    Map<Asset, Integer> node = new HashMap<>();
    List<Asset> nodes = new ArrayList<>();
    for (ExactReplay.Edge e : edges) {
      for (Asset a : new Asset[] {e.from(), e.to()}) {
        if (!node.containsKey(a)) {
          node.put(a, nodes.size());
          nodes.add(a);
        }
      }
    }
    int s = node.get(start);
    double v0 = amount.doubleValue();
    ExpressionsBasedModel model = new ExpressionsBasedModel();
    Variable[][] x = new Variable[edges.size()][steps + 1];
    double[] scaledRate = new double[edges.size()];
    double[] gain = new double[edges.size()];
    double maxRate = 1;
    for (int e = 0; e < edges.size(); e++) {
      ExactReplay.Edge edge = edges.get(e);
      BigDecimal pFrom = new BigDecimal(value.get(edge.from()));
      BigDecimal aTo = edge.rate().multiply(new BigDecimal(value.get(edge.to())), MC);
      // a' = a·p_to/p_from; its objective weight a' − 1 = (a·p_to − p_from)/p_from in decimal
      scaledRate[e] = aTo.divide(pFrom, MC).doubleValue();
      gain[e] = aTo.subtract(pFrom).divide(pFrom, MC).doubleValue();
      maxRate = Math.max(maxRate, scaledRate[e]);
    }
    // no plan holds more than maxRate^steps of value at any time, nor trades more than steps times
    // that on one edge: a capacity above this bound never binds and is left out (rate tables have
    // 10^30 units of depth, which would only spoil the solver's scaling)
    double bound = 2 * steps * Math.pow(maxRate, steps);
    for (int e = 0; e < edges.size(); e++) {
      ExactReplay.Edge edge = edges.get(e);
      BigDecimal pFrom = new BigDecimal(value.get(edge.from()));
      double cap = edge.capacity().multiply(pFrom, MC).divide(amount, MC).doubleValue();
      Expression capacity = cap < bound ? model.addExpression("cap" + e).lower(0).upper(cap) : null;
      for (int t = 1; t <= steps; t++) {
        x[e][t] = model.addVariable("x" + e + "_" + t).lower(0).weight(gain[e]);
        if (capacity != null) {
          capacity.set(x[e][t], 1.0);
        }
      }
    }
    Variable[][] v = new Variable[nodes.size()][steps + 1];
    for (int n = 0; n < nodes.size(); n++) {
      for (int t = 1; t <= steps; t++) {
        v[n][t] = model.addVariable("v" + n + "_" + t).lower(0);
      }
      if (n != s) {
        // value left outside the start asset at the end is lost
        v[n][steps].weight(-1.0);
      }
    }
    for (int t = 1; t <= steps; t++) {
      Expression[] balance = new Expression[nodes.size()];
      Expression[] noShort = new Expression[nodes.size()];
      for (int n = 0; n < nodes.size(); n++) {
        double held = t == 1 && n == s ? 1.0 : 0.0;
        // v[n][t] − v[n][t−1] − Σ_in a' x + Σ_out x = 0, with v[n][0] a constant moved right
        balance[n] = model.addExpression("bal" + n + "_" + t).level(held);
        balance[n].set(v[n][t], 1.0);
        // Σ_out x − v[n][t−1] ≤ 0
        noShort[n] = model.addExpression("short" + n + "_" + t).upper(held);
        if (t > 1) {
          balance[n].set(v[n][t - 1], -1.0);
          noShort[n].set(v[n][t - 1], -1.0);
        }
      }
      for (int e = 0; e < edges.size(); e++) {
        ExactReplay.Edge edge = edges.get(e);
        int from = node.get(edge.from());
        int to = node.get(edge.to());
        balance[from].set(x[e][t], 1.0);
        balance[to].set(x[e][t], -scaledRate[e]);
        noShort[from].set(x[e][t], 1.0);
      }
    }
    Optimisation.Result result = model.maximise();
    if (!result.getState().isOptimal()) {
      throw new IllegalStateException("whole-graph LP not solved: " + result.getState());
    }
    List<ExactReplay.Trade> trades = new ArrayList<>();
    for (int t = 1; t <= steps; t++) {
      for (int e = 0; e < edges.size(); e++) {
        double scaled = x[e][t].getValue().doubleValue();
        if (scaled > NOISE) {
          ExactReplay.Edge edge = edges.get(e);
          // back to the edge's from-asset: X·v0/p_from
          double in = scaled * v0 / value.get(edge.from());
          trades.add(new ExactReplay.Trade(t, edge, new BigDecimal(in)));
        }
      }
    }
    double solverProfit = result.getValue();
    return ExactReplay.replay(start, amount, steps, trades, v0 * (1 + solverProfit));
  }

  /**
   * The start-asset value of one unit of each asset reachable from {@code start}: breadth-first
   * over the markets, each step priced at the geometric mean of the pair's two top-of-book rates
   * (or the one rate of a one-way pair).
   */
  static Map<Asset, Double> values(List<ExactReplay.Edge> edges, Asset start) {
    Map<Asset, List<ExactReplay.Edge>> out = new HashMap<>();
    Map<List<Asset>, Double> best = new HashMap<>();
    for (ExactReplay.Edge e : edges) {
      out.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
      best.merge(List.of(e.from(), e.to()), e.rate().doubleValue(), Math::max);
    }
    Map<Asset, Double> value = new HashMap<>();
    value.put(start, 1.0);
    ArrayDeque<Asset> queue = new ArrayDeque<>();
    queue.add(start);
    while (!queue.isEmpty()) {
      Asset a = queue.poll();
      for (ExactReplay.Edge e : out.getOrDefault(a, List.of())) {
        if (!value.containsKey(e.to())) {
          // one unit of `from` buys about `mid` units of `to`
          double forward = best.get(List.of(e.from(), e.to()));
          Double back = best.get(List.of(e.to(), e.from()));
          double mid = back != null && back > 0 ? Math.sqrt(forward / back) : forward;
          value.put(e.to(), value.get(a) / mid);
          queue.add(e.to());
        }
      }
    }
    return value;
  }

  private static List<ExactReplay.Edge> edges(MarketSnapshot snapshot, int levels) {
    List<ExactReplay.Edge> out = new ArrayList<>();
    for (OrderBook b : snapshot.books()) {
      Market m = b.market();
      BigDecimal keep = BigDecimal.ONE.subtract(m.takerFee());
      for (int j = 0; j < Math.min(levels, b.bids().size()); j++) {
        BookLevel l = b.bids().get(j);
        out.add(new ExactReplay.Edge(m, Side.SELL, j, l, l.price().multiply(keep), l.amount()));
      }
      for (int j = 0; j < Math.min(levels, b.asks().size()); j++) {
        BookLevel l = b.asks().get(j);
        out.add(
            new ExactReplay.Edge(
                m, Side.BUY, j, l, keep.divide(l.price(), MC), l.amount().multiply(l.price())));
      }
    }
    return out;
  }
}
