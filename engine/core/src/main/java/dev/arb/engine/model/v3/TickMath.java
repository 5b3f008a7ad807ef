package dev.arb.engine.model.v3;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Ticks and square-root prices: the price at tick {@code i} is {@code 1.0001^i} (token1 per token0
 * in smallest units), kept as {@code √price·2^96} (Q64.96) in a {@code uint160}.
 *
 * <p>{@link #sqrtRatioAtTick} gives the contract's value to the last bit. It composes the bits of
 * {@code |i|}: for each set bit {@code k}, a factor {@code 1/√1.0001^(2^k)} held in Q128 (128
 * fractional bits), each product truncated back to Q128; a positive tick takes the reciprocal as
 * {@code ⌊(2^256 − 1)/r⌋}; the Q128 result is brought to Q96 rounding up, so that {@link
 * #tickAtSqrtRatio} of it gives the tick back. The twenty factors are computed here to 160
 * significant digits and rounded to the nearest integer (the contract's published constants are
 * exactly these; a test checks the published bounds).
 */
public final class TickMath {
  /** The lowest tick: {@code ⌈log_{1.0001} 2^-128⌉}. */
  public static final int MIN_TICK = -887272;

  /** The highest tick. */
  public static final int MAX_TICK = 887272;

  private static final int BITS = 20;
  private static final BigInteger[] FACTOR = new BigInteger[BITS];
  private static final BigInteger Q128 = BigInteger.ONE.shiftLeft(128);
  private static final BigInteger LOW_32 = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);

  static {
    MathContext mc = new MathContext(160, RoundingMode.HALF_EVEN);
    BigDecimal q128 = new BigDecimal(Q128);
    BigDecimal base = new BigDecimal("1.0001");
    // bit 0: 1/√1.0001; bit k ≥ 1: 1/1.0001^(2^(k−1))
    FACTOR[0] = q128.divide(base.sqrt(mc), mc).setScale(0, RoundingMode.HALF_UP).toBigInteger();
    BigDecimal power = base;
    for (int k = 1; k < BITS; k++) {
      FACTOR[k] = q128.divide(power, mc).setScale(0, RoundingMode.HALF_UP).toBigInteger();
      power = power.multiply(power, mc);
    }
  }

  /** {@code sqrtRatioAtTick(MIN_TICK)}: the lowest square-root price a pool can hold. */
  public static final BigInteger MIN_SQRT_RATIO = sqrtRatioAtTick(MIN_TICK);

  /** {@code sqrtRatioAtTick(MAX_TICK)}: prices stay strictly below it. */
  public static final BigInteger MAX_SQRT_RATIO = sqrtRatioAtTick(MAX_TICK);

  private TickMath() {}

  /**
   * {@code √(1.0001^tick)·2^96} exactly as the contract computes it.
   *
   * @throws V3Revert if {@code |tick| > MAX_TICK}
   */
  public static BigInteger sqrtRatioAtTick(int tick) {
    int abs = Math.abs(tick);
    if (abs > MAX_TICK) {
      throw new V3Revert("tick " + tick + " is outside [" + MIN_TICK + ", " + MAX_TICK + "]");
    }
    BigInteger r = (abs & 1) != 0 ? FACTOR[0] : Q128;
    for (int k = 1; k < BITS; k++) {
      if ((abs & (1 << k)) != 0) {
        r = r.multiply(FACTOR[k]).shiftRight(128);
      }
    }
    if (tick > 0) {
      r = FullMath.MAX_UINT256.divide(r);
    }
    BigInteger q96 = r.shiftRight(32);
    return r.and(LOW_32).signum() == 0 ? q96 : q96.add(BigInteger.ONE);
  }

  /**
   * The greatest tick whose {@link #sqrtRatioAtTick} is at most {@code sqrtPriceX96}, as the
   * contract defines it. Found from a floating-point estimate corrected with {@link
   * #sqrtRatioAtTick}, so the answer is exact.
   *
   * @throws V3Revert if the price is below {@link #MIN_SQRT_RATIO} or not below {@link
   *     #MAX_SQRT_RATIO}
   */
  public static int tickAtSqrtRatio(BigInteger sqrtPriceX96) {
    if (sqrtPriceX96.compareTo(MIN_SQRT_RATIO) < 0 || sqrtPriceX96.compareTo(MAX_SQRT_RATIO) >= 0) {
      throw new V3Revert("square-root price " + sqrtPriceX96 + " is outside the tick range");
    }
    double ln = Math.log(sqrtPriceX96.doubleValue()) - 96 * Math.log(2);
    int t = (int) Math.floor(2 * ln / Math.log1p(1e-4));
    t = Math.max(MIN_TICK, Math.min(MAX_TICK, t));
    while (t > MIN_TICK && sqrtRatioAtTick(t).compareTo(sqrtPriceX96) > 0) {
      t--;
    }
    while (t < MAX_TICK && sqrtRatioAtTick(t + 1).compareTo(sqrtPriceX96) <= 0) {
      t++;
    }
    return t;
  }
}
