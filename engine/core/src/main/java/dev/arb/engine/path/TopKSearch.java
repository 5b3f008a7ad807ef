package dev.arb.engine.path;

import static dev.arb.engine.path.PathOptimizer.EPSILON;

import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The branch-and-bound DFS of {@link PathOptimizer#search}, and its state, allocated once per
 * search (see {@link PathOptimizer} for the method). The same walk, bounded max-heap and results
 * serve {@link EdgeCycleSearch} ({@link #through}): the cycles through one edge, closed at the
 * edge's source with no rank floor, against bounds the caller computes into {@link #dist}.
 */
final class TopKSearch {
  private static final double INF = Double.POSITIVE_INFINITY;

  /**
   * Edges masked at most to get potentials (one per negative cycle the detector finds); with more
   * arbitrage than that every start is searched.
   */
  static final int MAX_MASKED = 8;

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
  // dist[r·n + v]: lower bound of a walk v → s of at most r edges (see bounds(); EdgeCycleSearch
  // fills it for through())
  final double[] dist;
  // Reverse CSR for the bounds: the in-edges of node u are inStart[u] <= i < inStart[u + 1],
  // from inFrom[i] at weight inWeight[i], sorted by the rank of their source, highest first.
  // Built on the first start that is searched.
  private int[] inStart;
  private int[] inFrom;
  private double[] inWeight;
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
  long examined;
  // start nodes skipped because no cycle from them could beat the threshold
  long skipped;
  private final long maxSteps;
  long steps;
  boolean stopped;
  // the walk's mode: nodes ranked at or below floor are not entered (full search: rank[s]; through
  // one edge: -1, none); bounded: prune with dist; startCount >= 0: a cycle is kept only if it
  // visits a node ranked below it (a start asset); rotate: results rotated to their lowest rank
  private int floor;
  private boolean bounded;
  private int startCount = -1;
  private boolean rotate;
  // Potentials on all edges but the masked ones (see potentials()); skipping is off without them.
  private boolean skipping;
  private int maskedCount;
  private final int[] maskedFrom = new int[MAX_MASKED];
  private final int[] maskedTo = new int[MAX_MASKED];
  private final double[] maskedReduced = new double[MAX_MASKED];
  private double margin;
  // the (weakly) connected component of each node, once edges are masked: a cycle from a start
  // stays in the start's component, so only the masked edges there count (null: none masked)
  private int[] component;
  // Bounded max-heap of the best cycles by weight (root = worst kept).
  private double[] heapW = new double[16];
  private int[][] heapE = new int[16][];
  private int size;

  TopKSearch(PathGraph g, PathQuery q, int[] rank, long maxSteps) {
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
    this.touched = new int[n];
    this.isTouched = new boolean[n];
    this.frontier = new int[n];
    this.next = new int[n];
    this.improvedIn = new int[n];
  }

  /**
   * Reverse CSR for the bounds: the in-edges of node u are inStart[u] ≤ i < inStart[u + 1], from
   * inFrom[i] at weight inWeight[i], sorted by the rank of their source, highest first.
   */
  private void reverse() {
    int m = g.edgeCount();
    int[] src = g.sources();
    inStart = new int[n + 1];
    inFrom = new int[m];
    inWeight = new double[m];
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
  }

  /**
   * Gets potentials for skipping starts: while the detector finds a negative cycle, masks the edge
   * of that cycle with the lowest reduced weight under the labels it had then (the edge most out of
   * line with the rest of the graph, e.g. a lifted book's bid) and runs the detector again; after a
   * run without a cycle its labels {@code π} are potentials on every edge not masked: {@code w +
   * π(from) − π(to) ≥ −EPSILON} up to rounding. A cycle's weight is the sum of its edges' reduced
   * weights (the potentials cancel), so it is at least the sum of the negative reduced weights of
   * the masked edges it may use. More than {@link #MAX_MASKED} cycles: no skipping.
   *
   * <p>The labels of a run that found a cycle single out the edge whose relaxation closed it, not
   * the edge out of line: one lifted book makes many cycles, and masking another edge of each
   * leaves the lifted one to close the next. So an edge on more of the cycles found so far is
   * masked first (the lifted edge is masked at the second cycle through it); the lowest reduced
   * weight decides among edges on as many. Which edges are masked changes only how many starts are
   * skipped, never the results.
   *
   * @param detector the detector after its first run
   * @param cycle the cycle that run found, or null
   */
  void potentials(CycleDetector detector, int[] cycle) {
    int[] src = g.sources();
    int[] found = cycle;
    int count = 0;
    int[] edges = new int[MAX_MASKED];
    // how many of the cycles found so far each of their edges is on
    Map<Integer, Integer> seen = new HashMap<>();
    while (found != null) {
      if (count == MAX_MASKED) {
        return;
      }
      double[] label = detector.labels();
      int worst = found[0];
      int most = 0;
      double lowest = INF;
      for (int e : found) {
        int on = seen.merge(e, 1, Integer::sum);
        double reduced = w[e] + label[src[e]] - label[tgt[e]];
        if (on > most || (on == most && reduced < lowest)) {
          most = on;
          lowest = reduced;
          worst = e;
        }
      }
      detector.mask(worst);
      edges[count++] = worst;
      found = detector.run();
    }
    double[] pot = detector.labels();
    double scale = 0;
    for (double p : pot) {
      scale = Math.max(scale, Math.abs(p));
    }
    double widest = 0;
    for (double x : w) {
      widest = Math.max(widest, Math.abs(x));
    }
    scale += widest;
    for (int j = 0; j < count; j++) {
      int e = edges[j];
      maskedFrom[j] = src[e];
      maskedTo[j] = tgt[e];
      maskedReduced[j] = w[e] + pot[src[e]] - pot[tgt[e]];
    }
    maskedCount = count;
    if (count > 0) {
      component = components();
    }
    // The detector's slack per edge plus rounding (labels, reduced weights, the search's own sums)
    // relative to the magnitudes involved, with room to spare: a bound too low only cuts less.
    margin = (maxLen + count) * (2 * EPSILON + 1e-14 * scale);
    skipping = true;
  }

  /**
   * Whether no cycle from {@code start} (through nodes ranked at or above it) can beat the current
   * threshold: its weight is at least the sum of the negative reduced weights of the masked edges
   * among those nodes in the start's connected component (a cycle never leaves it: without transfer
   * edges every exchange is a component of its own).
   */
  private boolean cannotBeat(int start) {
    int rs = rank[start];
    int cs = maskedCount == 0 ? 0 : component[start];
    double lowest = -margin;
    for (int j = 0; j < maskedCount; j++) {
      if (rank[maskedFrom[j]] >= rs
          && rank[maskedTo[j]] >= rs
          && maskedReduced[j] < 0
          && component[maskedFrom[j]] == cs) {
        lowest += maskedReduced[j];
      }
    }
    return lowest >= threshold();
  }

  /** The connected component of each node, ignoring edge directions (union-find over the edges). */
  private int[] components() {
    int[] src = g.sources();
    int[] parent = new int[n];
    for (int v = 0; v < n; v++) {
      parent[v] = v;
    }
    for (int e = 0; e < src.length; e++) {
      int a = root(parent, src[e]);
      int b = root(parent, tgt[e]);
      if (a != b) {
        parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
    for (int v = 0; v < n; v++) {
      parent[v] = root(parent, v);
    }
    return parent;
  }

  private static int root(int[] parent, int v) {
    while (parent[v] != v) {
      parent[v] = parent[parent[v]];
      v = parent[v];
    }
    return v;
  }

  void from(int start) {
    if (skipping && cannotBeat(start)) {
      skipped++;
      return;
    }
    s = start;
    floor = rank[s];
    bounded = pruning;
    startCount = -1;
    rotate = false;
    if (pruning) {
      if (inStart == null) {
        reverse();
      }
      bounds();
    }
    onPath[s] = true;
    dfs(s, 0, 0, 0.0, false);
    onPath[s] = false;
  }

  /** Forgets the cycles kept and the counters: the next walk starts afresh. */
  void reset() {
    size = 0;
    steps = 0;
    examined = 0;
    stopped = false;
  }

  /**
   * The walk of {@link EdgeCycleSearch}: every simple cycle through edge {@code e} (source {@code
   * a}, target {@code b}), as {@code e} followed by a walk from {@code b} back to {@code a} through
   * any node, pruned with the bounds the caller put in {@link #dist} (walks back to {@code a}).
   *
   * @param starts with start assets, how many (a cycle must visit a node ranked below it); -1: any
   */
  void through(int e, int a, int b, int starts) {
    s = a;
    floor = -1;
    bounded = true;
    startCount = starts;
    rotate = true;
    boolean transfer = legs[e] == null;
    path[0] = e;
    onPath[a] = true;
    onPath[b] = true;
    if (maxLen > 1) {
      dfs(b, 1, transfer ? 0 : 1, w[e], transfer);
    }
    onPath[a] = false;
    onPath[b] = false;
  }

  /** Edges per cycle at most (trades, or twice that with transfer edges). */
  int maxLen() {
    return maxLen;
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
   * none). Layered Bellman-Ford run backwards from s over the in-edges: layer r starts as a copy of
   * layer r − 1 and relaxes only the in-edges of nodes whose bound improved in layer r − 1 (a node
   * that did not improve offers nothing new). In-edges are sorted by source rank, so the scan stops
   * at the first source ranked below s. Only nodes within reach of s are touched, and only they are
   * reset for the next start; the values equal those of the full layered recurrence.
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
    int rs = floor;
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
        if (nw < threshold() && (startCount < 0 || hasStart(depth + 1))) {
          offer(nw, depth + 1);
        }
        continue;
      }
      int used = depth + 1;
      if (used >= maxLen || onPath[u] || rank[u] <= rs) {
        continue;
      }
      if (bounded) {
        // no two transfers in a row: a completion has at most 2·(trades left) + 1 edges
        int left = Math.min(maxLen - used, maxLen == maxTrades ? maxLen : 2 * (maxTrades - t) + 1);
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

  /** Whether the cycle in {@code path[0..len)} visits a start asset (ranked below startCount). */
  private boolean hasStart(int len) {
    int[] src = g.sources();
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

  private void swap(int a, int b) {
    double tw = heapW[a];
    heapW[a] = heapW[b];
    heapW[b] = tw;
    int[] te = heapE[a];
    heapE[a] = heapE[b];
    heapE[b] = te;
  }

  /**
   * The kept cycles, best first; ties broken by edge ids for a stable order. Cycles through one
   * edge are first rotated to start at their lowest-ranked node, as the full search finds them.
   */
  List<Cycle> results() {
    int[][] edges = new int[size][];
    Integer[] idx = new Integer[size];
    for (int i = 0; i < size; i++) {
      idx[i] = i;
      edges[i] = rotate ? rotated(heapE[i]) : heapE[i];
    }
    Arrays.sort(
        idx,
        (a, b) -> {
          int c = Double.compare(heapW[a], heapW[b]);
          return c != 0 ? c : Arrays.compare(edges[a], edges[b]);
        });
    List<Cycle> out = new ArrayList<>(size);
    for (Integer i : idx) {
      PathOptimizer.cycle(g, edges[i]).ifPresent(out::add);
    }
    return out;
  }

  /** The cycle's edges rotated to start at its lowest-ranked node. */
  private int[] rotated(int[] cycle) {
    int[] src = g.sources();
    int best = 0;
    for (int i = 1; i < cycle.length; i++) {
      if (rank[src[cycle[i]]] < rank[src[cycle[best]]]) {
        best = i;
      }
    }
    int[] out = new int[cycle.length];
    for (int i = 0; i < cycle.length; i++) {
      out[i] = cycle[(best + i) % cycle.length];
    }
    return out;
  }
}
