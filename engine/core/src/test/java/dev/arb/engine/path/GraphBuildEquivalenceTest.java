package dev.arb.engine.path;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.ChainSnapshot;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Pool;
import dev.arb.engine.model.SameAs;
import dev.arb.engine.model.Side;
import dev.arb.engine.pool.SyntheticPools;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The graph build and the node ranking, made cheaper for scans at 20,000 markets (1 − fee reused
 * across markets of one fee, market ids made on first use, the last venue's nodes at hand, quote
 * degrees read from the graph's arrays instead of its legs), give exactly what they gave before:
 * the same nodes, the same edges in the same order with bit-identical rates and weights, equal legs
 * on the very same markets and pools, the same market numbering, ids and warnings, and the same
 * ranks. The reference is the earlier code, kept here ({@link Reference}).
 */
class GraphBuildEquivalenceTest {
  private static final String[] FEES = {"0", "0.001", "0.0010", "0.002", "0.00075", "0.0026"};

  @Test
  void buildAndRankAreUnchangedOnSeededRandomSnapshots() {
    Random random = new Random(20_261_207L);
    int edges = 0;
    for (int round = 0; round < 200; round++) {
      MarketSnapshot snapshot = randomBooks(random);
      if (round % 4 == 3) {
        MarketSnapshot pools = SyntheticPools.random(random.nextLong(), 6, 12, 6);
        List<OrderBook> books = new ArrayList<>(snapshot.books());
        books.addAll(pools.books());
        snapshot = new MarketSnapshot(books, List.of(), "mixed", pools.chains());
      }
      GraphOptions options = randomOptions(random, snapshot);
      for (boolean allSides : new boolean[] {false, true}) {
        PathGraph built =
            allSides ? PathGraph.forUpdates(snapshot, options) : PathGraph.build(snapshot, options);
        Reference ref = new Reference(snapshot, options, allSides);
        assertSame(built, ref, "round " + round + (allSides ? " for updates" : ""));
        edges += built.edgeCount();
      }
    }
    assertThat(edges).as("edges compared").isGreaterThan(10_000);
  }

  @Test
  void theBidRateIsTheBigDecimalProductRoundedToDouble() {
    Random random = new Random(53L);
    String[] keeps = {"1", "0.999", "0.9990", "0.99925", "0.9974", "0.5", "0.123456789012345"};
    int fast = 0;
    for (int i = 0; i < 200_000; i++) {
      // unscaled values of 1-18 digits (around the 15-digit and 2^53 limits) at scales -2 … 25
      long unscaled = (long) Math.pow(10, random.nextInt(18) + random.nextDouble());
      BigDecimal price = BigDecimal.valueOf(Math.max(0, unscaled), random.nextInt(28) - 2);
      BigDecimal keep = new BigDecimal(keeps[random.nextInt(keeps.length)]);
      long keepUnscaled = PathGraph.unscaled(keep);
      double expected = price.multiply(keep).doubleValue();
      assertThat(Double.doubleToRawLongBits(PathGraph.times(price, keep, keepUnscaled)))
          .as("%s × %s", price, keep)
          .isEqualTo(Double.doubleToRawLongBits(expected));
      long p = PathGraph.unscaled(price);
      if (p >= 0) {
        assertThat(p).isEqualTo(price.unscaledValue().longValueExact());
        fast++;
      }
    }
    assertThat(fast).as("products taken without BigDecimal").isGreaterThan(50_000);
  }

  @Test
  void marketIdsAndLookupsMatchTheSnapshot() {
    MarketSnapshot snapshot = SyntheticPools.random(7, 8, 10, 8);
    PathGraph g = PathGraph.of(snapshot);
    List<String> ids = new ArrayList<>();
    snapshot.books().forEach(b -> ids.add(b.market().id()));
    for (ChainSnapshot c : snapshot.chains()) {
      c.pools().forEach(p -> ids.add(p.id()));
    }
    assertThat(g.marketCount()).isEqualTo(ids.size());
    for (int m = 0; m < ids.size(); m++) {
      assertThat(g.marketId(m)).isEqualTo(ids.get(m));
      assertThat(g.market(ids.get(m))).isEqualTo(m);
      assertThat(g.isPoolMarket(m)).isEqualTo(m >= snapshot.books().size());
    }
    assertThat(g.market("nowhere:X/Y")).isEqualTo(-1);
  }

  private static void assertSame(PathGraph g, Reference r, String what) {
    assertThat(g.nodeCount()).as(what + " nodes").isEqualTo(r.venues.size());
    for (int v = 0; v < g.nodeCount(); v++) {
      assertThat(g.nodeExchange(v)).as(what).isEqualTo(r.venues.get(v));
      assertThat(g.nodeAsset(v)).as(what).isEqualTo(r.assets.get(v));
      assertThat(g.outStart(v)).as(what).isEqualTo(r.offsets[v]);
      assertThat(g.outEnd(v)).as(what).isEqualTo(r.offsets[v + 1]);
    }
    assertThat(g.edgeCount()).as(what + " edges").isEqualTo(r.targets.length);
    for (int e = 0; e < g.edgeCount(); e++) {
      String edge = what + " edge " + e;
      assertThat(g.edgeFrom(e)).as(edge).isEqualTo(r.sources[e]);
      assertThat(g.edgeTo(e)).as(edge).isEqualTo(r.targets[e]);
      assertThat(Double.doubleToRawLongBits(g.edgeRate(e)))
          .as(edge + " rate")
          .isEqualTo(Double.doubleToRawLongBits(r.rates[e]));
      assertThat(Double.doubleToRawLongBits(g.edgeWeight(e)))
          .as(edge + " weight")
          .isEqualTo(Double.doubleToRawLongBits(r.weights[e]));
      Leg leg = g.edgeLeg(e);
      assertThat(leg).as(edge).isEqualTo(r.legs[e]);
      if (leg != null) {
        assertThat(leg.tradable()).as(edge).isSameAs(r.legs[e].tradable());
      }
      assertThat(g.edgeMarket(e)).as(edge).isEqualTo(r.edgeMarket[e]);
      assertThat(g.edgeDisabled(e)).as(edge).isEqualTo(!(r.rates[e] > 0));
    }
    assertThat(g.marketCount()).as(what + " markets").isEqualTo(r.marketIds.length);
    for (int m = 0; m < g.marketCount(); m++) {
      assertThat(g.marketId(m)).as(what).isEqualTo(r.marketIds[m]);
      assertThat(g.sellEdge(m)).as(what).isEqualTo(r.marketSell[m]);
      assertThat(g.buyEdge(m)).as(what).isEqualTo(r.marketBuy[m]);
    }
    assertThat(g.warnings()).as(what).isEqualTo(r.warnings);
    int[] rank = new int[g.nodeCount()];
    int[] expected = new int[g.nodeCount()];
    List<Asset> start = g.nodeCount() > 2 ? List.of(g.nodeAsset(2)) : List.of();
    for (List<Asset> s : List.of(List.<Asset>of(), start)) {
      List<String> notes = new ArrayList<>();
      List<String> expectedNotes = new ArrayList<>();
      int starts = PathOptimizer.rank(g, s, rank, notes);
      int expectedStarts = r.rank(s, expected, expectedNotes);
      assertThat(rank).as(what + " ranks").isEqualTo(expected);
      assertThat(starts).isEqualTo(expectedStarts);
      assertThat(notes).isEqualTo(expectedNotes);
    }
  }

  /**
   * Books on 1-5 exchanges, many markets per exchange, interleaved; fees of a few values (some
   * equal values in other instances and scales); some sides empty; a few prices far outside the
   * usual range; some books repeated (the same market twice); venue names as distinct but equal
   * strings.
   */
  private static MarketSnapshot randomBooks(Random r) {
    int assets = 3 + r.nextInt(25);
    int exchanges = 1 + r.nextInt(5);
    double[] price = new double[assets];
    for (int a = 0; a < assets; a++) {
      price[a] = Math.exp(r.nextGaussian() * (r.nextInt(8) == 0 ? 20 : 3));
    }
    List<OrderBook> books = new ArrayList<>();
    int markets = 1 + r.nextInt(4 * assets * exchanges);
    MathContext mc = new MathContext(6 + r.nextInt(12));
    for (int k = 0; k < markets; k++) {
      int b = r.nextInt(assets);
      int q = r.nextInt(assets - 1);
      q = q >= b ? q + 1 : q;
      String ex = r.nextBoolean() ? "ex" + r.nextInt(exchanges) : new String("ex" + r.nextInt(5));
      Market market = Market.of(ex, "A" + b, "A" + q, new BigDecimal(FEES[r.nextInt(FEES.length)]));
      double mid = price[b] / price[q] * Math.exp(r.nextGaussian() * 0.002);
      double half = mid * (0.0002 + r.nextDouble() * 0.002);
      List<BookLevel> bids = new ArrayList<>();
      List<BookLevel> asks = new ArrayList<>();
      int levels = r.nextInt(6) == 0 ? 0 : 1 + r.nextInt(3);
      for (int l = 0; l < levels; l++) {
        bids.add(new BookLevel(new BigDecimal(mid - half * (l + 1), mc), BigDecimal.ONE));
      }
      levels = r.nextInt(6) == 0 ? 0 : 1 + r.nextInt(3);
      for (int l = 0; l < levels; l++) {
        asks.add(new BookLevel(new BigDecimal(mid + half * (l + 1), mc), BigDecimal.ONE));
      }
      OrderBook book = new OrderBook(market, bids, asks, Instant.EPOCH);
      books.add(book);
      if (r.nextInt(20) == 0) {
        books.add(book);
      }
    }
    return new MarketSnapshot(books, List.of(), "random");
  }

  private static GraphOptions randomOptions(Random r, MarketSnapshot snapshot) {
    GraphOptions options;
    switch (r.nextInt(3)) {
      case 0 -> options = GraphOptions.defaults();
      case 1 -> options = GraphOptions.withTransfers(r.nextDouble() * 0.01);
      default -> {
        Map<Asset, Double> fees = new HashMap<>();
        fees.put(Asset.of("A1"), 0.002);
        fees.put(Asset.of("A2"), -1.0);
        options = new GraphOptions(true, 0, fees);
      }
    }
    if (!snapshot.chains().isEmpty() && r.nextBoolean()) {
      ChainSnapshot c = snapshot.chains().get(0);
      List<SameAs> joins = new ArrayList<>();
      joins.add(new SameAs(c.name(), c.tokens().get(0).asset(), Asset.of("A0")));
      joins.add(new SameAs(c.name(), c.tokens().get(1).asset(), Asset.of("A3")));
      options = options.withSameAs(joins);
    }
    return options;
  }

  /** The build and the ranking as they were before (the reference of this test). */
  private static final class Reference {
    final List<String> venues = new ArrayList<>();
    final List<Asset> assets = new ArrayList<>();
    final List<Boolean> chain = new ArrayList<>();
    final Map<String, Map<Asset, Integer>> ids = new HashMap<>();
    int[] from = new int[0];
    int[] to = new int[0];
    double[] rate = new double[0];
    Leg[] leg = new Leg[0];
    int[] market = new int[0];
    int size;
    final boolean keepDisabled;
    final List<String> warnings = new ArrayList<>();
    int[] offsets;
    int[] sources;
    int[] targets;
    double[] weights;
    double[] rates;
    Leg[] legs;
    int[] edgeMarket;
    int[] marketSell;
    int[] marketBuy;
    String[] marketIds;

    Reference(MarketSnapshot snapshot, GraphOptions options, boolean allSides) {
      keepDisabled = allSides;
      int markets = snapshot.marketCount();
      marketIds = new String[markets];
      int mk = 0;
      for (OrderBook b : snapshot.books()) {
        var m = b.market();
        int base = id(m.exchange(), m.base(), false);
        int quote = id(m.exchange(), m.quote(), false);
        BigDecimal keep = BigDecimal.ONE.subtract(m.takerFee());
        marketIds[mk] = m.id();
        if (!b.bids().isEmpty()) {
          double r = b.bids().get(0).price().multiply(keep).doubleValue();
          add(base, quote, r, new Leg(m, Side.SELL), mk);
        } else if (allSides) {
          add(base, quote, 0, new Leg(m, Side.SELL), mk);
        }
        if (!b.asks().isEmpty()) {
          double r = keep.doubleValue() / b.asks().get(0).price().doubleValue();
          add(quote, base, r, new Leg(m, Side.BUY), mk);
        } else if (allSides) {
          add(quote, base, 0, new Leg(m, Side.BUY), mk);
        }
        mk++;
      }
      for (ChainSnapshot c : snapshot.chains()) {
        for (Pool p : c.pools()) {
          int t0 = id(c.name(), p.base(), true);
          int t1 = id(c.name(), p.quote(), true);
          marketIds[mk] = p.id();
          double sell = p.marginalRate(true);
          double buy = p.marginalRate(false);
          if (sell > 0 || allSides) {
            add(t0, t1, Math.max(sell, 0), new Leg(p, Side.SELL), mk);
          }
          if (buy > 0 || allSides) {
            add(t1, t0, Math.max(buy, 0), new Leg(p, Side.BUY), mk);
          }
          mk++;
        }
      }
      int n = venues.size();
      if (options.transfers()) {
        for (int a = 0; a < n; a++) {
          double fee = options.feeFor(assets.get(a));
          if (chain.get(a) || fee < 0) {
            continue;
          }
          for (int b = 0; b < n; b++) {
            if (a != b
                && !chain.get(b)
                && assets.get(a).equals(assets.get(b))
                && !venues.get(a).equals(venues.get(b))) {
              add(a, b, 1.0 - fee, null, -1);
            }
          }
        }
      }
      for (SameAs join : options.sameAs()) {
        Integer token = ids.getOrDefault(join.chain(), Map.of()).get(join.token());
        if (token == null || !chain.get(token)) {
          continue;
        }
        for (int v = 0; v < n; v++) {
          if (!chain.get(v) && assets.get(v).equals(join.asset())) {
            add(token, v, 1.0, null, -1);
            add(v, token, 1.0, null, -1);
          }
        }
      }
      offsets = new int[n + 1];
      for (int i = 0; i < size; i++) {
        offsets[from[i] + 1]++;
      }
      for (int v = 0; v < n; v++) {
        offsets[v + 1] += offsets[v];
      }
      int[] fill = new int[n];
      sources = new int[size];
      targets = new int[size];
      weights = new double[size];
      rates = new double[size];
      legs = new Leg[size];
      edgeMarket = new int[size];
      marketSell = new int[markets];
      marketBuy = new int[markets];
      Arrays.fill(marketSell, -1);
      Arrays.fill(marketBuy, -1);
      for (int i = 0; i < size; i++) {
        int at = offsets[from[i]] + fill[from[i]]++;
        sources[at] = from[i];
        targets[at] = to[i];
        rates[at] = rate[i];
        weights[at] = rate[i] > 0 ? -Math.log(rate[i]) : Double.POSITIVE_INFINITY;
        legs[at] = leg[i];
        edgeMarket[at] = market[i];
        if (market[i] >= 0) {
          if (leg[i].side() == Side.SELL) {
            marketSell[market[i]] = at;
          } else {
            marketBuy[market[i]] = at;
          }
        }
      }
    }

    int id(String venue, Asset a, boolean onChain) {
      Map<Asset, Integer> byAsset = ids.computeIfAbsent(venue, k -> new HashMap<>());
      Integer id = byAsset.get(a);
      if (id == null) {
        id = assets.size();
        byAsset.put(a, id);
        venues.add(venue);
        assets.add(a);
        chain.add(onChain);
      }
      return id;
    }

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
        int cap = Math.max(16, 2 * size);
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

    /** The ranking as it was: quote degrees counted from the legs. */
    int rank(List<Asset> start, int[] rank, List<String> notes) {
      int n = venues.size();
      int[] degree = new int[n];
      for (int e = 0; e < targets.length; e++) {
        Leg l = legs[e];
        if (l != null) {
          degree[l.side() == Side.SELL || l.isPool() ? targets[e] : sources[e]]++;
        }
      }
      Integer[] nodes = new Integer[n];
      int[] startIndex = new int[n];
      for (int v = 0; v < n; v++) {
        nodes[v] = v;
        int i = start.indexOf(assets.get(v));
        startIndex[v] = i < 0 ? Integer.MAX_VALUE : i;
      }
      for (Asset a : start) {
        if (!assets.contains(a)) {
          notes.add("start asset " + a + " is in no market of the snapshot");
        }
      }
      Arrays.sort(
          nodes,
          (a, b) -> {
            int c = Integer.compare(startIndex[a], startIndex[b]);
            if (c == 0) {
              c = Integer.compare(degree[b], degree[a]);
            }
            return c != 0 ? c : Integer.compare(a, b);
          });
      int starts = 0;
      for (int r = 0; r < n; r++) {
        rank[nodes[r]] = r;
        if (startIndex[nodes[r]] != Integer.MAX_VALUE) {
          starts++;
        }
      }
      return starts;
    }
  }
}
