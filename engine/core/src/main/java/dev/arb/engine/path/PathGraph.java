package dev.arb.engine.path;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.ChainSnapshot;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Pool;
import dev.arb.engine.model.SameAs;
import dev.arb.engine.model.Side;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The exchange graph of one snapshot in compact primitive arrays, built once and then only read.
 *
 * <p>Nodes are (venue, asset) pairs: (exchange, ticker) for books, (chain, token address) for
 * pools, numbered in order of first appearance in the snapshot (books first, then each chain's
 * pools). For each book of market {@code base/quote} with fee {@code f}: a non-empty bid side gives
 * a sell edge base → quote at rate {@code bid·(1−f)}, a non-empty ask side a buy edge quote → base
 * at {@code (1/ask)·(1−f)} (best level); an empty side gives no edge. Each pool gives two edges at
 * its marginal rate after its fee, {@code (reserve_out/reserve_in)·(1−fee)} in token units for a
 * constant-product pool ({@link Pool#marginalRate}). Weight = {@code −ln(rate)}. Parallel edges
 * (two markets joining the same nodes, e.g. {@code BTC/USD} and {@code USD/BTC}, or two pools of
 * one token pair) are all kept: cycles that differ in a market are distinct cycles. Optional
 * transfer edges join the same asset on two exchanges at rate {@code 1 − withdrawal fee}, and
 * same-as joins a chain token to an exchange asset at rate 1 ({@link SameAs}); they map to no
 * {@link Leg}.
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
    Nodes nodes = new Nodes();
    Edges edges = new Edges(2 * snapshot.marketCount() + 16);
    for (OrderBook b : snapshot.books()) {
      var m = b.market();
      int base = nodes.id(m.exchange(), m.base(), false, 16);
      int quote = nodes.id(m.exchange(), m.quote(), false, 16);
      BigDecimal keep = BigDecimal.ONE.subtract(m.takerFee());
      if (!b.bids().isEmpty()) {
        double rate = b.bids().get(0).price().multiply(keep).doubleValue();
        edges.add(base, quote, rate, new Leg(m, Side.SELL));
      }
      if (!b.asks().isEmpty()) {
        double rate = keep.doubleValue() / b.asks().get(0).price().doubleValue();
        edges.add(quote, base, rate, new Leg(m, Side.BUY));
      }
    }
    for (ChainSnapshot c : snapshot.chains()) {
      for (Pool p : c.pools()) {
        int t0 = nodes.id(c.name(), p.base(), true, c.tokens().size());
        int t1 = nodes.id(c.name(), p.quote(), true, c.tokens().size());
        edges.add(t0, t1, p.marginalRate(true), new Leg(p, Side.SELL));
        edges.add(t1, t0, p.marginalRate(false), new Leg(p, Side.BUY));
      }
    }
    int n = nodes.size();
    if (options.transfers()) {
      for (int a = 0; a < n; a++) {
        if (nodes.chain.get(a)) {
          continue;
        }
        double fee = options.feeFor(nodes.assets.get(a));
        if (fee < 0) {
          continue;
        }
        for (int b = 0; b < n; b++) {
          if (a != b
              && !nodes.chain.get(b)
              && nodes.assets.get(a).equals(nodes.assets.get(b))
              && !nodes.venues.get(a).equals(nodes.venues.get(b))) {
            edges.add(a, b, 1.0 - fee, null);
          }
        }
      }
    }
    for (SameAs join : options.sameAs()) {
      int token = nodes.find(join.chain(), join.token());
      if (token < 0) {
        continue;
      }
      for (int v = 0; v < n; v++) {
        if (!nodes.chain.get(v) && nodes.assets.get(v).equals(join.asset())) {
          edges.add(token, v, 1.0, null);
          edges.add(v, token, 1.0, null);
        }
      }
    }
    int m = edges.size;
    int[] offsets = new int[n + 1];
    for (int i = 0; i < m; i++) {
      offsets[edges.from[i] + 1]++;
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
      int from = edges.from[i];
      int at = offsets[from] + fill[from]++;
      sources[at] = from;
      targets[at] = edges.to[i];
      rates[at] = edges.rate[i];
      weights[at] = -Math.log(rates[at]);
      legs[at] = edges.leg[i];
    }
    return new PathGraph(
        nodes.venues.toArray(new String[0]),
        nodes.assets.toArray(new Asset[0]),
        offsets,
        sources,
        targets,
        weights,
        rates,
        legs,
        edges.warnings);
  }

  /** Nodes by (venue, asset), numbered in order of first appearance. */
  private static final class Nodes {
    private final Map<String, Map<Asset, Integer>> ids = new HashMap<>();
    final List<String> venues = new ArrayList<>();
    final List<Asset> assets = new ArrayList<>();
    final BitSet chain = new BitSet();

    /** The node of ({@code venue}, {@code a}); {@code expected}: the venue's likely node count. */
    int id(String venue, Asset a, boolean onChain, int expected) {
      Map<Asset, Integer> byAsset = ids.get(venue);
      if (byAsset == null) {
        byAsset = new HashMap<>(Math.max(16, 2 * expected));
        ids.put(venue, byAsset);
      }
      Integer id = byAsset.get(a);
      if (id == null) {
        id = assets.size();
        byAsset.put(a, id);
        venues.add(venue);
        assets.add(a);
        chain.set(id, onChain);
      }
      return id;
    }

    int find(String venue, Asset a) {
      Map<Asset, Integer> byAsset = ids.get(venue);
      Integer id = byAsset == null ? null : byAsset.get(a);
      return id == null || !chain.get(id) ? -1 : id;
    }

    int size() {
      return assets.size();
    }
  }

  /** Edges in insertion order, in growable primitive arrays. */
  private static final class Edges {
    int[] from;
    int[] to;
    double[] rate;
    Leg[] leg;
    int size;
    final List<String> warnings = new ArrayList<>();

    Edges(int capacity) {
      from = new int[capacity];
      to = new int[capacity];
      rate = new double[capacity];
      leg = new Leg[capacity];
    }

    void add(int f, int t, double r, Leg l) {
      if (!(r > 0) || Double.isInfinite(r)) {
        warnings.add(
            (l == null ? "transfer" : l.tradable().id() + " " + l.side())
                + ": rate "
                + r
                + " is outside double range; edge left out");
        return;
      }
      if (size == from.length) {
        int cap = 2 * size;
        from = Arrays.copyOf(from, cap);
        to = Arrays.copyOf(to, cap);
        rate = Arrays.copyOf(rate, cap);
        leg = Arrays.copyOf(leg, cap);
      }
      from[size] = f;
      to[size] = t;
      rate[size] = r;
      leg[size] = l;
      size++;
    }
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

  /** The trade of this edge, or {@code null} for a transfer edge or a same-as join. */
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
