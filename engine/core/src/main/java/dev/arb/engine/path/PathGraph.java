package dev.arb.engine.path;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.ChainSnapshot;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Pool;
import dev.arb.engine.model.SameAs;
import dev.arb.engine.model.Side;
import dev.arb.engine.model.Tradable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The exchange graph of one snapshot in compact primitive arrays, built once; its structure (nodes
 * and edges) never changes, its rates may be updated in place ({@link #updateBook}, {@link
 * #updatePool}, {@link #setRate}) by one writer at a time (the streaming runner), without a
 * rebuild.
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
 *
 * <p><b>Markets and in-place updates.</b> Markets are numbered 0 … {@link #marketCount()} − 1 in
 * snapshot order (books, then each chain's pools); {@link #sellEdge} and {@link #buyEdge} give the
 * edges of a market's two directions (−1 where there is none). A graph built with {@link
 * #forUpdates} has both edges of every market, an empty book side being a <i>disabled</i> edge
 * (rate 0, weight +∞: no search or detector ever uses it), so that a later update can enable it;
 * {@link #of} and {@link #build} leave such edges out, as a scan needs no more. An update changes
 * rates and weights only: the caller (the incremental detector) learns which edges changed from the
 * market it updated. Not thread-safe: reads during an update see a half-updated market.
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
  // markets: the market of each edge (−1 for a transfer or same-as join), each market's two edges
  // (−1 where there is none), its fee kept as 1 − fee in double, its book or pool, and its id
  // (made on first use: a scan asks for few); markets below bookMarkets are books, the rest pools
  private final int[] edgeMarket;
  private final int[] marketSell;
  private final int[] marketBuy;
  private final double[] marketKeep;
  private final Tradable[] marketTradables;
  private final String[] marketIds;
  private final int bookMarkets;
  private Map<String, Integer> marketIndex;

  private PathGraph(
      String[] nodeExchange,
      Asset[] nodeAsset,
      int[] offsets,
      int[] sources,
      int[] targets,
      double[] weights,
      double[] rates,
      Leg[] legs,
      List<String> warnings,
      int[] edgeMarket,
      int[] marketSell,
      int[] marketBuy,
      double[] marketKeep,
      Tradable[] marketTradables,
      int bookMarkets) {
    this.nodeExchange = nodeExchange;
    this.nodeAsset = nodeAsset;
    this.offsets = offsets;
    this.sources = sources;
    this.targets = targets;
    this.weights = weights;
    this.rates = rates;
    this.legs = legs;
    this.warnings = List.copyOf(warnings);
    this.edgeMarket = edgeMarket;
    this.marketSell = marketSell;
    this.marketBuy = marketBuy;
    this.marketKeep = marketKeep;
    this.marketTradables = marketTradables;
    this.marketIds = new String[marketTradables.length];
    this.bookMarkets = bookMarkets;
  }

  /** The graph of a snapshot's markets, without transfer edges. */
  public static PathGraph of(MarketSnapshot snapshot) {
    return build(snapshot, GraphOptions.defaults());
  }

  /** The graph of a snapshot with the given options. */
  public static PathGraph build(MarketSnapshot snapshot, GraphOptions options) {
    return build(snapshot, options, false);
  }

  /**
   * The graph of a snapshot for in-place updates: as {@link #build}, but every book has both its
   * edges, an empty side's disabled (rate 0) until an update gives it a price.
   */
  public static PathGraph forUpdates(MarketSnapshot snapshot, GraphOptions options) {
    return build(snapshot, options, true);
  }

  private static PathGraph build(MarketSnapshot snapshot, GraphOptions options, boolean allSides) {
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(options, "options");
    Nodes nodes = new Nodes();
    Edges edges = new Edges(2 * snapshot.marketCount() + 16, allSides);
    int markets = snapshot.marketCount();
    double[] marketKeep = new double[markets];
    Tradable[] marketTradables = new Tradable[markets];
    int market = 0;
    // 1 − fee of the last fee seen (most markets of a snapshot share a few fees): the same
    // BigDecimal and double as computing it per market
    BigDecimal lastFee = null;
    BigDecimal keep = BigDecimal.ONE;
    double keepDouble = 1;
    long keepUnscaled = 1;
    for (OrderBook b : snapshot.books()) {
      var m = b.market();
      int base = nodes.id(m.exchange(), m.base(), false, 16);
      int quote = nodes.id(m.exchange(), m.quote(), false, 16);
      BigDecimal fee = m.takerFee();
      if (fee != lastFee && !fee.equals(lastFee)) {
        keep = BigDecimal.ONE.subtract(fee);
        keepDouble = keep.doubleValue();
        keepUnscaled = unscaled(keep);
        lastFee = fee;
      }
      marketKeep[market] = keepDouble;
      marketTradables[market] = m;
      if (!b.bids().isEmpty()) {
        double rate = times(b.bids().get(0).price(), keep, keepUnscaled);
        edges.add(base, quote, rate, new Leg(m, Side.SELL), market);
      } else if (allSides) {
        edges.add(base, quote, 0, new Leg(m, Side.SELL), market);
      }
      if (!b.asks().isEmpty()) {
        double rate = keepDouble / b.asks().get(0).price().doubleValue();
        edges.add(quote, base, rate, new Leg(m, Side.BUY), market);
      } else if (allSides) {
        edges.add(quote, base, 0, new Leg(m, Side.BUY), market);
      }
      market++;
    }
    int bookMarkets = market;
    for (ChainSnapshot c : snapshot.chains()) {
      for (Pool p : c.pools()) {
        int t0 = nodes.id(c.name(), p.base(), true, c.tokens().size());
        int t1 = nodes.id(c.name(), p.quote(), true, c.tokens().size());
        // a concentrated pool with no liquidity one way within its recorded ticks has no edge there
        // (or, for in-place updates, a disabled one)
        marketKeep[market] = 1;
        marketTradables[market] = p;
        double sell = p.marginalRate(true);
        double buy = p.marginalRate(false);
        if (sell > 0 || allSides) {
          edges.add(t0, t1, Math.max(sell, 0), new Leg(p, Side.SELL), market);
        }
        if (buy > 0 || allSides) {
          edges.add(t1, t0, Math.max(buy, 0), new Leg(p, Side.BUY), market);
        }
        market++;
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
            edges.add(a, b, 1.0 - fee, null, -1);
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
          edges.add(token, v, 1.0, null, -1);
          edges.add(v, token, 1.0, null, -1);
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
    int[] edgeMarket = new int[m];
    int[] marketSell = new int[markets];
    int[] marketBuy = new int[markets];
    Arrays.fill(marketSell, -1);
    Arrays.fill(marketBuy, -1);
    for (int i = 0; i < m; i++) {
      int from = edges.from[i];
      int at = offsets[from] + fill[from]++;
      sources[at] = from;
      targets[at] = edges.to[i];
      rates[at] = edges.rate[i];
      weights[at] = weight(rates[at]);
      legs[at] = edges.leg[i];
      int mk = edges.market[i];
      edgeMarket[at] = mk;
      if (mk >= 0) {
        if (legs[at].side() == Side.SELL) {
          marketSell[mk] = at;
        } else {
          marketBuy[mk] = at;
        }
      }
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
        edges.warnings,
        edgeMarket,
        marketSell,
        marketBuy,
        marketKeep,
        marketTradables,
        bookMarkets);
  }

  // 10^0 … 10^22: every one exact in double
  private static final double[] TEN = new double[23];

  static {
    TEN[0] = 1;
    for (int i = 1; i < TEN.length; i++) {
      TEN[i] = TEN[i - 1] * 10;
    }
  }

  /**
   * The unscaled value of {@code d} if it has at most 15 digits and a scale in [0, 22], else −1.
   * Its double {@code u / 10^scale} is within a relative 2⁻⁵³ of the value, so {@code ·10^scale}
   * lands within {@code u·2⁻⁵² < 0.23} of {@code u}: rounding gives {@code u} exactly.
   */
  static long unscaled(BigDecimal d) {
    int scale = d.scale();
    if (scale < 0 || scale >= TEN.length || d.signum() < 0 || d.precision() > 15) {
      return -1;
    }
    return Math.round(d.doubleValue() * TEN[scale]);
  }

  /**
   * {@code price·keep} rounded to the nearest double, exactly {@code
   * price.multiply(keep).doubleValue()}, without the BigDecimal product where both unscaled values
   * are known and their product is below 2⁵³ at a scale up to 22: then it and {@code 10^scale} are
   * exact doubles and one division rounds their quotient to the nearest double, as the BigDecimal
   * conversion does.
   */
  static double times(BigDecimal price, BigDecimal keep, long keepUnscaled) {
    if (keepUnscaled >= 0) {
      long p = unscaled(price);
      int scale = price.scale() + keep.scale();
      if (p >= 0 && scale < TEN.length && (keepUnscaled == 0 || p <= (1L << 53) / keepUnscaled)) {
        return (double) (p * keepUnscaled) / TEN[scale];
      }
    }
    return price.multiply(keep).doubleValue();
  }

  /** {@code −ln(rate)}; +∞ for a disabled edge (rate 0). */
  private static double weight(double rate) {
    return rate > 0 ? -Math.log(rate) : Double.POSITIVE_INFINITY;
  }

  /** Nodes by (venue, asset), numbered in order of first appearance. */
  private static final class Nodes {
    private final Map<String, Map<Asset, Integer>> ids = new HashMap<>();
    final List<String> venues = new ArrayList<>();
    final List<Asset> assets = new ArrayList<>();
    final BitSet chain = new BitSet();
    // the venue asked for last and its nodes (consecutive books are mostly on one exchange)
    private String lastVenue;
    private Map<Asset, Integer> lastByAsset;

    /** The node of ({@code venue}, {@code a}); {@code expected}: the venue's likely node count. */
    int id(String venue, Asset a, boolean onChain, int expected) {
      Map<Asset, Integer> byAsset;
      if (venue == lastVenue) {
        byAsset = lastByAsset;
      } else {
        byAsset = ids.get(venue);
        if (byAsset == null) {
          byAsset = new HashMap<>(Math.max(16, 2 * expected));
          ids.put(venue, byAsset);
        }
        lastVenue = venue;
        lastByAsset = byAsset;
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
    int[] market;
    int size;
    final boolean keepDisabled;
    final List<String> warnings = new ArrayList<>();

    Edges(int capacity, boolean keepDisabled) {
      this.keepDisabled = keepDisabled;
      from = new int[capacity];
      to = new int[capacity];
      rate = new double[capacity];
      leg = new Leg[capacity];
      market = new int[capacity];
    }

    /** Adds an edge; {@code mk}: its market, −1 for a transfer or join; rate 0: disabled. */
    void add(int f, int t, double r, Leg l, int mk) {
      boolean disabled = r == 0 && keepDisabled;
      if (!disabled && (!(r > 0) || Double.isInfinite(r))) {
        warnings.add(
            (l == null ? "transfer" : l.tradable().id() + " " + l.side())
                + ": rate "
                + r
                + " is outside double range; edge "
                + (keepDisabled && l != null ? "disabled" : "left out"));
        if (!keepDisabled || l == null) {
          return;
        }
        r = 0;
      }
      if (size == from.length) {
        int cap = 2 * size;
        from = Arrays.copyOf(from, cap);
        to = Arrays.copyOf(to, cap);
        rate = Arrays.copyOf(rate, cap);
        leg = Arrays.copyOf(leg, cap);
        market = Arrays.copyOf(market, cap);
      }
      from[size] = f;
      to[size] = t;
      rate[size] = r;
      leg[size] = l;
      market[size] = mk;
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

  /** Books and pools of the graph, numbered in snapshot order (books first, then pools). */
  public int marketCount() {
    return marketTradables.length;
  }

  /** The id of market {@code m} ({@code kraken:BTC/USD}, or {@code chain:address} for a pool). */
  public String marketId(int m) {
    String id = marketIds[m];
    if (id == null) {
      id = marketTradables[m].id();
      marketIds[m] = id;
    }
    return id;
  }

  /** Whether market {@code m} is a pool (else a book). */
  public boolean isPoolMarket(int m) {
    return m >= bookMarkets;
  }

  /**
   * The number of the market with this id, or −1. The first call builds the index; later calls
   * allocate nothing.
   */
  public int market(String id) {
    Map<String, Integer> index = marketIndex;
    if (index == null) {
      index = new HashMap<>(Math.max(16, 2 * marketIds.length));
      for (int i = 0; i < marketIds.length; i++) {
        index.put(marketId(i), i);
      }
      marketIndex = index;
    }
    Integer m = index.get(id);
    return m == null ? -1 : m;
  }

  /** The edge base → quote (bids; a pool's token0 → token1) of market {@code m}, or −1. */
  public int sellEdge(int m) {
    return marketSell[m];
  }

  /** The edge quote → base (asks; a pool's token1 → token0) of market {@code m}, or −1. */
  public int buyEdge(int m) {
    return marketBuy[m];
  }

  /** The market of edge {@code e}, or −1 for a transfer edge or a same-as join. */
  public int edgeMarket(int e) {
    return edgeMarket[e];
  }

  /** Whether edge {@code e} is disabled (rate 0: an empty book side). */
  public boolean edgeDisabled(int e) {
    return !(rates[e] > 0);
  }

  /**
   * Sets the rate of edge {@code e} in place (weight {@code −ln(rate)}); a rate that is not
   * positive and finite disables the edge.
   *
   * @return whether the weight changed
   */
  public boolean setRate(int e, double rate) {
    double r = rate > 0 && rate < Double.POSITIVE_INFINITY ? rate : 0;
    if (r == rates[e]) {
      return false;
    }
    rates[e] = r;
    weights[e] = weight(r);
    return true;
  }

  /** Disables market {@code m}'s edges (rate 0) until their next update, in place. */
  public void disableMarket(int m) {
    if (marketSell[m] >= 0) {
      setRate(marketSell[m], 0);
    }
    if (marketBuy[m] >= 0) {
      setRate(marketBuy[m], 0);
    }
  }

  /**
   * Sets book market {@code m}'s edges from a new top of book, in place: the sell edge at {@code
   * bestBid·(1 − fee)}, the buy edge at {@code (1 − fee)/bestAsk}. A side whose price is not
   * positive (empty: pass 0 or NaN) is disabled. Allocates nothing.
   *
   * @return a bit set of the edges whose weight changed: 1 for the sell edge, 2 for the buy edge
   */
  public int updateBook(int m, double bestBid, double bestAsk) {
    double keep = marketKeep[m];
    int changed = 0;
    int sell = marketSell[m];
    if (sell >= 0 && setRate(sell, bestBid > 0 ? bestBid * keep : 0)) {
      changed |= 1;
    }
    int buy = marketBuy[m];
    if (buy >= 0 && setRate(buy, bestAsk > 0 ? keep / bestAsk : 0)) {
      changed |= 2;
    }
    return changed;
  }

  /**
   * Sets pool market {@code m}'s edges from the pool's new state (its reserves), in place: both
   * rates at the pool's marginal rate after its fee, and both legs to the new pool value (which
   * sizing walks). The pool must be the same contract ({@link Pool#id()}) on the same tokens.
   *
   * @return a bit set of the edges whose weight changed: 1 for token0 → token1, 2 for the other
   */
  public int updatePool(int m, Pool pool) {
    int sell = marketSell[m];
    int buy = marketBuy[m];
    if (!pool.id().equals(marketId(m)) || sell < 0 || buy < 0) {
      throw new IllegalArgumentException(
          "market " + m + " is " + marketId(m) + ", not pool " + pool.id());
    }
    legs[sell] = new Leg(pool, Side.SELL);
    legs[buy] = new Leg(pool, Side.BUY);
    int changed = setRate(sell, pool.marginalRate(true)) ? 1 : 0;
    return setRate(buy, pool.marginalRate(false)) ? changed | 2 : changed;
  }

  /**
   * Adds the arrays an update in place reads or writes (its market's edges, their rates and
   * weights, and the edges' ends the detector reads) to {@code w}.
   */
  public void hotArrays(CacheWarmer w) {
    w.add(marketSell).add(marketBuy).add(marketKeep).add(rates).add(weights);
    w.add(sources).add(targets).add(offsets);
  }

  /**
   * A twin of this graph for a search on another thread: the same nodes, edges and markets (shared;
   * they never change), its own rates, weights and legs, equal to this graph's now. Refreshed by
   * {@link #copyRatesFrom}; updates of this graph do not reach it.
   */
  public PathGraph twin() {
    return new PathGraph(
        nodeExchange,
        nodeAsset,
        offsets,
        sources,
        targets,
        weights.clone(),
        rates.clone(),
        legs.clone(),
        warnings,
        edgeMarket,
        marketSell,
        marketBuy,
        marketKeep,
        marketTradables,
        bookMarkets);
  }

  /**
   * Sets this twin's rates, weights and legs to {@code from}'s now (a copy of three arrays of one
   * entry per edge; allocates nothing).
   *
   * @throws IllegalArgumentException when {@code from} is not this twin's graph
   */
  public void copyRatesFrom(PathGraph from) {
    if (from.offsets != offsets) {
      throw new IllegalArgumentException("not a twin of this graph");
    }
    System.arraycopy(from.weights, 0, weights, 0, weights.length);
    System.arraycopy(from.rates, 0, rates, 0, rates.length);
    System.arraycopy(from.legs, 0, legs, 0, legs.length);
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
