package dev.arb.engine.sizing;

/**
 * The exact fast sizing of one cycle, on primitive arrays, for book legs and pool legs alike.
 *
 * <p>Every leg's output is a concave, non-decreasing function of its input made of pieces, each a
 * Möbius map {@code t ↦ r·t/(1 + k·t)} ({@link LegLadder}): a book level is linear ({@code k = 0})
 * over its capacity, a constant-product pool one unbounded piece. The cycle's end amount is their
 * composition, so {@code profit(x) = f(x) − x} is concave: the sweep raises the start amount {@code
 * x} from 0 segment by segment, a segment ending where the first leg reaches the end of its piece
 * (or at the available amount), and stops where the marginal end-per-start rate falls to 1.
 *
 * <p><b>Books only</b> (every piece linear): on a segment each leg's input grows {@code m_i} times
 * as fast as {@code x} ({@code m_i} = product of the rates of the legs before it), so the segment
 * ends where the first leg exhausts its level (its remaining capacity divided by {@code m_i}: the
 * later legs' breakpoints propagated back to start-asset units) and the optimum lies at a
 * breakpoint. The sweep stops as soon as the marginal rate is &le; 1: the levels it has not reached
 * are never read (adaptive depth).
 *
 * <p><b>With curved pieces</b>: from the segment's start, leg {@code i}'s piece pays {@code Δy =
 * m_i·Δ/(1 + k_i·Δ)} for {@code Δ} more input, with {@code m_i = r/(1+k·t₀)²} and {@code k_i =
 * k/(1+k·t₀)} at the piece position {@code t₀}. Maps of this form compose like 2×2 matrices: {@code
 * M = Π m_i} and {@code K = Σ k_i·Π_{j<i} m_j}, so the cycle pays {@code M·Δ/(1 + K·Δ)} on the
 * segment and its profit is maximal at {@code Δ* = (√M − 1)/K} (where the derivative {@code M/(1 +
 * K·Δ)²} is 1), the closed form {@code x* = (√det − d)/c} of the composed map. Leg {@code i}
 * reaches its piece's end (remaining {@code ρ}) at {@code Δ = ρ/(M_i − K_i·ρ)}, {@code M_i, K_i}
 * the composition of the legs before it. The segment ends at the first of these, {@code Δ*} or the
 * available amount. A cycle of constant-product pools is one segment: one square root.
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

  /** How many piece boundaries a curved run keeps (the last ones before its end). */
  public static final int BOUNDARIES = 64;

  private final int maxLegs;
  private final int[] level;
  private final double[] rate;
  private final double[] inverseMultiplier;
  private final double[] remaining;
  private final double[] full;
  private final double[] input;
  private final double[] output;
  private final int[] examined;
  // curved runs: input used in the current piece, and the composition of the legs before each leg
  private final double[] position;
  private final double[] prefixM;
  private final double[] prefixK;
  // curved runs: start amounts where a leg moved to its next piece, the last BOUNDARIES of them
  private final double[] boundary = new double[BOUNDARIES];
  private int boundaries;
  private boolean curved;
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
    position = new double[maxLegs];
    prefixM = new double[maxLegs];
    prefixK = new double[maxLegs];
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
    curved = false;
    for (int i = 0; i < n; i++) {
      if (ladders[i].depth() == 0) {
        return stop;
      }
      curved |= !ladders[i].isLinear();
    }
    if (curved) {
      sweepCurved(ladders, n, available);
      settle(ladders, n);
      return stop;
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

  /**
   * The sweep over Möbius pieces (see the class comment): per segment, composes the legs' current
   * pieces from the segment's start, ends the segment at the first piece end, the closed-form
   * optimum or the available amount, and moves every leg's position by its part of the step.
   */
  private void sweepCurved(LegLadder[] ladders, int n, double available) {
    boundaries = 0;
    for (int i = 0; i < n; i++) {
      position[i] = 0;
      examined[i] = 1;
    }
    while (true) {
      double m = 1.0;
      double k = 0.0;
      double dx = available - start;
      int binding = -1;
      for (int i = 0; i < n; i++) {
        LegLadder l = ladders[i];
        int j = level[i];
        double t0 = position[i];
        double kappa = l.curvature(j);
        double s = 1.0 + kappa * t0;
        prefixM[i] = m;
        prefixK[i] = k;
        double left = l.capacities()[j] - t0;
        if (left < Double.POSITIVE_INFINITY) {
          double denominator = m - k * left;
          if (denominator > 0) {
            double reach = left / denominator;
            if (reach < dx) {
              dx = reach;
              binding = i;
            }
          }
        }
        k += kappa / s * m;
        m *= l.rates()[j] / (s * s);
      }
      marginal = m;
      if (m <= 1.0) {
        stop = start > 0 ? Stop.MARGINAL_RATE : Stop.NONE;
        return;
      }
      boolean optimum = false;
      if (k > 0) {
        // √M − 1 without cancellation near M = 1
        double best = (m - 1.0) / ((Math.sqrt(m) + 1.0) * k);
        if (best <= dx) {
          dx = best;
          optimum = true;
        }
      }
      if (!(dx < Double.POSITIVE_INFINITY)) {
        stop = Stop.LIQUIDITY;
        return;
      }
      for (int i = 0; i < n; i++) {
        position[i] += prefixM[i] * dx / (1.0 + prefixK[i] * dx);
      }
      start += dx;
      if (optimum) {
        stop = Stop.MARGINAL_RATE;
        return;
      }
      if (binding < 0) {
        start = available;
        stop = Stop.BALANCE;
        return;
      }
      boundary[boundaries % BOUNDARIES] = start;
      boundaries++;
      for (int i = 0; i < n; i++) {
        double cap = ladders[i].capacities()[level[i]];
        boolean usedUp =
            i == binding || (cap < Double.POSITIVE_INFINITY && cap - position[i] <= RESIDUE * cap);
        if (usedUp) {
          if (level[i] + 1 == ladders[i].depth()) {
            position[i] = cap;
            stop = Stop.LIQUIDITY;
            return;
          }
          level[i]++;
          position[i] = 0;
          examined[i]++;
        }
      }
    }
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

  /**
   * Piece boundaries the last run passed (curved runs only; at most {@value #BOUNDARIES}, the last
   * ones): the start amounts at which a leg moved to its next piece, such as a
   * concentrated-liquidity leg reaching an initialized tick.
   */
  public int boundaryCount() {
    return curved ? Math.min(boundaries, BOUNDARIES) : 0;
  }

  /** Boundary {@code k} of {@link #boundaryCount()}, in increasing order. */
  public double boundary(int k) {
    int count = boundaryCount();
    if (k < 0 || k >= count) {
      throw new IndexOutOfBoundsException("boundary " + k + " of " + count);
    }
    return boundary[(boundaries - count + k) % BOUNDARIES];
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
    if (curved) {
      return level[i] + (position[i] > 0 ? 1 : 0);
    }
    return level[i] + (remaining[i] < full[i] ? 1 : 0);
  }

  /**
   * The marginal end-per-start rate where the last run stopped (about 1 at an unconstrained
   * optimum), or at the start of its last segment for a books-only run.
   */
  public double marginal() {
    return marginal;
  }

  private void check(int i) {
    if (i < 0 || i >= legs) {
      throw new IndexOutOfBoundsException("leg " + i + " of " + legs);
    }
  }
}
