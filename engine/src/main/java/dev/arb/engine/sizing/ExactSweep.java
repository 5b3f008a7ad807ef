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
  private final double[] remaining;
  private final double[] multiplier;
  private final double[] input;
  private final double[] output;
  private final int[] examined;
  private final double[] levelCapacity;
  private double start;
  private double end;
  private int legs;
  private Stop stop = Stop.NONE;

  public ExactSweep(int maxLegs) {
    if (maxLegs < 1) {
      throw new IllegalArgumentException("maxLegs must be >= 1, got " + maxLegs);
    }
    this.maxLegs = maxLegs;
    level = new int[maxLegs];
    remaining = new double[maxLegs];
    multiplier = new double[maxLegs];
    input = new double[maxLegs];
    output = new double[maxLegs];
    examined = new int[maxLegs];
    levelCapacity = new double[maxLegs];
  }

  public int maxLegs() {
    return maxLegs;
  }

  /**
   * Finds the start amount in {@code [0, available]} that maximises the profit of the cycle made of
   * {@code ladders[0..n)}. Read the results with the accessors.
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
    for (int i = 0; i < n; i++) {
      level[i] = 0;
      remaining[i] = 0;
      levelCapacity[i] = 0;
      input[i] = 0;
      output[i] = 0;
      examined[i] = 0;
    }
    stop = Stop.NONE;
    if (!(available > 0)) {
      return stop;
    }
    for (int i = 0; i < n; i++) {
      if (ladders[i].depth() == 0) {
        return stop;
      }
    }
    for (int i = 0; i < n; i++) {
      remaining[i] = ladders[i].capacities()[0];
      levelCapacity[i] = remaining[i];
      examined[i] = 1;
    }
    while (true) {
      double m = 1.0;
      for (int i = 0; i < n; i++) {
        multiplier[i] = m;
        m *= ladders[i].rates()[level[i]];
      }
      if (m <= 1.0) {
        stop = start > 0 ? Stop.MARGINAL_RATE : Stop.NONE;
        return stop;
      }
      double dx = available - start;
      int binding = -1;
      for (int i = 0; i < n; i++) {
        double d = remaining[i] / multiplier[i];
        if (d < dx) {
          dx = d;
          binding = i;
        }
      }
      start += dx;
      for (int i = 0; i < n; i++) {
        double used = dx * multiplier[i];
        input[i] += used;
        output[i] += used * ladders[i].rates()[level[i]];
        remaining[i] -= used;
      }
      end = output[n - 1];
      if (binding < 0) {
        start = available;
        stop = Stop.BALANCE;
        return stop;
      }
      remaining[binding] = 0;
      for (int i = 0; i < n; i++) {
        double[] cap = ladders[i].capacities();
        if (remaining[i] <= RESIDUE * cap[level[i]]) {
          remaining[i] = 0;
          if (level[i] + 1 == cap.length) {
            stop = Stop.LIQUIDITY;
            return stop;
          }
          level[i]++;
          remaining[i] = cap[level[i]];
          levelCapacity[i] = remaining[i];
          examined[i]++;
        }
      }
    }
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
    return level[i] + (remaining[i] < levelCapacity[i] ? 1 : 0);
  }

  private void check(int i) {
    if (i < 0 || i >= legs) {
      throw new IndexOutOfBoundsException("leg " + i + " of " + legs);
    }
  }
}
