package dev.arb.engine.path;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Side;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The exchange graph of one snapshot in compact primitive arrays, built once and then only read.
 *
 * <p>Nodes are (exchange, asset) pairs, numbered in order of first appearance in the snapshot. For
 * each book of market {@code base/quote} with fee {@code f}: a non-empty bid side gives a sell edge
 * base → quote at rate {@code bid·(1−f)}, a non-empty ask side a buy edge quote → base at {@code
 * (1/ask)·(1−f)} (best level); an empty side gives no edge. Weight = {@code −ln(rate)}. Parallel
 * edges (two markets joining the same nodes, e.g. {@code BTC/USD} and {@code USD/BTC}) are all
 * kept: cycles that differ in a market are distinct cycles. Optional transfer edges join the same
 * asset on two exchanges at rate {@code 1 − withdrawal fee}; they map to no {@link Leg}.
 *
 * <p>Edges are stored in CSR form: the out-edges of node {@code v} are {@code outStart(v)} ≤ e &lt;
 * {@code outEnd(v)}.
 */
public final class PathGraph {
  private final String[] nodeExchange;
  private final Asset[] nodeAsset;
  private final int[] offsets;
  private final int[] sources;
  private final int[] targets;
  private final double[] weights;
  private final double[] rates;
  private final Leg[] legs;
  private final List<String> warnings;

  private PathGraph(
      String[] nodeExchange,
      Asset[] nodeAsset,
      int[] offsets,
      int[] sources,
      int[] targets,
      double[] weights,
      double[] rates,
      Leg[] legs,
      List<String> warnings) {
    this.nodeExchange = nodeExchange;
    this.nodeAsset = nodeAsset;
    this.offsets = offsets;
    this.sources = sources;
    this.targets = targets;
    this.weights = weights;
    this.rates = rates;
    this.legs = legs;
    this.warnings = List.copyOf(warnings);
  }

  /** The graph of a snapshot's markets, without transfer edges. */
  public static PathGraph of(MarketSnapshot snapshot) {
    return build(snapshot, GraphOptions.defaults());
  }

  /** The graph of a snapshot with the given options. */
  public static PathGraph build(MarketSnapshot snapshot, GraphOptions options) {
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(options, "options");
    Map<String, Integer> ids = new HashMap<>();
    List<String> exchanges = new ArrayList<>();
    List<Asset> assets = new ArrayList<>();
    List<int[]> ends = new ArrayList<>();
    List<Double> rateList = new ArrayList<>();
    List<Leg> legList = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (OrderBook b : snapshot.books()) {
      var m = b.market();
      int base = node(ids, exchanges, assets, m.exchange(), m.base());
      int quote = node(ids, exchanges, assets, m.exchange(), m.quote());
      BigDecimal keep = BigDecimal.ONE.subtract(m.takerFee());
      if (!b.bids().isEmpty()) {
        double rate = b.bids().get(0).price().multiply(keep).doubleValue();
        addEdge(ends, rateList, legList, warnings, base, quote, rate, new Leg(m, Side.SELL));
      }
      if (!b.asks().isEmpty()) {
        double rate = keep.doubleValue() / b.asks().get(0).price().doubleValue();
        addEdge(ends, rateList, legList, warnings, quote, base, rate, new Leg(m, Side.BUY));
      }
    }
    if (options.transfers()) {
      int n = assets.size();
      for (int a = 0; a < n; a++) {
        double fee = options.feeFor(assets.get(a));
        if (fee < 0) {
          continue;
        }
        for (int b = 0; b < n; b++) {
          if (a != b
              && assets.get(a).equals(assets.get(b))
              && !exchanges.get(a).equals(exchanges.get(b))) {
            addEdge(ends, rateList, legList, warnings, a, b, 1.0 - fee, null);
          }
        }
      }
    }
    int n = assets.size();
    int m = ends.size();
    int[] offsets = new int[n + 1];
    for (int[] e : ends) {
      offsets[e[0] + 1]++;
    }
    for (int v = 0; v < n; v++) {
      offsets[v + 1] += offsets[v];
    }
    int[] fill = new int[n];
    int[] sources = new int[m];
    int[] targets = new int[m];
    double[] weights = new double[m];
    double[] rates = new double[m];
    Leg[] legs = new Leg[m];
    for (int i = 0; i < m; i++) {
      int[] e = ends.get(i);
      int at = offsets[e[0]] + fill[e[0]]++;
      sources[at] = e[0];
      targets[at] = e[1];
      rates[at] = rateList.get(i);
      weights[at] = -Math.log(rates[at]);
      legs[at] = legList.get(i);
    }
    return new PathGraph(
        exchanges.toArray(new String[0]),
        assets.toArray(new Asset[0]),
        offsets,
        sources,
        targets,
        weights,
        rates,
        legs,
        warnings);
  }

  private static int node(
      Map<String, Integer> ids, List<String> exchanges, List<Asset> assets, String ex, Asset a) {
    String key = ex + ":" + a.code();
    Integer id = ids.get(key);
    if (id == null) {
      id = assets.size();
      ids.put(key, id);
      exchanges.add(ex);
      assets.add(a);
    }
    return id;
  }

  private static void addEdge(
      List<int[]> ends,
      List<Double> rates,
      List<Leg> legs,
      List<String> warnings,
      int from,
      int to,
      double rate,
      Leg leg) {
    if (!(rate > 0) || Double.isInfinite(rate)) {
      warnings.add(
          (leg == null ? "transfer" : leg.market().id() + " " + leg.side())
              + ": rate "
              + rate
              + " is outside double range; edge left out");
      return;
    }
    ends.add(new int[] {from, to});
    rates.add(rate);
    legs.add(leg);
  }

  public int nodeCount() {
    return nodeAsset.length;
  }

  public int edgeCount() {
    return targets.length;
  }

  /** The node of an asset on an exchange, or −1. */
  public int node(String exchange, Asset asset) {
    for (int v = 0; v < nodeAsset.length; v++) {
      if (nodeAsset[v].equals(asset) && nodeExchange[v].equals(exchange)) {
        return v;
      }
    }
    return -1;
  }

  public Asset nodeAsset(int v) {
    return nodeAsset[v];
  }

  public String nodeExchange(int v) {
    return nodeExchange[v];
  }

  /** First out-edge of {@code v}. */
  public int outStart(int v) {
    return offsets[v];
  }

  /** One past the last out-edge of {@code v}. */
  public int outEnd(int v) {
    return offsets[v + 1];
  }

  public int edgeFrom(int e) {
    return sources[e];
  }

  public int edgeTo(int e) {
    return targets[e];
  }

  /** Units received per unit spent, after fees. */
  public double edgeRate(int e) {
    return rates[e];
  }

  /** {@code −ln(rate)}. */
  public double edgeWeight(int e) {
    return weights[e];
  }

  /** The trade of this edge, or {@code null} for a transfer edge. */
  public Leg edgeLeg(int e) {
    return legs[e];
  }

  /** Edges left out because their rate does not fit a double (one line each). */
  public List<String> warnings() {
    return warnings;
  }

  // Package-private raw arrays for the search loops (read-only by contract).
  int[] offsets() {
    return offsets;
  }

  int[] sources() {
    return sources;
  }

  int[] targets() {
    return targets;
  }

  double[] weights() {
    return weights;
  }

  double[] rates() {
    return rates;
  }

  Leg[] legs() {
    return legs;
  }
}
