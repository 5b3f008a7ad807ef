package dev.arb.engine.path;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.Side;
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
 * <p><b>Negative-cycle detector</b> ({@link #findNegativeCycle}): SPFA from a virtual source joined
 * to every node at weight 0, on weights {@code w + }{@value #EPSILON} per edge, so a cycle counts
 * only if its return exceeds 1 by more than about {@code length·1e-12} (floating noise in {@code
 * ln} is about 1e-16 per edge: no phantom cycles, and no real one above 10⁻⁸ bp is missed). The
 * predecessor graph is checked for a cycle every n relaxations and whenever a path reaches n edges;
 * a predecessor cycle is always negative.
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
    List<String> notes = new ArrayList<>(graph.warnings());
    int n = graph.nodeCount();
    int[] rank = new int[n];
    int startCount = rank(graph, query.startAssets(), rank, notes);
    int[] order = new int[n];
    for (int v = 0; v < n; v++) {
      order[rank[v]] = v;
    }
    Search s = new Search(graph, query, rank, maxSteps);
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
    int[] neg = negativeCycleEdges(graph);
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
    int[] degree = new int[n];
    for (int e = 0; e < g.edgeCount(); e++) {
      Leg leg = g.edgeLeg(e);
      if (leg != null) {
        degree[leg.side() == Side.SELL || leg.isPool() ? g.edgeTo(e) : g.edgeFrom(e)]++;
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

  /** SPFA with a virtual source; the edges of a negative cycle in order, or null. */
  static int[] negativeCycleEdges(PathGraph g) {
    int n = g.nodeCount();
    if (n == 0) {
      return null;
    }
    int[] off = g.offsets();
    int[] src = g.sources();
    int[] tgt = g.targets();
    double[] w = g.weights();
    double[] dist = new double[n];
    int[] pred = new int[n];
    int[] len = new int[n];
    int[] mark = new int[n];
    boolean[] inQueue = new boolean[n];
    int[] queue = new int[n + 1];
    Arrays.fill(pred, -1);
    int head = 0;
    int tail = 0;
    for (int v = 0; v < n; v++) {
      queue[tail++] = v;
      inQueue[v] = true;
    }
    int size = n;
    long relaxations = 0;
    while (size > 0) {
      int v = queue[head];
      head = head + 1 == queue.length ? 0 : head + 1;
      size--;
      inQueue[v] = false;
      double dv = dist[v];
      for (int e = off[v]; e < off[v + 1]; e++) {
        int u = tgt[e];
        double nd = dv + w[e] + EPSILON;
        if (nd < dist[u]) {
          dist[u] = nd;
          pred[u] = e;
          len[u] = len[v] + 1;
          relaxations++;
          if (len[u] >= n || relaxations % n == 0) {
            int[] cycle = predecessorCycle(pred, src, mark, n);
            if (cycle != null) {
              return cycle;
            }
            if (len[u] >= n) {
              len[u] = 0;
            }
          }
          if (!inQueue[u]) {
            inQueue[u] = true;
            queue[tail] = u;
            tail = tail + 1 == queue.length ? 0 : tail + 1;
            size++;
          }
        }
      }
    }
    return null;
  }

  /** A cycle in the predecessor graph as edges in forward order, or null (walk-to-root check). */
  private static int[] predecessorCycle(int[] pred, int[] src, int[] mark, int n) {
    Arrays.fill(mark, 0);
    for (int i = 0; i < n; i++) {
      int x = i;
      while (x >= 0 && mark[x] == 0) {
        mark[x] = i + 1;
        x = pred[x] < 0 ? -1 : src[pred[x]];
      }
      if (x >= 0 && mark[x] == i + 1) {
        int count = 0;
        int y = x;
        do {
          count++;
          y = src[pred[y]];
        } while (y != x);
        int[] edges = new int[count];
        y = x;
        for (int k = count - 1; k >= 0; k--) {
          edges[k] = pred[y];
          y = src[pred[y]];
        }
        return edges;
      }
    }
    return null;
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

  /** The branch-and-bound DFS state, allocated once per search. */
  private static final class Search {
    private final int n;
    // trades per cycle at most (transfers between exchanges do not count)
    private final int maxTrades;
    // edges per cycle at most: maxTrades, or twice that with transfer edges (at most one transfer
    // between two trades)
    private final int maxLen;
    private final int topK;
    private final boolean pruning;
    private final double minWeight;
    private final int[] off;
    private final int[] tgt;
    private final double[] w;
    private final Leg[] legs;
    private final int[] rank;
    private final PathGraph g;
    private final boolean[] onPath;
    private final int[] path;
    private final double[] dist;
    // Reverse CSR for the bounds: the in-edges of node u are inStart[u] <= i < inStart[u + 1],
    // from inFrom[i] at weight inWeight[i], sorted by the rank of their source, highest first.
    private final int[] inStart;
    private final int[] inFrom;
    private final double[] inWeight;
    // Bounds scratch: nodes with a finite bound for the current start, and the frontier of nodes
    // whose bound improved in the previous layer.
    private final int[] touched;
    private int touchedCount;
    private final boolean[] isTouched;
    private int[] frontier;
    private int[] next;
    private final int[] improvedIn;
    private int layerStamp;
    private int s;
    private long examined;
    private final long maxSteps;
    private long steps;
    private boolean stopped;
    // Bounded max-heap of the best cycles by weight (root = worst kept).
    private double[] heapW = new double[16];
    private int[][] heapE = new int[16][];
    private int size;

    Search(PathGraph g, PathQuery q, int[] rank, long maxSteps) {
      this.g = g;
      this.maxSteps = maxSteps;
      this.n = g.nodeCount();
      this.maxTrades = q.maxLength();
      this.maxLen = hasTransfers(g) ? 2 * maxTrades : maxTrades;
      this.topK = q.topK();
      this.pruning = q.pruning();
      this.minWeight =
          q.minProfitBp().isPresent()
              ? -Math.log1p(q.minProfitBp().getAsDouble() / 10_000.0) - EPSILON
              : INF;
      this.off = g.offsets();
      this.tgt = g.targets();
      this.w = g.weights();
      this.legs = g.legs();
      this.rank = rank;
      this.onPath = new boolean[n];
      this.path = new int[maxLen];
      this.dist = new double[maxLen * n];
      Arrays.fill(dist, INF);
      int m = g.edgeCount();
      int[] src = g.sources();
      this.inStart = new int[n + 1];
      this.inFrom = new int[m];
      this.inWeight = new double[m];
      for (int e = 0; e < m; e++) {
        inStart[tgt[e] + 1]++;
      }
      for (int v = 0; v < n; v++) {
        inStart[v + 1] += inStart[v];
      }
      int[] byRank = new int[n];
      for (int v = 0; v < n; v++) {
        byRank[rank[v]] = v;
      }
      int[] fill = Arrays.copyOf(inStart, n);
      for (int r = n - 1; r >= 0; r--) {
        int v = byRank[r];
        for (int e = off[v]; e < off[v + 1]; e++) {
          int at = fill[tgt[e]]++;
          inFrom[at] = src[e];
          inWeight[at] = w[e];
        }
      }
      this.touched = new int[n];
      this.isTouched = new boolean[n];
      this.frontier = new int[n];
      this.next = new int[n];
      this.improvedIn = new int[n];
    }

    void from(int start) {
      s = start;
      if (pruning) {
        bounds();
      }
      onPath[s] = true;
      dfs(s, 0, 0, 0.0, false);
      onPath[s] = false;
    }

    private static boolean hasTransfers(PathGraph g) {
      for (Leg leg : g.legs()) {
        if (leg == null) {
          return true;
        }
      }
      return false;
    }

    /**
     * dist[r·n + v]: lightest walk v → s of at most r edges through nodes ranked ≥ rank[s] (∞ if
     * none). Layered Bellman-Ford run backwards from s over the in-edges: layer r starts as a copy
     * of layer r − 1 and relaxes only the in-edges of nodes whose bound improved in layer r − 1 (a
     * node that did not improve offers nothing new). In-edges are sorted by source rank, so the
     * scan stops at the first source ranked below s. Only nodes within reach of s are touched, and
     * only they are reset for the next start; the values equal those of the full layered
     * recurrence.
     */
    private void bounds() {
      int rs = rank[s];
      for (int t = 0; t < touchedCount; t++) {
        int v = touched[t];
        isTouched[v] = false;
        for (int r = 0; r < maxLen; r++) {
          dist[r * n + v] = INF;
        }
      }
      touchedCount = 0;
      touched[touchedCount++] = s;
      isTouched[s] = true;
      dist[s] = 0;
      int[] cur = frontier;
      int[] nxt = next;
      cur[0] = s;
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
            int v = inFrom[i];
            if (rank[v] < rs) {
              break;
            }
            double c = inWeight[i] + du;
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
            int b = rr * n;
            for (int t = 0; t < touchedCount; t++) {
              int v = touched[t];
              dist[b + v] = dist[b - n + v];
            }
          }
          break;
        }
      }
    }

    private double threshold() {
      return size == topK && heapW[0] < minWeight ? heapW[0] : minWeight;
    }

    private void dfs(int v, int depth, int trades, double weight, boolean lastTransfer) {
      int rs = rank[s];
      steps += off[v + 1] - off[v];
      if (steps > maxSteps) {
        stopped = true;
        return;
      }
      for (int e = off[v]; e < off[v + 1]; e++) {
        boolean transfer = legs[e] == null;
        if (transfer && lastTransfer) {
          continue;
        }
        int t = transfer ? trades : trades + 1;
        if (t > maxTrades) {
          continue;
        }
        int u = tgt[e];
        double nw = weight + w[e];
        if (u == s) {
          if (transfer && legs[path[0]] == null) {
            continue;
          }
          examined++;
          path[depth] = e;
          if (nw < threshold()) {
            offer(nw, depth + 1);
          }
          continue;
        }
        int used = depth + 1;
        if (used >= maxLen || onPath[u] || rank[u] <= rs) {
          continue;
        }
        if (pruning) {
          // no two transfers in a row: a completion has at most 2·(trades left) + 1 edges
          int left =
              Math.min(maxLen - used, maxLen == maxTrades ? maxLen : 2 * (maxTrades - t) + 1);
          double lb = dist[left * n + u];
          if (lb == INF || nw + lb >= threshold() + EPSILON * maxLen) {
            continue;
          }
        }
        path[depth] = e;
        onPath[u] = true;
        dfs(u, used, t, nw, transfer);
        onPath[u] = false;
        if (stopped) {
          return;
        }
      }
    }

    private void offer(double weight, int len) {
      int[] edges = Arrays.copyOf(path, len);
      if (size < topK) {
        if (size == heapW.length) {
          int cap = (int) Math.min((long) topK, 2L * size);
          heapW = Arrays.copyOf(heapW, cap);
          heapE = Arrays.copyOf(heapE, cap);
        }
        int i = size++;
        heapW[i] = weight;
        heapE[i] = edges;
        while (i > 0) {
          int p = (i - 1) / 2;
          if (heapW[p] >= heapW[i]) {
            break;
          }
          swap(i, p);
          i = p;
        }
      } else {
        heapW[0] = weight;
        heapE[0] = edges;
        int i = 0;
        while (true) {
          int l = 2 * i + 1;
          int r = l + 1;
          int m = i;
          if (l < size && heapW[l] > heapW[m]) {
            m = l;
          }
          if (r < size && heapW[r] > heapW[m]) {
            m = r;
          }
          if (m == i) {
            break;
          }
          swap(i, m);
          i = m;
        }
      }
    }

    private void swap(int a, int b) {
      double tw = heapW[a];
      heapW[a] = heapW[b];
      heapW[b] = tw;
      int[] te = heapE[a];
      heapE[a] = heapE[b];
      heapE[b] = te;
    }

    /** The kept cycles, best first; ties broken by edge ids for a stable order. */
    List<Cycle> results() {
      Integer[] idx = new Integer[size];
      for (int i = 0; i < size; i++) {
        idx[i] = i;
      }
      Arrays.sort(
          idx,
          (a, b) -> {
            int c = Double.compare(heapW[a], heapW[b]);
            return c != 0 ? c : Arrays.compare(heapE[a], heapE[b]);
          });
      List<Cycle> out = new ArrayList<>(size);
      for (Integer i : idx) {
        cycle(g, heapE[i]).ifPresent(out::add);
      }
      return out;
    }
  }
}
