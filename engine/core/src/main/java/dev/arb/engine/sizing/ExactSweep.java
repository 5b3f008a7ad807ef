package dev.arb.engine.sizing;

import java.util.Arrays;

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
  // books-only runs: each leg's arrays, and its next level read ahead (capacity NaN: none)
  private final double[][] levelsArray;
  private final double[] nextRate;
  private final double[] nextCapacity;
  private final double[] nextInverseRate;
  private boolean curved;
  private double start;
  private double end;
  // the marginal end-per-start rate: the product of the legs' current rates
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
    levelsArray = new double[maxLegs][];
    nextRate = new double[maxLegs];
    nextCapacity = new double[maxLegs];
    nextInverseRate = new double[maxLegs];
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
      LegLadder l = ladders[i];
      levelsArray[i] = l.levels();
      rate[i] = l.rates()[0];
      inverseMultiplier[i] = im;
      full[i] = l.capacities()[0] * im;
      im *= l.inverseRate(0);
      remaining[i] = full[i];
      examined[i] = 1;
      prefetch(i);
    }
    if (n <= 4 && shallow(ladders, n)) {
      sweepLinear4(n, available);
    } else {
      sweepLinear(n, available);
    }
    Arrays.fill(levelsArray, 0, n, null);
    settle(ladders, n);
    return stop;
  }

  /**
   * The books-only sweep (see {@link #run}). Each leg's next level (rate, capacity, inverse rate)
   * is read ahead ({@link #prefetch}), so moving to it takes no chain of loads through the ladder;
   * the marginal rate is the product of the current rates in leg order, taken at each segment's
   * start (a few multiplications beside the segment's own chain of work, not a running quotient).
   */
  private void sweepLinear(int n, double available) {
    final double[] remaining = this.remaining;
    final double[] full = this.full;
    final double[] rate = this.rate;
    while (true) {
      double m = 1.0;
      for (int i = 0; i < n; i++) {
        m *= rate[i];
      }
      marginal = m;
      if (m <= 1.0) {
        stop = start > 0 ? Stop.MARGINAL_RATE : Stop.NONE;
        return;
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
        return;
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
        if (!advance(binding, n)) {
          stop = Stop.LIQUIDITY;
          return;
        }
      } else if (!advanceAll(n)) {
        stop = Stop.LIQUIDITY;
        return;
      }
    }
  }

  /**
   * {@link #sweepLinear} for up to 4 legs with the whole state in locals (registers) instead of
   * arrays: remainders, capacities, multipliers, rates, and the four legs' levels packed 16 bits
   * each in one {@code long} ({@link #run} takes this path only for ladders of at most 65,535
   * levels). The same arithmetic on the same values in the same order, so the same results bit for
   * bit. After the binding leg is found, one block per binding leg does only that leg's work: it
   * moves the leg to its next level, read from its ladder's {@link LegLadder#levels} (rate,
   * capacity, inverse rate side by side), and rescales only the legs after it (a leg before it
   * keeps its remainder, capacity and multiplier), with no select per leg and value.
   *
   * <p>Why this shape (measured, see docs/benchmarks.md): with the levels and the read-ahead in
   * arrays indexed by the binding leg, every segment stored and reloaded at an index known only
   * from the pick; with twelve per-leg locals more than the registers, C2's register allocator
   * spilled inside the loop in some JVMs and not in others (the same code ran at 1.1 or 2.6 µs per
   * JVM). The loop now stores nothing and the compiled code was the same in every JVM tried.
   * Missing legs are padding that never binds ({@code remaining} ∞, {@code full} 0) and multiplies
   * by 1 (exact). The rare segment that uses up two levels at once goes through the arrays ({@link
   * #advanceAll}).
   */
  private void sweepLinear4(int n, double available) {
    final double inf = Double.POSITIVE_INFINITY;
    double r0 = remaining[0];
    double f0 = full[0];
    double q0 = rate[0];
    double m0 = inverseMultiplier[0];
    double r1 = n > 1 ? remaining[1] : inf;
    double f1 = n > 1 ? full[1] : 0;
    double q1 = n > 1 ? rate[1] : 1.0;
    double m1 = n > 1 ? inverseMultiplier[1] : 1.0;
    double r2 = n > 2 ? remaining[2] : inf;
    double f2 = n > 2 ? full[2] : 0;
    double q2 = n > 2 ? rate[2] : 1.0;
    double m2 = n > 2 ? inverseMultiplier[2] : 1.0;
    double r3 = n > 3 ? remaining[3] : inf;
    double f3 = n > 3 ? full[3] : 0;
    double q3 = n > 3 ? rate[3] : 1.0;
    double m3 = n > 3 ? inverseMultiplier[3] : 1.0;
    // each leg's level and its ladder's levels (rate, capacity, inverse rate at 3j, 3j+1, 3j+2)
    long js = levels4(n);
    final double[][] levels = levelsArray;
    double st = start;
    double m;
    sweep:
    while (true) {
      m = q0 * q1 * q2 * q3;
      if (m <= 1.0) {
        stop = st > 0 ? Stop.MARGINAL_RATE : Stop.NONE;
        break;
      }
      // the smallest remainder, lowest leg on ties (as the sequential scan of sweepLinear)
      double a01 = r0;
      int i01 = 0;
      if (r1 < r0) {
        a01 = r1;
        i01 = 1;
      }
      double a23 = r2;
      int i23 = 2;
      if (r3 < r2) {
        a23 = r3;
        i23 = 3;
      }
      double lowest = a01;
      int b = i01;
      if (a23 < a01) {
        lowest = a23;
        b = i23;
      }
      double rest = available - st;
      if (!(lowest < rest)) {
        st = available;
        r0 -= rest;
        r1 -= rest;
        r2 -= rest;
        r3 -= rest;
        stop = Stop.BALANCE;
        break;
      }
      st += lowest;
      r0 -= lowest;
      r1 -= lowest;
      r2 -= lowest;
      r3 -= lowest;
      int used =
          (r0 <= RESIDUE * f0 ? 1 : 0)
              + (r1 <= RESIDUE * f1 ? 1 : 0)
              + (r2 <= RESIDUE * f2 ? 1 : 0)
              + (r3 <= RESIDUE * f3 ? 1 : 0);
      if (used > 1) {
        // rare: through the arrays (advanceAll), then back into locals
        r0 = b == 0 ? 0 : r0;
        r1 = b == 1 ? 0 : r1;
        r2 = b == 2 ? 0 : r2;
        r3 = b == 3 ? 0 : r3;
        store4(n, r0, f0, q0, m0, r1, f1, q1, m1, r2, f2, q2, m2, r3, f3, q3, m3);
        storeLevels(n, js);
        boolean ok = advanceAll(n);
        r0 = remaining[0];
        f0 = full[0];
        q0 = rate[0];
        m0 = inverseMultiplier[0];
        if (n > 1) {
          r1 = remaining[1];
          f1 = full[1];
          q1 = rate[1];
          m1 = inverseMultiplier[1];
        }
        if (n > 2) {
          r2 = remaining[2];
          f2 = full[2];
          q2 = rate[2];
          m2 = inverseMultiplier[2];
        }
        if (n > 3) {
          r3 = remaining[3];
          f3 = full[3];
          q3 = rate[3];
          m3 = inverseMultiplier[3];
        }
        if (!ok) {
          stop = Stop.LIQUIDITY;
          start = st;
          marginal = m;
          return;
        }
        js = levels4(n);
        continue;
      }
      // The usual case: only the binding leg moves to its next level (see advance); the legs after
      // it fall by the factor old / new rate of its level in multiplier and grow by it in
      // remainder and capacity (start-asset units). The next level's values are loaded here, not
      // kept in registers: their addresses are known long before the segment's arithmetic is.
      switch (b) {
        case 0 -> {
          double[] p = levels[0];
          int o = 3 * ((int) js & 0xFFFF) + 3;
          if (o >= p.length) {
            r0 = 0;
            stop = Stop.LIQUIDITY;
            break sweep;
          }
          double g = q0 * p[o + 2];
          q0 = p[o];
          r0 = p[o + 1] * m0;
          f0 = r0;
          js += 1;
          r1 *= g;
          f1 *= g;
          m1 *= g;
          r2 *= g;
          f2 *= g;
          m2 *= g;
          r3 *= g;
          f3 *= g;
          m3 *= g;
        }
        case 1 -> {
          double[] p = levels[1];
          int o = 3 * ((int) (js >>> 16) & 0xFFFF) + 3;
          if (o >= p.length) {
            r1 = 0;
            stop = Stop.LIQUIDITY;
            break sweep;
          }
          double g = q1 * p[o + 2];
          q1 = p[o];
          r1 = p[o + 1] * m1;
          f1 = r1;
          js += 1L << 16;
          r2 *= g;
          f2 *= g;
          m2 *= g;
          r3 *= g;
          f3 *= g;
          m3 *= g;
        }
        case 2 -> {
          double[] p = levels[2];
          int o = 3 * ((int) (js >>> 32) & 0xFFFF) + 3;
          if (o >= p.length) {
            r2 = 0;
            stop = Stop.LIQUIDITY;
            break sweep;
          }
          double g = q2 * p[o + 2];
          q2 = p[o];
          r2 = p[o + 1] * m2;
          f2 = r2;
          js += 1L << 32;
          r3 *= g;
          f3 *= g;
          m3 *= g;
        }
        default -> {
          double[] p = levels[3];
          int o = 3 * ((int) (js >>> 48) & 0xFFFF) + 3;
          if (o >= p.length) {
            r3 = 0;
            stop = Stop.LIQUIDITY;
            break sweep;
          }
          q3 = p[o];
          r3 = p[o + 1] * m3;
          f3 = r3;
          js += 1L << 48;
        }
      }
    }
    marginal = m;
    start = st;
    store4(n, r0, f0, q0, m0, r1, f1, q1, m1, r2, f2, q2, m2, r3, f3, q3, m3);
    storeLevels(n, js);
  }

  /**
   * Writes the levels of {@link #sweepLinear4} back to the arrays (legs below n), with each leg's
   * levels examined (its level + 1) and its next level read ahead for {@link #advance}.
   */
  private void storeLevels(int n, long js) {
    for (int k = 0; k < n; k++) {
      storeLevel(k, (int) (js >>> (16 * k)) & 0xFFFF);
    }
  }

  /** The levels of up to 4 legs, 16 bits each (leg k at bit 16k). */
  private long levels4(int n) {
    long js = 0;
    for (int k = 0; k < n; k++) {
      js |= (long) level[k] << (16 * k);
    }
    return js;
  }

  private void storeLevel(int k, int j) {
    level[k] = j;
    examined[k] = j + 1;
    prefetch(k);
  }

  /** Whether every ladder's level index fits the 16 bits {@link #sweepLinear4} keeps it in. */
  private static boolean shallow(LegLadder[] ladders, int n) {
    for (int i = 0; i < n; i++) {
      if (ladders[i].depth() > 0xFFFF) {
        return false;
      }
    }
    return true;
  }

  /** Writes the locals of {@link #sweepLinear4} back to the state arrays (legs below n). */
  private void store4(
      int n,
      double r0,
      double f0,
      double q0,
      double m0,
      double r1,
      double f1,
      double q1,
      double m1,
      double r2,
      double f2,
      double q2,
      double m2,
      double r3,
      double f3,
      double q3,
      double m3) {
    remaining[0] = r0;
    full[0] = f0;
    rate[0] = q0;
    inverseMultiplier[0] = m0;
    if (n > 1) {
      remaining[1] = r1;
      full[1] = f1;
      rate[1] = q1;
      inverseMultiplier[1] = m1;
    }
    if (n > 2) {
      remaining[2] = r2;
      full[2] = f2;
      rate[2] = q2;
      inverseMultiplier[2] = m2;
    }
    if (n > 3) {
      remaining[3] = r3;
      full[3] = f3;
      rate[3] = q3;
      inverseMultiplier[3] = m3;
    }
  }

  /** Reads leg {@code i}'s level after its current one into the read-ahead arrays (NaN: none). */
  private void prefetch(int i) {
    int next = 3 * (level[i] + 1);
    double[] levels = levelsArray[i];
    if (next < levels.length) {
      nextRate[i] = levels[next];
      nextCapacity[i] = levels[next + 1];
      nextInverseRate[i] = levels[next + 2];
    } else {
      nextCapacity[i] = Double.NaN;
    }
  }

  /**
   * Moves leg {@code k} to its next level and rescales the later legs' remainders (in start-asset
   * units) by the ratio of its old and new rate; false if the leg has no next level.
   */
  private boolean advance(int k, int n) {
    double cap = nextCapacity[k];
    if (Double.isNaN(cap)) {
      return false;
    }
    level[k]++;
    double old = rate[k];
    rate[k] = nextRate[k];
    full[k] = cap * inverseMultiplier[k];
    remaining[k] = full[k];
    examined[k]++;
    // old / new rate: the later legs' multipliers fall by this factor, their remainders and
    // capacities in start-asset units grow by it
    double f = old * nextInverseRate[k];
    for (int i = k + 1; i < n; i++) {
      remaining[i] *= f;
      full[i] *= f;
      inverseMultiplier[i] *= f;
    }
    prefetch(k);
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

  /**
   * Moves every leg whose level is used up (remainder within the residue) to its next level, in leg
   * order, so each leg's new capacity is mapped with the already updated rates of the legs before
   * it; false if one of them has no next level.
   */
  private boolean advanceAll(int n) {
    for (int k = 0; k < n; k++) {
      if (remaining[k] > RESIDUE * full[k]) {
        continue;
      }
      remaining[k] = 0;
      if (!advance(k, n)) {
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
