package dev.arb.engine.path;

import java.util.Arrays;

/**
 * Negative-cycle detection kept up to date edge by edge, for a {@link PathGraph} whose rates change
 * in place: after each change it says, exactly, whether the graph has a cycle with return above 1
 * (beyond {@link PathOptimizer#EPSILON} per edge, as {@link PathOptimizer#hasNegativeCycle}), and
 * through which changed edges a new one runs. Nothing is allocated after construction.
 *
 * <p><b>Potentials.</b> It keeps node potentials {@code d} with {@code d[v] ≤ d[u] + w(u,v) + ε} on
 * every edge it holds (a feasible potential: no negative cycle among those edges), first from a
 * full SPFA run from a virtual source (shortest distances). When edge {@code e = (u,v)} changes,
 * its reduced cost {@code r = w + ε + d[u] − d[v]} decides: {@code r ≥ 0} (every rise, and most
 * small falls) keeps the potentials feasible, O(1). Otherwise, with {@code δ = −r}, a Dijkstra from
 * {@code v} over reduced costs (all ≥ 0) visits only nodes within reduced distance {@code δ}: if it
 * reaches {@code u} below {@code δ}, the path and {@code e} form a negative cycle (any new one must
 * use {@code e}: the rest of the graph had none); if not, each visited node's potential drops by
 * {@code δ − distance}, which makes every edge feasible again (the classic one-edge update of
 * shortest-path potentials).
 *
 * <p><b>Masking, not resetting.</b> A negative cycle has no feasible potential. So that a cycle
 * handed to search and sizing does not poison the potentials, the changed edge through which it was
 * found is <i>masked</i>: left out of the potentials (as if absent) while the cycle lasts; the
 * cycle's other edges stay in, consistent with the potentials. After every step each masked edge is
 * tried again with its current weight: first the cycle it was masked on (kept as its witness; O(its
 * length) while it stays negative), then a repair from it; it is unmasked (and the potentials
 * repaired) as soon as no negative cycle runs through it. Therefore {@link #hasNegativeCycle()} is
 * exact after every step: every masked edge is on a real negative cycle (checked this step on
 * weights no lower than the true ones), and with none masked the potentials prove there is none. A
 * cycle through a changed edge and a masked one is not seen by the changed edge's own check (the
 * masked edge is absent): such changed edges (weights that fell while an edge of the same connected
 * component is masked) are flagged as worth a search.
 *
 * <p><b>Full runs</b> ({@link #fullRun()}): SPFA over all edges; while it finds a negative cycle,
 * one of its edges is masked (one masked before if there is one, else the first trade edge) and
 * SPFA runs again, up to {@value #MAX_MASKED} masks. A full run re-anchors the potentials (removing
 * floating-point drift). The caller runs one at start and every N events or T ms; a step ends with
 * one when the state became unsure ({@link #sure()} false) after a repair that would visit more
 * than a quarter of the nodes (a full run costs about as much). With more than {@value #MAX_MASKED}
 * cycles open at once the detector is {@link #saturated()}: it keeps no potentials, says a cycle
 * exists, and flags every edge that falls, until a scheduled full run finds fewer.
 *
 * <p>One writer: the same thread changes the graph and calls this.
 */
public final class IncrementalDetector {
  /** The changed edge keeps the potentials feasible (possibly after a repair). */
  public static final int NONE = 0;

  /** A negative cycle runs through the changed edge: it is masked and flagged. */
  public static final int CYCLE = 1;

  /** The state is unsure: the step must end with a full run. */
  public static final int UNSURE = 2;

  /** Most edges masked at once; beyond, the state is unsure. */
  public static final int MAX_MASKED = 64;

  /** Longest witness cycle kept per masked edge. */
  private static final int WITNESS_MAX = 64;

  private static final double EPS = PathOptimizer.EPSILON;
  private static final double INF = Double.POSITIVE_INFINITY;

