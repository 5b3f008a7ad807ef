package dev.arb.bench;

import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.path.PathGraph;
import dev.arb.engine.path.PathOptimizer;
import org.jgrapht.Graph;
import org.jgrapht.alg.shortestpath.BellmanFordShortestPath;
import org.jgrapht.alg.shortestpath.NegativeCycleDetectedException;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.DirectedWeightedPseudograph;

/** The benchmark graphs: one seed, 5 exchanges, top of book only, and their JGraphT twins. */
public final class Graphs {
  /** Exchanges the markets are spread over. */
  public static final int EXCHANGES = 5;

  /** Injected profitable cycles in the default graphs. */
  public static final int INJECTED = 3;

  /** Seed of every benchmark graph. */
  public static final long SEED = 42;

  private Graphs() {}

  /** The snapshot of about {@code edges} edges (one book level: the graph reads only the top). */
  public static MarketSnapshot snapshot(int edges, int injected) {
    return SyntheticMarkets.generate(edges, EXCHANGES, 1, injected, SEED);
  }

  /**
   * The same graph for JGraphT: vertex {@code v} for node {@code v}, every edge with weight {@code
   * −ln(rate) + }{@link PathOptimizer#EPSILON} (the detector's weights, so both decide the same
   * question), plus a virtual source (vertex {@code nodeCount}) joined to every node at weight 0.
   */
  public static Graph<Integer, DefaultWeightedEdge> jgrapht(PathGraph g) {
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
    return j;
  }

  /** JGraphT's Bellman-Ford from the virtual source: whether it reports a negative cycle. */
  public static boolean jgraphtNegativeCycle(Graph<Integer, DefaultWeightedEdge> j, int source) {
    try {
      new BellmanFordShortestPath<>(j).getPaths(source);
      return false;
    } catch (NegativeCycleDetectedException e) {
      return true;
    }
  }
}
