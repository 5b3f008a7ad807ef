package dev.arb.engine.path;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.Fixtures;
import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.source.ReadOptions;
import dev.arb.engine.source.TobCsvReader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import org.jgrapht.alg.shortestpath.BellmanFordShortestPath;
import org.jgrapht.alg.shortestpath.NegativeCycleDetectedException;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.DirectedWeightedPseudograph;
import org.junit.jupiter.api.Test;

/**
 * The search's fast paths give the results of the slow ones, on seeded random snapshots larger than
 * {@link JGraphTReferenceTest}'s (up to 40 assets on up to 3 exchanges, some books lifted into
 * arbitrage) and on the real MO-book snapshot:
 *
 * <ul>
 *   <li>skipping start nodes whose cycles cannot beat the threshold (potentials from the detector)
 *       returns exactly the cycles, detector verdict and detected cycle of the search without it;
 *   <li>the detector (SPFA rooted at real nodes) agrees with JGraphT's Bellman-Ford from a virtual
 *       source on the same weights.
 * </ul>
 */
class FastPathEquivalenceTest {
  private static final long STEPS = PathOptimizer.MAX_SEARCH_STEPS;

  @Test
  void skippingStartsChangesNothingOnRandomSnapshots() {
    Random random = new Random(20_261_207L);
    int roundsSkipping = 0;
    int compared = 0;
    for (int round = 0; round < 300; round++) {
      MarketSnapshot snapshot = randomSnapshot(random, 8 + random.nextInt(33));
      PathGraph graph = PathGraph.of(snapshot);
      PathQuery query = randomQuery(random);
      long[] skipped = new long[1];
      PathSearchResult fast = PathOptimizer.search(graph, query, STEPS, true, skipped);
      PathSearchResult slow = PathOptimizer.search(graph, query, STEPS, false, null);
      assertThat(fast.cycles()).as("round %d cycles", round).isEqualTo(slow.cycles());
      assertThat(fast.negativeCycleExists()).isEqualTo(slow.negativeCycleExists());
      assertThat(fast.detectedCycle()).isEqualTo(slow.detectedCycle());
      assertThat(fast.cyclesExamined()).isLessThanOrEqualTo(slow.cyclesExamined());
      if (skipped[0] > 0) {
        roundsSkipping++;
      }
      compared += fast.cycles().size();
    }
    // the generator must make the fast path skip often and find real cycles to compare
    assertThat(roundsSkipping).isGreaterThan(60);
    assertThat(compared).isGreaterThan(500);
  }

  /**
   * The MO-book snapshot has more independent arbitrage cycles than the detector masks for
   * potentials, so nothing may be skipped there: the fast path must still give the same answers.
   */
  @Test
  void skippingStartsChangesNothingOnTheMobookSnapshot() {
    MarketSnapshot s =
        TobCsvReader.read(
            Fixtures.path("mobook/Binance_US_orderbook_saved.csv"),
            ReadOptions.defaults().withExchangeName("binanceus"));
    PathGraph graph = PathGraph.of(s);
    for (int maxLength = 2; maxLength <= 8; maxLength++) {
      for (int topK : new int[] {1, 3, 10, 100}) {
        for (PathQuery q :
            List.of(
                PathQuery.defaults().withMaxLength(maxLength).withTopK(topK),
                PathQuery.defaults().withMaxLength(maxLength).withTopK(topK).withMinProfitBp(5),
                PathQuery.defaults().withMaxLength(maxLength).withTopK(topK).withoutMinProfit())) {
          PathSearchResult fast = PathOptimizer.search(graph, q, STEPS, true, null);
          PathSearchResult slow = PathOptimizer.search(graph, q, STEPS, false, null);
          assertThat(fast.cycles()).as("L=%d K=%d %s", maxLength, topK, q).isEqualTo(slow.cycles());
          assertThat(fast.detectedCycle()).isEqualTo(slow.detectedCycle());
        }
      }
    }
  }

  @Test
  void detectorAgreesWithJGraphTOnLargerRandomSnapshots() {
    Random random = new Random(20_261_208L);
    int withArbitrage = 0;
    for (int round = 0; round < 150; round++) {
      MarketSnapshot snapshot = randomSnapshot(random, 10 + random.nextInt(51));
      PathGraph graph = PathGraph.of(snapshot);
      boolean ours = PathOptimizer.hasNegativeCycle(graph);
      assertThat(ours).as("round %d", round).isEqualTo(jgraphtNegative(graph));
      if (ours) {
        withArbitrage++;
        double ret = PathOptimizer.findNegativeCycle(graph).orElseThrow().topOfBookReturn();
        assertThat(ret).isGreaterThan(1.0);
      }
    }
    assertThat(withArbitrage).isBetween(30, 140);
  }