  private final PathGraph g;
  private final int n;
  private final int[] off;
  private final int[] src;
  private final int[] tgt;
  private final double[] w;
  private final double[] d;
  // each edge's weight when it was last checked, to tell a fall from a rise
  private final double[] lastWeight;
  private final boolean[] masked;
  private final int[] maskList;
  private int maskCount;
  // per mask slot (parallel to maskList): the negative cycle it was masked on, if at most
  // WITNESS_MAX edges; re-checking it is O(length) while it stays negative
  private final int[] maskWitness;
  private final int[] maskWitnessLength;
  // weakly connected component of each node: a cycle through two edges needs both in one
  private final int[] component;
  // edges worth a search after this step: cycles found through them, or fallen while masks exist
  private final int[] flagged;
  private int flaggedCount;
  private final boolean[] isFlagged;
  private final int[] maybe;
  private int maybeCount;
  // edges already handled in this step (not revalidated again)
  private final int[] stepStamp;
  private int step = 1;
  // Dijkstra scratch: key, predecessor edge, indexed heap (pos −1 untouched, −2 settled)
  private final double[] key;
  private final int[] pred;
  private final int[] heap;
  private final int[] heapPos;
  private int heapSize;
  private final int[] touched;
  private int touchedCount;
  private final int[] settled;
  private int settledCount;
  private final int budget;
  private final int[] witness;
  private int witnessLength;
  // full-run scratch
  private final int[] spfaPred;
  private final int[] len;
  private final int[] mark;
  private final boolean[] inQueue;
  private final int[] queue;
  private final boolean[] wasMasked;
  private final int[] previousMasks;
  private boolean sure;
  // more than MAX_MASKED cycles at once: no potentials kept until a full run finds fewer
  private boolean saturated;
  private long checks;
  private long repairs;
  private long fullRuns;

  /** A detector for {@code graph}, after a first full run. */
  public IncrementalDetector(PathGraph graph) {
    this.g = graph;
    this.n = graph.nodeCount();
    this.off = graph.offsets();
    this.src = graph.sources();
    this.tgt = graph.targets();
    this.w = graph.weights();
    int m = graph.edgeCount();
    d = new double[n];
    lastWeight = Arrays.copyOf(w, m);
    masked = new boolean[m];
    maskList = new int[MAX_MASKED + 1];
    maskWitness = new int[(MAX_MASKED + 1) * WITNESS_MAX];
    maskWitnessLength = new int[MAX_MASKED + 1];
    component = components(n, src, tgt);
    flagged = new int[2 * MAX_MASKED + 64];
    isFlagged = new boolean[m];
    maybe = new int[64];
    stepStamp = new int[m];
    key = new double[n];
    Arrays.fill(key, INF);
    pred = new int[n];
    heap = new int[n];
    heapPos = new int[n];
    Arrays.fill(heapPos, -1);
    touched = new int[n];
    settled = new int[n];
    budget = Math.max(64, n / 4);
    witness = new int[n + 1];
    spfaPred = new int[n];
    len = new int[n];
    mark = new int[n];
    inQueue = new boolean[n];
    queue = new int[n + 1];
    wasMasked = new boolean[m];
    previousMasks = new int[MAX_MASKED + 1];
    fullRun();
  }

  /**
   * Adds the arrays a check of a changed edge reads or writes (its state, the potentials, the flags
   * and the repair's scratch) to {@code w}; the graph's own are added by {@link
   * PathGraph#hotArrays}.
   */
  public void hotArrays(CacheWarmer w) {
    w.add(stepStamp).add(lastWeight).add(masked).add(isFlagged).add(d).add(component);
    w.add(flagged).add(maybe).add(maskList).add(key).add(pred).add(heap).add(heapPos);
    w.add(touched).add(settled);
  }

  /** The graph this detector follows. */
  public PathGraph graph() {
    return g;
  }

  /** Starts a step: forgets the flags of the previous one. */
  public void beginStep() {
    for (int i = 0; i < flaggedCount; i++) {
      isFlagged[flagged[i]] = false;
    }
    flaggedCount = 0;
    maybeCount = 0;
    step++;
  }

  /**
   * Edge {@code e}'s weight was changed in the graph: checks it against the potentials, repairing
   * them, or masks and flags it when a negative cycle runs through it.
   *
   * @return {@link #NONE}, {@link #CYCLE} or {@link #UNSURE}
   */
  public int edgeChanged(int e) {
    stepStamp[e] = step;
    boolean fell = w[e] < lastWeight[e];
    lastWeight[e] = w[e];
    if (saturated) {
      if (fell) {
        flag(e); // no potentials to check against: search every edge that fell
      }
      return UNSURE;
    }
    if (!sure) {
      return UNSURE;
    }
    checks++;
    int u = src[e];
    int v = tgt[e];
    double r = w[e] + EPS + d[u] - d[v];
    if (masked[e]) {
      return tryUnmask(e, r, true);
    }
    int result = r >= 0 ? NONE : repair(e, -r);
    if (result == CYCLE) {
      flag(e);
      if (maskCount == MAX_MASKED) {
        saturated = true;
        sure = false;
        return CYCLE;
      }
      mask(e, witnessLength);
    } else if (result == NONE
        && fell
        && maskCount > 0
        && maybeCount < maybe.length
        && maskedNear(e)) {
      // a cycle through e and a masked edge is invisible to e's check (the masked edge is left
      // out): worth a search if an edge is still masked at the end of the step
      maybe[maybeCount++] = e;
    }
    return result;
  }

