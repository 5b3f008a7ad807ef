package dev.arb.engine.sizing;

/**
 * The exact fast sizing of one cycle, on primitive arrays.
 *
 * <p>The end amount of a cycle as a function of its start amount {@code x} is the composition of
 * the legs' concave, piecewise-linear, non-decreasing output functions, so {@code profit(x) = f(x)
 * − x} is concave piecewise linear and its maximum lies at a breakpoint. The sweep raises {@code x}
 * from 0 segment by segment: on each segment every leg sits on one level, the marginal
 * end-per-start rate is the product of those levels' rates, and each leg's input grows {@code m_i}
 * times as fast as {@code x} ({@code m_i} = product of the rates of the legs before it). The
 * segment ends where the first leg exhausts its level (its remaining capacity divided by {@code
 * m_i}: the later legs' breakpoints propagated back to start-asset units) or where {@code x}
 * reaches the available amount. The sweep stops as soon as the marginal rate is &le; 1: the levels
 * it has not reached are never read (adaptive depth).
 *
 * <p>A level whose remaining capacity falls below {@code 1e-12} of its size is treated as used up
 * (floating-point residue), so results agree with an exact solution to about 1e-12 relative.
 *
 * <p>An instance keeps scratch arrays for up to {@link #maxLegs()} legs and the results of the last
 * {@link #run}; it allocates nothing per run and is not thread-safe: use one per thread.
 */
public final class ExactSweep {

  /** Why the last run stopped. */
  public enum Stop {
    /** The marginal rate fell to 1 or below: the unconstrained optimum. */
    MARGINAL_RATE,
    /** The available amount of the start asset was reached. */
    BALANCE,
    /** A leg used up all levels of its book (side). */
    LIQUIDITY,
    /** Nothing to do: no balance, an empty book, or no profit at the first level. */
    NONE
  }

  private static final double RESIDUE = 1e-12;

  private final int maxLegs;
  private final int[] level;
  private final double[] rate;
  private final double[] inverseMultiplier;
  private final double[] remaining;
  private final double[] full;
  private final double[] input;
  private final double[] output;
  private final int[] examined;
  private double start;
  private double end;
  // the marginal end-per-start rate: the product of the legs' current rates, kept up to date by
  // each level change, and recomputed exactly near 1 where the stop decision is taken
  private double marginal;
  private int legs;
  private Stop stop = Stop.NONE;

  public ExactSweep(int maxLegs) {
    if (maxLegs < 1) {
      throw new IllegalArgumentException("maxLegs must be >= 1, got " + maxLegs);
    }
    this.maxLegs = maxLegs;
    level = new int[maxLegs];
    rate = new double[maxLegs];
    inverseMultiplier = new double[maxLegs];
    remaining = new double[maxLegs];
    full = new double[maxLegs];
    input = new double[maxLegs];
    output = new double[maxLegs];
    examined = new int[maxLegs];
  }

  public int maxLegs() {
    return maxLegs;
  }

  /**
   * Finds the start amount in {@code [0, available]} that maximises the profit of the cycle made of
   * {@code ladders[0..n)}. Read the results with the accessors.
   *
   * <p>Remaining capacities are kept in start-asset units ({@code remaining[i]} = leg units /
   * {@code m_i}), so a segment costs one comparison and one subtraction per leg; when a leg moves
   * to its next level the later legs' remainders are rescaled by the ratio of its old and new rate.
   *
   * @return why the sweep stopped; {@link Stop#NONE} if the best amount is 0
   */
  public Stop run(LegLadder[] ladders, int n, double available) {
    if (n < 1 || n > maxLegs) {
      throw new IllegalArgumentException("legs must be in 1.." + maxLegs + ", got " + n);
    }
    legs = n;
    start = 0;
    end = 0;
    stop = Stop.NONE;
    for (int i = 0; i < n; i++) {
      level[i] = 0;
      remaining[i] = 0;
      full[i] = 0;
      input[i] = 0;
      output[i] = 0;
      examined[i] = 0;
    }
    if (!(available > 0)) {
      return stop;
    }
    for (int i = 0; i < n; i++) {
      if (ladders[i].depth() == 0) {
        return stop;
      }
    }
    double im = 1.0;
    for (int i = 0; i < n; i++) {
      rate[i] = ladders[i].rates()[0];
      inverseMultiplier[i] = im;
      full[i] = ladders[i].capacities()[0] * im;
      im *= ladders[i].inverseRates()[0];
      remaining[i] = full[i];
      examined[i] = 1;
    }
    marginal = exactMarginal(n);
    while (true) {
      // the running product drifts by ~1e-16 per level change: near 1, decide on the exact one
      if (marginal <= NEAR_ONE && (marginal = exactMarginal(n)) <= 1.0) {
        stop = start > 0 ? Stop.MARGINAL_RATE : Stop.NONE;
        break;
      }
      // The binding leg: selects instead of branches (which leg binds is data, so a branch would
      // be mispredicted about every segment).
      double dx = available - start;
      int binding = -1;
      for (int i = 0; i < n; i++) {
        double r = remaining[i];
        boolean less = r < dx;
        dx = less ? r : dx;
        binding = less ? i : binding;
      }
      start += dx;
      if (binding < 0) {
        for (int i = 0; i < n; i++) {
          remaining[i] -= dx;
        }
        start = available;
        stop = Stop.BALANCE;
        break;
      }
      int used = 0;
      for (int i = 0; i < n; i++) {
        double r = remaining[i] - dx;
        remaining[i] = r;
        used += r <= RESIDUE * full[i] ? 1 : 0;
      }
      remaining[binding] = 0;
      if (used <= 1) {
        // The usual case: only the binding leg moves to its next level.
        if (!advance(ladders, binding, n)) {
          stop = Stop.LIQUIDITY;
          break;
        }
      } else if (!advanceAll(ladders, n)) {
        stop = Stop.LIQUIDITY;
        break;
      }
    }
    settle(ladders, n);
    return stop;
  }

