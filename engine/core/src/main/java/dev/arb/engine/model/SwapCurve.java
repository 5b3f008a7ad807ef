package dev.arb.engine.model;

import java.util.Arrays;

/**
 * A swap's output as a function of its input, in token units (decimals applied), after the fee:
 * consecutive pieces, piece {@code j} taking up to {@code capacity[j]} of the input and paying
 * {@code y(t) = rate[j]·t / (1 + curvature[j]·t)} for {@code t} of it. A constant-product pool is
 * one piece {@code γ·R_out·t / (R_in + γ·t)}: rate {@code γ·R_out/R_in}, curvature {@code γ/R_in},
 * unbounded capacity. An order-book level is a piece of curvature 0; a concentrated-liquidity tick
 * range is a constant-product piece on its virtual reserves up to the next initialized tick. Each
 * piece is a Möbius map of its input, so a chain of them composes into one (a 2×2 matrix product).
 *
 * <p>Invariants: rates and capacities positive, curvatures non-negative, only the last capacity may
 * be infinite; the curve is concave (each piece's rate is at most the previous piece's marginal
 * rate at its end). A curve may have no pieces: a concentrated-liquidity pool with no liquidity
 * that way within its recorded ticks pays nothing.
 *
 * @param rate marginal output per unit of input at the start of each piece
 * @param curvature how fast the marginal rate falls within each piece (0: linear)
 * @param capacity input each piece takes ({@link Double#POSITIVE_INFINITY} for an unbounded last
 *     piece)
 */
public record SwapCurve(double[] rate, double[] curvature, double[] capacity) {
  public SwapCurve {
    if (rate.length != curvature.length || rate.length != capacity.length) {
      throw new IllegalArgumentException("a curve needs pieces of equal-length arrays");
    }
    for (int j = 0; j < rate.length; j++) {
      if (!(rate[j] > 0) || Double.isInfinite(rate[j])) {
        throw new IllegalArgumentException("piece " + j + ": rate must be positive and finite");
      }
      if (!(curvature[j] >= 0) || Double.isInfinite(curvature[j])) {
        throw new IllegalArgumentException("piece " + j + ": curvature must be >= 0 and finite");
      }
      if (!(capacity[j] > 0) || (Double.isInfinite(capacity[j]) && j < rate.length - 1)) {
        throw new IllegalArgumentException(
            "piece " + j + ": capacity must be positive, infinite only for the last piece");
      }
    }
  }

  /** One constant-product piece on reserves {@code in}, {@code out} with {@code keep = 1 − fee}. */
  public static SwapCurve constantProduct(double reserveIn, double reserveOut, double keep) {
    return new SwapCurve(
        new double[] {keep * reserveOut / reserveIn},
        new double[] {keep / reserveIn},
        new double[] {Double.POSITIVE_INFINITY});
  }

  /** Number of pieces. */
  public int pieces() {
    return rate.length;
  }

  /** The first piece's rate: the marginal rate of a vanishing input; no curve has none. */
  public double firstRate() {
    if (rate.length == 0) {
      throw new IllegalStateException("the curve has no pieces");
    }
    return rate[0];
  }

  /** The output of the whole curve (infinite capacity: the limit {@code rate/curvature}). */
  public double totalOutput() {
    double sum = 0;
    for (int j = 0; j < rate.length; j++) {
      double c = capacity[j];
      sum +=
          Double.isInfinite(c)
              ? (curvature[j] > 0 ? rate[j] / curvature[j] : Double.POSITIVE_INFINITY)
              : rate[j] * c / (1 + curvature[j] * c);
    }
    return sum;
  }

  @Override
  public double[] rate() {
    return rate.clone();
  }

  @Override
  public double[] curvature() {
    return curvature.clone();
  }

  @Override
  public double[] capacity() {
    return capacity.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SwapCurve c
        && Arrays.equals(rate, c.rate)
        && Arrays.equals(curvature, c.curvature)
        && Arrays.equals(capacity, c.capacity);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(rate) * 31 + Arrays.hashCode(capacity);
  }

  @Override
  public String toString() {
    return rate.length == 0
        ? "SwapCurve[no pieces]"
        : "SwapCurve[" + rate.length + " pieces, first rate " + rate[0] + "]";
  }
}