  /**
   * Ends a step: tries every masked edge not handled in it again (unmasking those no longer on a
   * negative cycle), flags the edges that fell while an edge stays masked, and runs a full run if
   * the state became unsure.
   *
   * @return whether the graph has a negative cycle now
   */
  public boolean endStep() {
    if (sure) {
      for (int i = 0; i < maskCount && sure; ) {
        int e = maskList[i];
        if (stepStamp[e] == step) {
          i++;
          continue;
        }
        checks++;
        int before = maskCount;
        tryUnmask(e, w[e] + EPS + d[src[e]] - d[tgt[e]], false);
        if (maskCount == before) {
          i++; // still masked; otherwise the last masked edge moved to slot i
        }
      }
    }
    if (saturated) {
      return true;
    }
    if (!sure) {
      fullRun();
    } else if (maskCount > 0) {
      for (int i = 0; i < maybeCount; i++) {
        flag(maybe[i]);
      }
    }
    return maskCount > 0 || saturated;
  }

  /** Tries masked edge {@code e} at its current weight; reduced cost {@code r}. */
  private int tryUnmask(int e, double r, boolean changed) {
    if (r >= 0) {
      unmask(e);
      return NONE;
    }
    int slot = slotOf(e);
    int result;
    if (witnessHolds(slot)) {
      result = CYCLE; // the cycle it was masked on is still negative: O(length), no repair
    } else {
      result = repair(e, -r);
      if (result == CYCLE) {
        keepWitness(slot, witnessLength);
      }
    }
    if (result == NONE) {
      unmask(e);
    } else if (result == CYCLE && changed) {
      flag(e); // the cycle through it changed: worth a new search
    }
    return result;
  }

  /**
   * The Dijkstra repair for edge {@code e = (u,v)} whose reduced cost is {@code −delta < 0};
   * commits the new potentials unless a cycle is found or the budget is exceeded.
   */
  private int repair(int e, double delta) {
    int u = src[e];
    int v = tgt[e];
    repairs++;
    touch(v, 0, -1);
    push(v);
    int result = NONE;
    search:
    while (heapSize > 0) {
      int x = pop();
      settled[settledCount++] = x;
      if (settledCount > budget) {
        sure = false;
        result = UNSURE;
        break;
      }
      double k = key[x];
      double dx = d[x];
      for (int a = off[x], end = off[x + 1]; a < end; a++) {
        if (masked[a]) {
          continue;
        }
        int y = tgt[a];
        int pos = heapPos[y];
        if (pos == -2) {
          continue;
        }
        double c = w[a] + EPS + dx - d[y];
        if (c < 0) {
          c = 0; // floating-point drift of the potentials
        }
        double nk = k + c;
        if (!(nk < delta)) {
          continue;
        }
        if (y == u) {
          witness[0] = e;
          int count = 1;
          pred[u] = a;
          for (int z = u; z != v; z = src[pred[z]]) {
            witness[count++] = pred[z];
          }
          // witness[1..] runs backwards from u: reverse it into forward order after e
          for (int i = 1, j = count - 1; i < j; i++, j--) {
            int t = witness[i];
            witness[i] = witness[j];
            witness[j] = t;
          }
          witnessLength = count;
          result = CYCLE;
          break search;
        }
        if (nk < key[y]) {
          if (pos == -1) {
            touch(y, nk, a);
            push(y);
          } else {
            key[y] = nk;
            pred[y] = a;
            siftUp(pos);
          }
        }
      }
    }
    if (result == NONE) {
      for (int i = 0; i < settledCount; i++) {
        int x = settled[i];
        d[x] -= delta - key[x];
      }
    }
    for (int i = 0; i < touchedCount; i++) {
      int x = touched[i];
      key[x] = INF;
      heapPos[x] = -1;
      pred[x] = -1;
    }
    touchedCount = 0;
    settledCount = 0;
    heapSize = 0;
    return result;
  }

