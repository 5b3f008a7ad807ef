package dev.arb.engine.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jgrapht.alg.cycle.TarjanSimpleCycles;
import org.jgrapht.alg.shortestpath.BellmanFordShortestPath;
import org.jgrapht.alg.shortestpath.NegativeCycleDetectedException;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.DirectedWeightedPseudograph;
import org.jgrapht.graph.SimpleDirectedGraph;
import org.junit.jupiter.api.Test;

/**
 * On 200 seeded random snapshots (parallel markets, one-sided books, fees, two exchanges), the SPFA
 * detector agrees with JGraphT's Bellman-Ford and with brute force, and the top-K search returns
 * exactly the K best simple cycles of length ≤ L that brute force finds (JGraphT's Tarjan
 * enumeration of simple cycles, expanded over parallel edges).
 */
class JGraphTReferenceTest {
  private static final String[] ASSETS = {"USD", "EUR", "BTC", "ETH", "ADA", "SOL"};

  /** One reference edge, computed here from the books independently of {@link PathGraph}. */
  private record Ref(String from, String to, double weight, String label) {}

  @Test
  void detectorAndTopKAgreeWithJGraphTOnRandomSnapshots() {
    Random random = new Random(20_260_424L);
    int withArbitrage = 0;
    int compared = 0;
    for (int round = 0; round < 200; round++) {
      MarketSnapshot snapshot = randomSnapshot(random);
      List<Ref> refs = refEdges(snapshot);
      List<List<Ref>> all = bruteForceCycles(refs);

      boolean bruteNegative = false;
      for (List<Ref> c : all) {
        bruteNegative |= weight(c) < -1e-9;
      }
      PathGraph graph = PathGraph.of(snapshot);
      boolean spfa = PathOptimizer.hasNegativeCycle(graph);
      assertThat(spfa).as("round %d: SPFA vs brute force", round).isEqualTo(bruteNegative);
      assertThat(spfa).as("round %d: SPFA vs JGraphT", round).isEqualTo(jgraphtNegative(refs));
      if (spfa) {
        withArbitrage++;
        Cycle found = PathOptimizer.findNegativeCycle(graph).orElseThrow();
        assertThat(found.topOfBookReturn()).isGreaterThan(1.0);
        assertSimple(found);
      }

      int maxLength = 2 + random.nextInt(5);
      int topK = 1 + random.nextInt(8);
      boolean threshold = random.nextBoolean();
      List<Asset> start =
          random.nextInt(3) == 0 ? List.of(Asset.of(ASSETS[random.nextInt(4)])) : List.of();
      PathQuery query =
          new PathQuery(
              maxLength,
              topK,
              start,
              threshold ? java.util.OptionalDouble.of(0) : java.util.OptionalDouble.empty(),
              true);
      List<List<Ref>> expected = new ArrayList<>();
      for (List<Ref> c : all) {
        if (c.size() <= maxLength
            && (!threshold || weight(c) < -1e-9)
            && (start.isEmpty() || touches(c, start.get(0)))) {
          expected.add(c);
        }
      }
      expected.sort(Comparator.comparingDouble(JGraphTReferenceTest::weight));
      List<Cycle> got = PathOptimizer.search(graph, query).cycles();

      assertThat(got).as("round %d size", round).hasSize(Math.min(topK, expected.size()));
      Set<String> keys = new HashSet<>();
      for (int i = 0; i < got.size(); i++) {
        Cycle c = got.get(i);
        assertSimple(c);
        assertThat(keys.add(key(labels(c)))).as("rotation listed twice").isTrue();
        assertThat(-Math.log(c.topOfBookReturn()))
            .as("round %d cycle %d weight", round, i)
            .isCloseTo(weight(expected.get(i)), within(1e-9));
        assertThat(key(labels(c))).isEqualTo(key(refLabels(expected.get(i))));
        if (!start.isEmpty()) {
          assertThat(c.startAsset()).isEqualTo(start.get(0));
        }
        compared++;
      }
    }
    // The generator must exercise both outcomes and real comparisons.
    assertThat(withArbitrage).isBetween(20, 180);
    assertThat(compared).isGreaterThan(300);
  }

