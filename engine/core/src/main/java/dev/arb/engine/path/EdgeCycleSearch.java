package dev.arb.engine.path;

import dev.arb.engine.model.Cycle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The top-K search of {@link PathOptimizer#search} restricted to the cycles through one edge: what
 * the streaming runner re-searches after an update, instead of the whole graph. Same rules as the
 * full search (at most {@code maxLength} trades, transfers between trades only, one at a time, no
 * node twice, profit strictly above {@code minProfitBp}, start assets, the same rotation), and the
 * same branch-and-bound: every simple cycle through edge {@code e = (a→b)} is enumerated once, as
 * {@code e} followed by a DFS from {@code b} back to {@code a}, a branch being cut when its weight
 * plus the lightest walk back to {@code a} (a layered Bellman-Ford over the in-edges, at most the
 * hops left) cannot beat the K-th best cycle kept or the profit threshold.
 *
 * <p>The walk, the kept cycles and their order are {@link TopKSearch}'s ({@link
 * TopKSearch#through}); this class computes the bounds on the graph's live weights (the full search
 * copies weights into its reverse adjacency once per search, which an update would make stale).
 *
 * <p>Built once per graph (the reverse adjacency and the node ranks do not change with rates);
 * reads the graph's live weights at each call. Bounds and DFS allocate nothing; a kept cycle
 * allocates its edge list, and the results their {@link Cycle} values. Not thread-safe.
 */
public final class EdgeCycleSearch {
  private static final double INF = Double.POSITIVE_INFINITY;

  private final int n;
  private final int maxLen;
  private final int topK;
  private final boolean startsOnly;
  private final int startCount;
  private final int[] src;
  private final int[] tgt;
  private final double[] w;
  private final int[] inStart;
  private final int[] inEdge;
  private final double[] dist;
  private final int[] touched;
  private int touchedCount;
  private final boolean[] isTouched;
  private int[] frontier;
  private int[] next;
  private final int[] improvedIn;
  private int layerStamp;
  private final TopKSearch walk;

  /** A search of {@code graph} with the query's length bound, K, threshold and start assets. */
  public EdgeCycleSearch(PathGraph graph, PathQuery query) {
    this(graph, query, PathOptimizer.MAX_SEARCH_STEPS);
  }

  EdgeCycleSearch(PathGraph graph, PathQuery query, long maxSteps) {
    this.n = graph.nodeCount();
    this.topK = query.topK();
    int[] rank = new int[n];
    this.startCount = PathOptimizer.rank(graph, query.startAssets(), rank, new ArrayList<>());
    this.startsOnly = !query.startAssets().isEmpty();
    this.walk = new TopKSearch(graph, query, rank, maxSteps);
    this.maxLen = walk.maxLen();
    this.dist = walk.dist;
    this.src = graph.sources();
    this.tgt = graph.targets();
    this.w = graph.weights();
    int m = graph.edgeCount();
    inStart = new int[n + 1];
    inEdge = new int[m];
    for (int e = 0; e < m; e++) {
      inStart[tgt[e] + 1]++;
    }
    for (int v = 0; v < n; v++) {
      inStart[v + 1] += inStart[v];
    }
    int[] fill = Arrays.copyOf(inStart, n);
    for (int e = 0; e < m; e++) {
      inEdge[fill[tgt[e]]++] = e;
    }
    touched = new int[n];
    isTouched = new boolean[n];
    frontier = new int[n];
    next = new int[n];
    improvedIn = new int[n];
  }

  /**
   * The best simple cycles through edge {@code e} (at most K, best return first, each rotated as
   * the full search rotates it); empty when there is none above the threshold.
   */
  public List<Cycle> through(int e) {
    walk.reset();
    int a = src[e];
    int b = tgt[e];
    if (topK == 0 || !(w[e] < INF) || a == b) {
      return List.of();
    }
    bounds(a);
    walk.through(e, a, b, startsOnly ? startCount : -1);
    return walk.results();
  }

  /** Steps (edges followed) of the last call, bounds included. */
  public long steps() {
    return walk.steps;
  }

  /** Cycles the last call closed and compared. */
  public long examined() {
    return walk.examined;
  }

  /** Whether the last call stopped at the work bound. */
  public boolean stopped() {
    return walk.stopped;
  }

  /**
   * dist[r·n + v]: lightest walk v → a of at most r edges (∞ if none), frontier-driven backwards
   * over the in-edges; only reached nodes are touched and reset for the next call.
   */
  private void bounds(int a) {
    long steps = 0;
    for (int t = 0; t < touchedCount; t++) {
      int v = touched[t];
      isTouched[v] = false;
      for (int r = 0; r < maxLen; r++) {
        dist[r * n + v] = INF;
      }
    }
    touchedCount = 0;
    touched[touchedCount++] = a;
    isTouched[a] = true;
    dist[a] = 0;
    int[] cur = frontier;
    int[] nxt = next;
    cur[0] = a;
    int curSize = 1;
    for (int r = 1; r < maxLen; r++) {
      int base = r * n;
      int prev = base - n;
      for (int t = 0; t < touchedCount; t++) {
        int v = touched[t];
        dist[base + v] = dist[prev + v];
      }
      int nxtSize = 0;
      int stamp = ++layerStamp;
      for (int f = 0; f < curSize; f++) {
        int u = cur[f];
        double du = dist[prev + u];
        steps += inStart[u + 1] - inStart[u];
        for (int i = inStart[u], end = inStart[u + 1]; i < end; i++) {
          int in = inEdge[i];
          int v = src[in];
          double c = w[in] + du;
          if (c < dist[base + v]) {
            dist[base + v] = c;
            if (!isTouched[v]) {
              isTouched[v] = true;
              touched[touchedCount++] = v;
            }
            if (improvedIn[v] != stamp) {
              improvedIn[v] = stamp;
              nxt[nxtSize++] = v;
            }
          }
        }
      }
      int[] tmp = cur;
      cur = nxt;
      nxt = tmp;
      curSize = nxtSize;
      if (curSize == 0) {
        for (int rr = r + 1; rr < maxLen; rr++) {
          int bb = rr * n;
          for (int t = 0; t < touchedCount; t++) {
            int v = touched[t];
            dist[bb + v] = dist[bb - n + v];
          }
        }
        break;
      }
    }
    frontier = cur;
    next = nxt;
    walk.steps += steps;
  }
}