  private void touch(int x, double k, int p) {
    touched[touchedCount++] = x;
    key[x] = k;
    pred[x] = p;
  }

  private void push(int x) {
    int i = heapSize++;
    heap[i] = x;
    heapPos[x] = i;
    siftUp(i);
  }

  private int pop() {
    int top = heap[0];
    heapPos[top] = -2;
    int last = heap[--heapSize];
    if (heapSize > 0) {
      heap[0] = last;
      heapPos[last] = 0;
      siftDown(0);
    }
    return top;
  }

  private void siftUp(int i) {
    int x = heap[i];
    double kx = key[x];
    while (i > 0) {
      int p = (i - 1) >>> 1;
      int y = heap[p];
      if (key[y] <= kx) {
        break;
      }
      heap[i] = y;
      heapPos[y] = i;
      i = p;
    }
    heap[i] = x;
    heapPos[x] = i;
  }

  private void siftDown(int i) {
    int x = heap[i];
    double kx = key[x];
    while (true) {
      int l = 2 * i + 1;
      if (l >= heapSize) {
        break;
      }
      int r = l + 1;
      int c = r < heapSize && key[heap[r]] < key[heap[l]] ? r : l;
      if (key[heap[c]] >= kx) {
        break;
      }
      heap[i] = heap[c];
      heapPos[heap[i]] = i;
      i = c;
    }
    heap[i] = x;
    heapPos[x] = i;
  }

  /** Masks {@code e}, the negative cycle {@code witness[0..length)} through it as its witness. */
  private void mask(int e, int length) {
    masked[e] = true;
    int slot = maskCount++;
    maskList[slot] = e;
    keepWitness(slot, length);
  }

  private void unmask(int e) {
    masked[e] = false;
    int i = slotOf(e);
    if (i < 0) {
      return;
    }
    int last = --maskCount;
    if (i != last) {
      maskList[i] = maskList[last];
      maskWitnessLength[i] = maskWitnessLength[last];
      System.arraycopy(
          maskWitness, last * WITNESS_MAX, maskWitness, i * WITNESS_MAX, maskWitnessLength[i]);
    }
  }

  private void flag(int e) {
    if (!isFlagged[e] && flaggedCount < flagged.length) {
      isFlagged[e] = true;
      flagged[flaggedCount++] = e;
    }
  }

  /**
   * Recomputes the potentials from scratch (SPFA over every edge), masking one edge per negative
   * cycle found until none is left (an edge masked before is preferred, so a lasting cycle keeps
   * its mask); edges masked now that were not before are flagged. The state is sure afterwards
   * unless more than {@value #MAX_MASKED} edges had to be masked.
   */
  public void fullRun() {
    fullRuns++;
    System.arraycopy(w, 0, lastWeight, 0, w.length);
    int previous = maskCount;
    for (int i = 0; i < previous; i++) {
      int e = maskList[i];
      previousMasks[i] = e;
      wasMasked[e] = true;
      masked[e] = false;
    }
    maskCount = 0;
    sure = true;
    saturated = false;
    while (true) {
      int cycle = spfa();
      if (cycle == 0) {
        break;
      }
      if (maskCount == MAX_MASKED) {
        sure = false;
        saturated = true;
        break;
      }
      int chosen = -1;
      for (int i = 0; i < cycle && chosen < 0; i++) {
        if (wasMasked[witness[i]]) {
          chosen = witness[i];
        }
      }
      for (int i = 0; i < cycle && chosen < 0; i++) {
        if (g.edgeMarket(witness[i]) >= 0) {
          chosen = witness[i];
        }
      }
      if (chosen < 0) {
        chosen = witness[0];
      }
      mask(chosen, cycle);
      if (!wasMasked[chosen]) {
        flag(chosen);
      }
    }
    for (int i = 0; i < previous; i++) {
      wasMasked[previousMasks[i]] = false;
    }
  }