  /**
   * A ring of k markets whose return is just above 1 (1 + 1e-8: beyond the detector's epsilon) or
   * exactly 1, among fair cross markets: the detector finds the ring (also when it is as long as
   * the graph, so only the walk-length check can see it) and nothing on the fair twin.
   */
  @Test
  void detectorFindsLongRingsAndNothingOnTheirFairTwins() {
    Random random = new Random(7);
    for (int k = 3; k <= 60; k += 3) {
      for (boolean profitable : new boolean[] {true, false}) {
        double[] price = new double[k];
        for (int a = 0; a < k; a++) {
          price[a] = Math.exp(random.nextGaussian());
        }
        List<OrderBook> books = new ArrayList<>();
        for (int a = 0; a < k; a++) {
          int b = (a + 1) % k;
          // sell A(a) for A(b) at the fair ratio, the last one a little better when profitable
          double bid = price[a] / price[b] * (profitable && a == k - 1 ? 1 + 1e-8 : 1);
          books.add(
              new OrderBook(
                  Market.of("ex", "A" + a, "A" + b, BigDecimal.ZERO),
                  List.of(new BookLevel(new BigDecimal(bid), BigDecimal.ONE)),
                  List.of(),
                  Instant.EPOCH));
        }
        // fair cross markets with a spread: no arbitrage through them
        for (int c = 0; c < k; c++) {
          int a = random.nextInt(k);
          int b = random.nextInt(k);
          if (Math.abs(a - b) > 1 && !(a == 0 && b == k - 1) && !(b == 0 && a == k - 1)) {
            double mid = price[a] / price[b];
            books.add(
                new OrderBook(
                    Market.of("ex", "A" + a, "A" + b, new BigDecimal("0.001")),
                    List.of(new BookLevel(dec(mid * 0.999), BigDecimal.ONE)),
                    List.of(new BookLevel(dec(mid * 1.001), BigDecimal.ONE)),
                    Instant.EPOCH));
          }
        }
        Map<String, OrderBook> unique = new LinkedHashMap<>();
        for (OrderBook b : books) {
          unique.putIfAbsent(b.market().id(), b);
        }
        PathGraph graph =
            PathGraph.of(new MarketSnapshot(new ArrayList<>(unique.values()), List.of(), "ring"));
        assertThat(PathOptimizer.hasNegativeCycle(graph))
            .as("ring of %d, profitable %s", k, profitable)
            .isEqualTo(profitable);
        if (profitable) {
          assertThat(PathOptimizer.findNegativeCycle(graph).orElseThrow().legs()).hasSize(k);
        }
      }
    }
  }

  private static boolean jgraphtNegative(PathGraph g) {
    DirectedWeightedPseudograph<Integer, DefaultWeightedEdge> j =
        new DirectedWeightedPseudograph<>(DefaultWeightedEdge.class);
    int n = g.nodeCount();
    for (int v = 0; v <= n; v++) {
      j.addVertex(v);
    }
    for (int v = 0; v < n; v++) {
      j.setEdgeWeight(j.addEdge(n, v), 0.0);
    }
    for (int e = 0; e < g.edgeCount(); e++) {
      j.setEdgeWeight(
          j.addEdge(g.edgeFrom(e), g.edgeTo(e)), g.edgeWeight(e) + PathOptimizer.EPSILON);
    }
    try {
      new BellmanFordShortestPath<>(j).getPaths(n);
      return false;
    } catch (NegativeCycleDetectedException e) {
      return true;
    }
  }

  private static PathQuery randomQuery(Random r) {
    int maxLength = 2 + r.nextInt(4);
    int topK = 1 + r.nextInt(r.nextBoolean() ? 5 : 40);
    OptionalDouble min =
        switch (r.nextInt(3)) {
          case 0 -> OptionalDouble.empty();
          case 1 -> OptionalDouble.of(0);
          default -> OptionalDouble.of(r.nextInt(60));
        };
    return new PathQuery(maxLength, topK, List.of(), min, true);
  }

  /**
   * Assets with hidden prices; markets with a mid of the price ratio times noise (σ ≈ 5-30 bp) and
   * a spread of 2-40 bp, fee 0 or 10 bp; a few books lifted by 0.2-3 % (their bid above the fair
   * price), which makes arbitrage through them.
   */
  private static MarketSnapshot randomSnapshot(Random r, int assets) {
    int exchanges = 1 + r.nextInt(3);
    double[] price = new double[assets];
    for (int a = 0; a < assets; a++) {
      price[a] = Math.exp(r.nextGaussian() * 3);
    }
    double noise = 0.0005 + r.nextDouble() * 0.0025;
    int lifted = r.nextInt(4);
    Map<String, OrderBook> books = new LinkedHashMap<>();
    int markets = assets * (2 + r.nextInt(4));
    for (int m = 0; m < markets; m++) {
      int b = r.nextInt(assets);
      int q = r.nextInt(assets);
      if (b == q) {
        continue;
      }
      String ex = "ex" + r.nextInt(exchanges);
      BigDecimal fee = r.nextBoolean() ? BigDecimal.ZERO : new BigDecimal("0.001");
      Market market = Market.of(ex, "A" + b, "A" + q, fee);
      double mid = price[b] / price[q] * Math.exp(r.nextGaussian() * noise);
      double half = mid * (0.0001 + r.nextDouble() * 0.002);
      double bid = mid - half;
      double ask = mid + half;
      if (m < lifted) {
        double lift = 1.002 + r.nextDouble() * 0.028;
        bid = mid * lift;
        ask = bid + half * 2;
      }
      List<BookLevel> bids = List.of(new BookLevel(dec(bid), BigDecimal.ONE));
      List<BookLevel> asks = List.of(new BookLevel(dec(ask), BigDecimal.ONE));
      books.putIfAbsent(market.id(), new OrderBook(market, bids, asks, Instant.EPOCH));
    }
    return new MarketSnapshot(new ArrayList<>(books.values()), List.of(), "random");
  }

  private static BigDecimal dec(double v) {
    return new BigDecimal(v).round(new MathContext(12));
  }
}
