package dev.arb.engine.path;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.MarketSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Finds arbitrage cycles in a {@link PathGraph}.
 *
 * <p><b>Top-K search</b> ({@link #search}): exact within the length bound. Every simple cycle is
 * enumerated once, from its lowest-ranked node {@code s}, by a DFS over nodes ranked above {@code
 * s}. Branch-and-bound: a branch at node {@code u} with partial weight {@code W} and {@code r} hops
 * left is cut when {@code W + d_r(u)} cannot beat the current K-th best (or the profit threshold),
 * where {@code d_r(u)} is the lightest <i>walk</i> from {@code u} back to {@code s} in at most
 * {@code r} edges over the allowed nodes (layered Bellman-Ford per start node). Walks lower-bound
 * simple paths, so no cycle that could enter the top K is ever cut. A bounded max-heap keeps the K
 * best. Rank: with start assets, their nodes come first in the listed order, so every cycle through
 * one is enumerated from (and rotated to) the first listed start asset it contains; otherwise nodes
 * are ranked by how many markets quote in their asset (most first), then by first appearance in the
 * input, so cycles start at hub assets. At most one transfer edge between two trades; a cycle of
 * transfers only is none.
 *
 * <p><b>Negative-cycle detector</b> ({@link #findNegativeCycle}, {@link CycleDetector}): SPFA
 * rooted at each node not yet reached (equivalent to a virtual source joined to every node, with
 * fewer rescans), on weights {@code w + }{@value #EPSILON} per edge, so a cycle counts only if its
 * return exceeds 1 by more than about {@code length·1e-12} (floating noise in {@code ln} is about
 * 1e-16 per edge: no phantom cycles, and no real one above 10⁻⁸ bp is missed). The predecessor
 * graph is checked for a cycle every n relaxations; a predecessor cycle is always negative.
 *
 * <p><b>Skipping start nodes</b>: after the detector, the search masks one edge of each negative
 * cycle found (at most {@link TopKSearch#MAX_MASKED}; the edge on most of the cycles found so far)
 * and reruns it to get potentials on all other edges; a cycle's weight is at least the sum of the
 * negative reduced weights of the masked edges it can use (ranked at or above its start, in its
 * start's connected component), so once the K-th best (or the profit threshold) is below that for
 * every cycle from a start node, that start is not searched. The results are the same as without
 * skipping (tests compare both); only the work is less.
 *
 * <p>Hot loops work on the graph's primitive arrays: no boxing, no streams, no allocation per
 * relaxation or DFS step; arrays are allocated once per call.
 *
 * <p><b>Work bound</b>: a dense graph whose cycles all have the same return (a rate table of equal
 * rates) gives branch-and-bound nothing to cut, and the search would enumerate every simple cycle:
 * n⁵/5 for 5 legs, hours at 400 assets. The top-K search therefore stops after {@value
 * #MAX_SEARCH_STEPS} steps (edges followed; about a second or two) and says so in the notes; the
 * cycles found until then are returned. Real snapshots need far fewer steps (the MO-book snapshot
 * searched exhaustively to 13 legs: about 2·10⁶).
 */
public final class PathOptimizer {
  /** Per-edge slack of the detector and of the profit threshold, in log-return units. */
  public static final double EPSILON = 1e-12;

  /** Steps (edges followed by the search and its bounds) after which the top-K search stops. */
  public static final long MAX_SEARCH_STEPS = 200_000_000L;

  private static final double INF = Double.POSITIVE_INFINITY;

  private PathOptimizer() {}

  /** Builds the graph of {@code snapshot} (no transfer edges) and searches it. */
  public static PathSearchResult search(MarketSnapshot snapshot, PathQuery query) {
    return search(PathGraph.of(snapshot), query);
  }

  /** The best simple cycles of the graph for the query, and whether any arbitrage exists. */
  public static PathSearchResult search(PathGraph graph, PathQuery query) {
    return search(graph, query, MAX_SEARCH_STEPS);
  }

  /** {@link #search(PathGraph, PathQuery)} with another work bound (tests). */
  static PathSearchResult search(PathGraph graph, PathQuery query, long maxSteps) {
    return search(graph, query, maxSteps, true, null);
  }

  /**
   * {@link #search(PathGraph, PathQuery, long)}, with the skipping of start nodes on or off (tests
   * compare both); when {@code skipped} is given, its first element receives how many start nodes
   * were skipped.
   */
  static PathSearchResult search(
      PathGraph graph, PathQuery query, long maxSteps, boolean skipStarts, long[] skipped) {
    List<String> notes = new ArrayList<>(graph.warnings());
    int n = graph.nodeCount();
    int[] rank = new int[n];
    int startCount = rank(graph, query.startAssets(), rank, notes);
    int[] order = new int[n];
    for (int v = 0; v < n; v++) {
      order[rank[v]] = v;
    }
    CycleDetector detector = new CycleDetector(graph);
    int[] neg = detector.run();
    TopKSearch s = new TopKSearch(graph, query, rank, maxSteps);
    if (skipStarts && query.pruning() && query.topK() > 0) {
      s.potentials(detector, neg);
    }
    int lastStart = query.startAssets().isEmpty() ? n : startCount;
    for (int i = 0; i < lastStart && query.topK() > 0 && !s.stopped; i++) {
      s.from(order[i]);
    }
    if (s.stopped) {
      notes.add(
          "search stopped after "
              + String.format(java.util.Locale.ROOT, "%,d", maxSteps)
              + " steps: too many cycles of nearly equal return to rank them all (a dense graph);"
              + " the cycles listed are the best found, better ones may exist; try --start or a"
              + " smaller --max-length");
    }
    List<Cycle> cycles = s.results();
    if (skipped != null) {
      skipped[0] = s.skipped;
    }
    Optional<Cycle> detected = neg == null ? Optional.empty() : toCycle(graph, neg, rank);
    return new PathSearchResult(
        cycles, neg != null, detected, n, graph.edgeCount(), s.examined, notes);
  }

  /**
   * The node ranks: start-asset nodes first in listed order, then the rest by quote degree, then
   * input order; returns how many nodes are start nodes.
   */
  static int rank(PathGraph g, List<Asset> start, int[] rank, List<String> notes) {
    int n = g.nodeCount();
    // How many markets quote in this node's asset: the natural numeraire (USD, USDT, BTC) comes
    // first, so cycles start, and profits are counted, in the asset most markets are priced in.
    // A pool has no quote side: it counts for both its tokens, so hubs (WETH, USDC) come first.
    // Read from the graph's arrays, not its legs: a market's sell edge is its SELL leg (a
    // transfer or same-as join has no market), and testing a leg for a pool (an interface) on
    // every edge cost more than the rest of the search setup at 20,000 markets.
    int[] degree = new int[n];
    for (int e = 0; e < g.edgeCount(); e++) {
      int market = g.edgeMarket(e);
      if (market >= 0) {
        degree[g.sellEdge(market) == e || g.isPoolMarket(market) ? g.edgeTo(e) : g.edgeFrom(e)]++;
      }
    }
    Integer[] nodes = new Integer[n];
    for (int v = 0; v < n; v++) {
      nodes[v] = v;
    }
    int[] startIndex = new int[n];
    for (int v = 0; v < n; v++) {
      int i = start.indexOf(g.nodeAsset(v));
      startIndex[v] = i < 0 ? Integer.MAX_VALUE : i;
    }
    for (Asset a : start) {
      boolean found = false;
      for (int v = 0; v < n && !found; v++) {
        found = g.nodeAsset(v).equals(a);
      }
      if (!found) {
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
          // then the order the input lists them in (node ids follow first appearance)
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

  /** Whether the graph has a cycle with return above 1 (beyond {@link #EPSILON} per edge). */
  public static boolean hasNegativeCycle(PathGraph graph) {
    return negativeCycleEdges(graph) != null;
  }

  /**
   * A cycle with return above 1 (beyond {@link #EPSILON} per edge), if there is one: the first the
   * detector meets, not necessarily the best. Empty also if the cycle has fewer than two trades.
   */
  public static Optional<Cycle> findNegativeCycle(PathGraph graph) {
    int[] edges = negativeCycleEdges(graph);
    if (edges == null) {
      return Optional.empty();
    }
    int[] rank = new int[graph.nodeCount()];
    rank(graph, List.of(), rank, new ArrayList<>());
    return toCycle(graph, edges, rank);
  }

  /**
   * The detector's run ({@link CycleDetector}): the edges of a negative cycle in order, or null.
   */
  static int[] negativeCycleEdges(PathGraph g) {
    return new CycleDetector(g).run();
  }

  /** The edges as a cycle rotated to its lowest-ranked node; empty if fewer than two trades. */
  static Optional<Cycle> toCycle(PathGraph g, int[] edges, int[] rank) {
    int best = 0;
    for (int i = 1; i < edges.length; i++) {
      if (rank[g.edgeFrom(edges[i])] < rank[g.edgeFrom(edges[best])]) {
        best = i;
      }
    }
    int[] rotated = new int[edges.length];
    for (int i = 0; i < edges.length; i++) {
      rotated[i] = edges[(best + i) % edges.length];
    }
    return cycle(g, rotated);
  }

  static Optional<Cycle> cycle(PathGraph g, int[] edges) {
    List<Leg> legs = new ArrayList<>(edges.length);
    double ret = 1.0;
    for (int e : edges) {
      ret *= g.edgeRate(e);
      if (g.edgeLeg(e) != null) {
        legs.add(g.edgeLeg(e));
      }
    }
    if (legs.size() < 2) {
      return Optional.empty();
    }
    // With transfers, a cycle may begin with a transfer: start at the first trade instead.
    return Optional.of(new Cycle(legs, ret));
  }
}