  /**
   * SPFA from a virtual source over the unmasked edges: fills the potentials and returns 0, or the
   * length of a negative cycle whose edges it leaves in {@code witness} (forward order).
   */
  private int spfa() {
    if (n == 0) {
      return 0;
    }
    Arrays.fill(d, 0);
    Arrays.fill(spfaPred, -1);
    Arrays.fill(len, 0);
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
      double dv = d[v];
      for (int e = off[v], end = off[v + 1]; e < end; e++) {
        if (masked[e]) {
          continue;
        }
        int u = tgt[e];
        double nd = dv + w[e] + EPS;
        if (nd < d[u]) {
          d[u] = nd;
          spfaPred[u] = e;
          len[u] = len[v] + 1;
          relaxations++;
          if (len[u] >= n || relaxations % n == 0) {
            int c = predecessorCycle();
            if (c > 0) {
              Arrays.fill(inQueue, false);
              return c;
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
    return 0;
  }

  /**
   * A cycle of the SPFA predecessor graph into {@code witness} (forward order): its length, or 0.
   */
  private int predecessorCycle() {
    Arrays.fill(mark, 0);
    for (int i = 0; i < n; i++) {
      int x = i;
      while (x >= 0 && mark[x] == 0) {
        mark[x] = i + 1;
        x = spfaPred[x] < 0 ? -1 : src[spfaPred[x]];
      }
      if (x >= 0 && mark[x] == i + 1) {
        int count = 0;
        int y = x;
        do {
          count++;
          y = src[spfaPred[y]];
        } while (y != x);
        y = x;
        for (int k = count - 1; k >= 0; k--) {
          witness[k] = spfaPred[y];
          y = src[spfaPred[y]];
        }
        return count;
      }
    }
    return 0;
  }

  /** Weakly connected components of the graph's nodes (union-find over every edge). */
  private static int[] components(int n, int[] src, int[] tgt) {
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

  /** Whether a masked edge shares edge {@code e}'s component (a cycle could use both). */
  private boolean maskedNear(int e) {
    int c = component[src[e]];
    for (int i = 0; i < maskCount; i++) {
      if (component[src[maskList[i]]] == c) {
        return true;
      }
    }
    return false;
  }

  /** Whether mask slot {@code slot}'s witness cycle is still negative at today's weights. */
  private boolean witnessHolds(int slot) {
    int length = maskWitnessLength[slot];
    if (length == 0) {
      return false;
    }
    double sum = 0;
    for (int i = slot * WITNESS_MAX, end = i + length; i < end; i++) {
      sum += w[maskWitness[i]] + EPS;
    }
    return sum < 0;
  }

  /** Keeps {@code witness[0..length)} as mask slot {@code slot}'s witness (if short enough). */
  private void keepWitness(int slot, int length) {
    if (length > WITNESS_MAX) {
      maskWitnessLength[slot] = 0;
      return;
    }
    System.arraycopy(witness, 0, maskWitness, slot * WITNESS_MAX, length);
    maskWitnessLength[slot] = length;
  }

  private int slotOf(int e) {
    for (int i = 0; i < maskCount; i++) {
      if (maskList[i] == e) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether the graph has a cycle with return above 1 now: exact after {@link #endStep()}, and true
   * while saturated.
   */
  public boolean hasNegativeCycle() {
    return maskCount > 0 || saturated;
  }

  /**
   * Whether more than {@value #MAX_MASKED} cycles were open at once: no potentials are kept then,
   * every edge that falls is flagged for a search, and only a full run (the caller's schedule) can
   * end it.
   */
  public boolean saturated() {
    return saturated;
  }

  /** Whether the potentials are trusted (false: the next {@link #endStep()} runs a full run). */
  public boolean sure() {
    return sure;
  }

  /** Edges worth a search after the last step (or full run). */
  public int flaggedCount() {
    return flaggedCount;
  }

  /** The {@code i}-th flagged edge. */
  public int flagged(int i) {
    return flagged[i];
  }

  /** Edges masked now: each on a negative cycle. */
  public int maskedCount() {
    return maskCount;
  }

  /** Whether edge {@code e} is masked. */
  public boolean masked(int e) {
    return masked[e];
  }

  /** The potential of node {@code v} (for tests: feasibility on unmasked edges). */
  public double potential(int v) {
    return d[v];
  }

  /** Edge checks so far (changed edges and masked edges tried again). */
  public long checks() {
    return checks;
  }

  /** Dijkstra repairs so far (checks whose reduced cost was negative). */
  public long repairs() {
    return repairs;
  }

  /** Full runs so far, the first included. */
  public long fullRuns() {
    return fullRuns;
  }
}