  /**
   * Moves leg {@code k} to its next level and rescales the later legs' remainders (in start-asset
   * units) by the ratio of its old and new rate; false if the leg has no next level.
   */
  private boolean advance(LegLadder[] ladders, int k, int n) {
    double[] caps = ladders[k].capacities();
    if (level[k] + 1 == caps.length) {
      return false;
    }
    int next = ++level[k];
    double old = rate[k];
    rate[k] = ladders[k].rates()[next];
    full[k] = caps[next] * inverseMultiplier[k];
    remaining[k] = full[k];
    examined[k]++;
    // old / new rate: the later legs' multipliers fall by this factor, their remainders and
    // capacities in start-asset units grow by it
    double f = old * ladders[k].inverseRates()[next];
    marginal /= f;
    for (int i = k + 1; i < n; i++) {
      remaining[i] *= f;
      full[i] *= f;
      inverseMultiplier[i] *= f;
    }
    return true;
  }

  /** Above this, the running product of rates is trusted; at or below, it is recomputed. */
  private static final double NEAR_ONE = 1.0 + 1e-9;

  private double exactMarginal(int n) {
    double m = 1.0;
    for (int i = 0; i < n; i++) {
      m *= rate[i];
    }
    return m;
  }

  /**
   * Moves every leg whose level is used up (remainder within the residue) to its next level, in leg
   * order, so each leg's new capacity is mapped with the already updated rates of the legs before
   * it; false if one of them has no next level.
   */
  private boolean advanceAll(LegLadder[] ladders, int n) {
    for (int k = 0; k < n; k++) {
      if (remaining[k] > RESIDUE * full[k]) {
        continue;
      }
      remaining[k] = 0;
      if (!advance(ladders, k, n)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Each leg's input and output at the optimum, composing the legs from the start amount (once per
   * run, O(1) per leg from the ladders' cumulative arrays, starting at the level the sweep ended
   * on): the end amount is {@code f(start)} evaluated directly.
   */
  private void settle(LegLadder[] ladders, int n) {
    double in = start;
    for (int i = 0; i < n; i++) {
      double out = in > 0 ? ladders[i].output(in, level[i]) : 0;
      input[i] = in;
      output[i] = out;
      in = out;
    }
    end = stop == Stop.NONE ? 0 : output[n - 1];
  }

  /** Why the last run stopped. */
  public Stop stop() {
    return stop;
  }

  /** Optimal start amount of the last run (0 if none). */
  public double start() {
    return start;
  }

  /** End amount at the optimal start amount. */
  public double end() {
    return end;
  }

  /** {@code end − start}. */
  public double profit() {
    return end - start;
  }

  /** Amount of leg {@code i}'s from-asset the optimum spends on leg {@code i}. */
  public double input(int i) {
    check(i);
    return input[i];
  }

  /** Amount of leg {@code i}'s to-asset the optimum receives from leg {@code i}. */
  public double output(int i) {
    check(i);
    return output[i];
  }

  /**
   * Levels of leg {@code i} the sweep read: the levels the optimum uses plus at most the one whose
   * rate stopped it.
   */
  public int levelsExamined(int i) {
    check(i);
    return examined[i];
  }

  /** Levels of leg {@code i} the optimum actually uses (partly or fully). */
  public int levelsUsed(int i) {
    check(i);
    if (examined[i] == 0) {
      return 0;
    }
    return level[i] + (remaining[i] < full[i] ? 1 : 0);
  }

  private void check(int i) {
    if (i < 0 || i >= legs) {
      throw new IndexOutOfBoundsException("leg " + i + " of " + legs);
    }
  }
}
