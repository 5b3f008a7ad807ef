package dev.arb.engine.path;

import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

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
 * <p>Built once per graph (the reverse adjacency and the node ranks do not change with rates);
 * reads the graph's live weights at each call. Bounds and DFS allocate nothing; a kept cycle
 * allocates its edge list, and the results their {@link Cycle} values. Not thread-safe.
 */
public final class EdgeCycleSearch {
  private static final double INF = Double.POSITIVE_INFINITY;
  private static final double EPS = PathOptimizer.EPSILON;

  private final PathGraph g;
  private final int n;
  private final int maxTrades;
  private final int maxLen;
  private final int topK;
  private final double minWeight;
  private final boolean startsOnly;
  private final int startCount;
  private final int[] rank;
  private final int[] off;
  private final int[] src;
  private final int[] tgt;
  private final double[] w;
  private final Leg[] legs;
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
  private final boolean[] onPath;
  private final int[] path;
  private final long maxSteps;
  private int a;
  private int first;
  private long steps;
  private long examined;
  private boolean stopped;
  private double[] heapW = new double[16];
  private int[][] heapE = new int[16][];
  private int size;

  /** A search of {@code graph} with the query's length bound, K, threshold and start assets. */
  public EdgeCycleSearch(PathGraph graph, PathQuery query) {
    this(graph, query, PathOptimizer.MAX_SEARCH_STEPS);
  }

  EdgeCycleSearch(PathGraph graph, PathQuery query, long maxSteps) {
    this.g = graph;
    this.n = graph.nodeCount();
    this.maxSteps = maxSteps;
    this.maxTrades = query.maxLength();
    boolean transfers = false;
    for (Leg l : graph.legs()) {
      transfers |= l == null;
    }
    this.maxLen = transfers ? 2 * maxTrades : maxTrades;
    this.topK = query.topK();
    this.minWeight =
        query.minProfitBp().isPresent()
            ? -Math.log1p(query.minProfitBp().getAsDouble() / 10_000.0) - EPS
            : INF;
    this.rank = new int[n];
    this.startCount = PathOptimizer.rank(graph, query.startAssets(), rank, new ArrayList<>());
    this.startsOnly = !query.startAssets().isEmpty();
    this.off = graph.offsets();
    this.src = graph.sources();
    this.tgt = graph.targets();
    this.w = graph.weights();
    this.legs = graph.legs();
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
    dist = new double[maxLen * n];
    Arrays.fill(dist, INF);
    touched = new int[n];
    isTouched = new boolean[n];
    frontier = new int[n];
    next = new int[n];
    improvedIn = new int[n];
    onPath = new boolean[n];
    path = new int[maxLen];
  }

  /**
   * The best simple cycles through edge {@code e} (at most K, best return first, each rotated as
   * the full search rotates it); empty when there is none above the threshold.
   */
  public List<Cycle> through(int e) {
    size = 0;
    stopped = false;
    first = e;
    a = src[e];
    int b = tgt[e];
    if (topK == 0 || !(w[e] < INF) || a == b) {
      return List.of();
    }
    boolean transfer = legs[e] == null;
    int trades = transfer ? 0 : 1;
    bounds();
    path[0] = e;
    onPath[a] = true;
    onPath[b] = true;
    if (maxLen > 1) {
      dfs(b, 1, trades, w[e], transfer);
    }
    onPath[a] = false;
    onPath[b] = false;
    return results();
  }

  /** Steps (edges followed) of the last call, bounds included. */
  public long steps() {
    return steps;
  }

  /** Cycles the last call closed and compared. */
  public long examined() {
    return examined;
  }

  /** Whether the last call stopped at the work bound. */
  public boolean stopped() {
    return stopped;
  }

  /**
   * dist[r·n + v]: lightest walk v → a of at most r edges (∞ if none), frontier-driven backwards
   * over the in-edges; only reached nodes are touched and reset for the next call.
   */
  private void bounds() {
    steps = 0;
    examined = 0;
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
  }

  private double threshold() {
    return size == topK && heapW[0] < minWeight ? heapW[0] : minWeight;
  }

  private void dfs(int v, int depth, int trades, double weight, boolean lastTransfer) {
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
      if (u == a) {
        if (transfer && legs[first] == null) {
          continue;
        }
        examined++;
        path[depth] = e;
        if (nw < threshold() && hasStart(depth + 1)) {
          offer(nw, depth + 1);
        }
        continue;
      }
      int used = depth + 1;
      if (used >= maxLen || onPath[u]) {
        continue;
      }
      int left = Math.min(maxLen - used, maxLen == maxTrades ? maxLen : 2 * (maxTrades - t) + 1);
      double lb = dist[left * n + u];
      if (lb == INF || nw + lb >= threshold() + EPS * maxLen) {
        continue;
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

  /** With start assets: whether the cycle in {@code path[0..len)} visits one of them. */
  private boolean hasStart(int len) {
    if (!startsOnly) {
      return true;
    }
    for (int i = 0; i < len; i++) {
      if (rank[src[path[i]]] < startCount) {
        return true;
      }
    }
    return false;
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

  private void swap(int x, int y) {
    double tw = heapW[x];
    heapW[x] = heapW[y];
    heapW[y] = tw;
    int[] te = heapE[x];
    heapE[x] = heapE[y];
    heapE[y] = te;
  }

  private List<Cycle> results() {
    if (size == 0) {
      return List.of();
    }
    int[][] rotated = new int[size][];
    Integer[] idx = new Integer[size];
    for (int i = 0; i < size; i++) {
      idx[i] = i;
      rotated[i] = rotate(heapE[i]);
    }
    Arrays.sort(
        idx,
        (x, y) -> {
          int c = Double.compare(heapW[x], heapW[y]);
          return c != 0 ? c : Arrays.compare(rotated[x], rotated[y]);
        });
    List<Cycle> out = new ArrayList<>(size);
    for (Integer i : idx) {
      Optional<Cycle> c = PathOptimizer.cycle(g, rotated[i]);
      c.ifPresent(out::add);
    }
    return out;
  }

  /** The cycle's edges rotated to start at its lowest-ranked node (as the full search does). */
  private int[] rotate(int[] edges) {
    int best = 0;
    for (int i = 1; i < edges.length; i++) {
      if (rank[src[edges[i]]] < rank[src[edges[best]]]) {
        best = i;
      }
    }
    int[] out = new int[edges.length];
    for (int i = 0; i < edges.length; i++) {
      out[i] = edges[(best + i) % edges.length];
    }
    return out;
  }
}