  /**
   * With transfer edges: the top-K search returns exactly the K best simple cycles that brute force
   * finds among those with at least two trades, at most L trades (transfers do not count towards
   * the length) and never two transfers in a row, cyclically.
   */
  @Test
  void withTransfersTopKCountsTradesOnlyAndAgreesWithBruteForce() {
    Random random = new Random(20_261_124L);
    int compared = 0;
    int longerThanL = 0;
    for (int round = 0; round < 150; round++) {
      MarketSnapshot snapshot = randomSnapshot(random);
      double transferFee = random.nextBoolean() ? 0 : 0.0005;
      List<Ref> refs = new ArrayList<>(refEdges(snapshot));
      refs.addAll(transferEdges(refs, transferFee));
      PathGraph graph = PathGraph.build(snapshot, GraphOptions.withTransfers(transferFee));

      int maxLength = 2 + random.nextInt(3);
      int topK = 1 + random.nextInt(8);
      PathQuery query =
          new PathQuery(maxLength, topK, List.of(), java.util.OptionalDouble.empty(), true);
      List<List<Ref>> expected = new ArrayList<>();
      for (List<Ref> c : bruteForceCycles(refs)) {
        int trades = trades(c);
        if (trades >= 2 && trades <= maxLength && !twoTransfersInARow(c)) {
          expected.add(c);
          longerThanL += c.size() > maxLength ? 1 : 0;
        }
      }
      expected.sort(Comparator.comparingDouble(JGraphTReferenceTest::weight));
      List<Cycle> got = PathOptimizer.search(graph, query).cycles();

      assertThat(got).as("round %d size", round).hasSize(Math.min(topK, expected.size()));
      for (int i = 0; i < got.size(); i++) {
        Cycle c = got.get(i);
        assertThat(c.legs().size()).isLessThanOrEqualTo(maxLength);
        assertThat(-Math.log(c.topOfBookReturn()))
            .as("round %d cycle %d weight", round, i)
            .isCloseTo(weight(expected.get(i)), within(1e-9));
        List<String> tradeLabels = new ArrayList<>();
        for (Ref e : expected.get(i)) {
          if (!e.label().equals(TRANSFER)) {
            tradeLabels.add(e.label());
          }
        }
        assertThat(key(labels(c))).isEqualTo(key(tradeLabels));
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(200);
    // cycles whose edges, transfers included, exceed L are in the expectations: the case counted
    assertThat(longerThanL).isGreaterThan(50);
  }

  private static final String TRANSFER = "transfer";

  /** A transfer edge between every two exchanges' nodes of one asset. */
  private static List<Ref> transferEdges(List<Ref> trades, double fee) {
    Set<String> nodes = new java.util.TreeSet<>();
    for (Ref e : trades) {
      nodes.add(e.from());
      nodes.add(e.to());
    }
    List<Ref> out = new ArrayList<>();
    for (String a : nodes) {
      for (String b : nodes) {
        String assetA = a.substring(a.indexOf(':') + 1);
        String assetB = b.substring(b.indexOf(':') + 1);
        if (!a.equals(b) && assetA.equals(assetB)) {
          out.add(new Ref(a, b, -Math.log(1 - fee), TRANSFER));
        }
      }
    }
    return out;
  }

  private static int trades(List<Ref> c) {
    int t = 0;
    for (Ref e : c) {
      t += e.label().equals(TRANSFER) ? 0 : 1;
    }
    return t;
  }

  private static boolean twoTransfersInARow(List<Ref> c) {
    for (int i = 0; i < c.size(); i++) {
      if (c.get(i).label().equals(TRANSFER) && c.get((i + 1) % c.size()).label().equals(TRANSFER)) {
        return true;
      }
    }
    return false;
  }

  private static MarketSnapshot randomSnapshot(Random r) {
    int assets = 3 + r.nextInt(4);
    int exchanges = 1 + r.nextInt(2);
    double[] price = new double[assets];
    for (int a = 0; a < assets; a++) {
      price[a] = Math.exp(r.nextGaussian() * 3);
    }
    Map<String, OrderBook> books = new LinkedHashMap<>();
    int markets = assets + r.nextInt(assets * 2);
    for (int m = 0; m < markets; m++) {
      int b = r.nextInt(assets);
      int q = r.nextInt(assets);
      if (b == q) {
        continue;
      }
      String ex = "ex" + r.nextInt(exchanges);
      BigDecimal fee = r.nextBoolean() ? BigDecimal.ZERO : new BigDecimal("0.001");
      Market market = Market.of(ex, ASSETS[b], ASSETS[q], fee);
      double mid = price[b] / price[q] * Math.exp(r.nextGaussian() * 0.004);
      double half = mid * (0.0002 + r.nextDouble() * 0.002);
      List<BookLevel> bids = new ArrayList<>();
      List<BookLevel> asks = new ArrayList<>();
      if (r.nextInt(8) != 0) {
        bids.add(new BookLevel(dec(mid - half), BigDecimal.ONE));
      }
      if (r.nextInt(8) != 0 || bids.isEmpty()) {
        asks.add(new BookLevel(dec(mid + half), BigDecimal.ONE));
      }
      books.putIfAbsent(market.id(), new OrderBook(market, bids, asks, Instant.EPOCH));
    }
    return new MarketSnapshot(new ArrayList<>(books.values()), List.of(), "random");
  }

  private static BigDecimal dec(double v) {
    return new BigDecimal(v).round(new MathContext(9));
  }

  private static List<Ref> refEdges(MarketSnapshot s) {
    List<Ref> out = new ArrayList<>();
    for (OrderBook b : s.books()) {
      Market m = b.market();
      double keep = 1 - m.takerFee().doubleValue();
      String base = m.exchange() + ":" + m.base();
      String quote = m.exchange() + ":" + m.quote();
      if (!b.bids().isEmpty()) {
        double rate = b.bids().get(0).price().doubleValue() * keep;
        out.add(new Ref(base, quote, -Math.log(rate), m.id() + ":SELL"));
      }
      if (!b.asks().isEmpty()) {
        double rate = keep / b.asks().get(0).price().doubleValue();
        out.add(new Ref(quote, base, -Math.log(rate), m.id() + ":BUY"));
      }
    }
    return out;
  }

  /** Every simple cycle as edge lists: Tarjan on the collapsed graph, expanded over parallels. */
  private static List<List<Ref>> bruteForceCycles(List<Ref> refs) {
    SimpleDirectedGraph<String, DefaultEdge> g = new SimpleDirectedGraph<>(DefaultEdge.class);
    for (Ref e : refs) {
      g.addVertex(e.from());
      g.addVertex(e.to());
      if (!g.containsEdge(e.from(), e.to())) {
        g.addEdge(e.from(), e.to());
      }
    }
    List<List<Ref>> out = new ArrayList<>();
    for (List<String> nodes : new TarjanSimpleCycles<>(g).findSimpleCycles()) {
      expand(nodes, 0, new ArrayList<>(), refs, out);
    }
    return out;
  }

  private static void expand(
      List<String> nodes, int i, List<Ref> acc, List<Ref> refs, List<List<Ref>> out) {
    if (i == nodes.size()) {
      out.add(new ArrayList<>(acc));
      return;
    }
    String from = nodes.get(i);
    String to = nodes.get((i + 1) % nodes.size());
    for (Ref e : refs) {
      if (e.from().equals(from) && e.to().equals(to)) {
        acc.add(e);
        expand(nodes, i + 1, acc, refs, out);
        acc.remove(acc.size() - 1);
      }
    }
  }

  private static boolean jgraphtNegative(List<Ref> refs) {
    DirectedWeightedPseudograph<String, DefaultWeightedEdge> g =
        new DirectedWeightedPseudograph<>(DefaultWeightedEdge.class);
    g.addVertex("source");
    for (Ref e : refs) {
      for (String v : List.of(e.from(), e.to())) {
        if (g.addVertex(v)) {
          g.setEdgeWeight(g.addEdge("source", v), 0);
        }
      }
      g.setEdgeWeight(g.addEdge(e.from(), e.to()), e.weight());
    }
    try {
      new BellmanFordShortestPath<>(g).getPaths("source");
      return false;
    } catch (NegativeCycleDetectedException e) {
      return true;
    }
  }

  private static double weight(List<Ref> c) {
    double w = 0;
    for (Ref e : c) {
      w += e.weight();
    }
    return w;
  }

  private static boolean touches(List<Ref> c, Asset a) {
    for (Ref e : c) {
      if (e.from().endsWith(":" + a.code())) {
        return true;
      }
    }
    return false;
  }

  private static List<String> labels(Cycle c) {
    List<String> out = new ArrayList<>();
    for (Leg l : c.legs()) {
      out.add(l.market().id() + ":" + l.side());
    }
    return out;
  }

  private static List<String> refLabels(List<Ref> c) {
    List<String> out = new ArrayList<>();
    for (Ref e : c) {
      out.add(e.label());
    }
    return out;
  }

  /** The lexicographically smallest rotation, joined: equal for rotations of one cycle. */
  static String key(List<String> labels) {
    String best = null;
    for (int i = 0; i < labels.size(); i++) {
      StringBuilder sb = new StringBuilder();
      for (int j = 0; j < labels.size(); j++) {
        sb.append(labels.get((i + j) % labels.size())).append(' ');
      }
      if (best == null || sb.toString().compareTo(best) < 0) {
        best = sb.toString();
      }
    }
    return best;
  }

  /** No (exchange, asset) node is left twice. */
  static void assertSimple(Cycle c) {
    Set<String> nodes = new HashSet<>();
    for (Leg l : c.legs()) {
      assertThat(nodes.add(l.exchange() + ":" + l.from())).as("node repeated in %s", c).isTrue();
    }
  }
}
