package dev.arb.engine.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The integer swap arithmetic of a constant-product pair (Uniswap V2's {@code getAmountOut}, which
 * its forks share with their own fee): with the fee as the exact fraction {@code N/D}, {@code
 * inWithFee = in·(D−N)}, {@code out = inWithFee·R_out / (R_in·D + inWithFee)}, the division
 * rounding down as the contract's does. For Uniswap's 0.3 % that is {@code in·997·R_out /
 * (R_in·1000 + in·997)}; for PancakeSwap's 0.25 %, {@code 9975/10000}. Pure functions: the same
 * numbers give the same wei on the chain.
 */
public final class ConstantProductMath {
  private ConstantProductMath() {}

  /**
   * A fee fraction as integers.
   *
   * @param numerator {@code N}, the part of the input kept by the pool per {@code D}
   * @param denominator {@code D}, a power of ten (the fee's decimal places)
   */
  public record Fee(BigInteger numerator, BigInteger denominator) {
    public Fee {
      Objects.requireNonNull(numerator, "numerator");
      Objects.requireNonNull(denominator, "denominator");
      if (denominator.signum() <= 0
          || numerator.signum() < 0
          || numerator.compareTo(denominator) >= 0) {
        throw new IllegalArgumentException("fee must be N/D with 0 <= N < D");
      }
    }

    /** {@code D − N}: what is swapped per {@code D} of input. */
    public BigInteger keep() {
      return denominator.subtract(numerator);
    }
  }

  /**
   * The exact fraction of a decimal fee: {@code 0.003 → 3/1000}, {@code 0.0025 → 25/10000}.
   *
   * @throws IllegalArgumentException if the fee is outside {@code [0, 1)}
   */
  public static Fee fee(BigDecimal fee) {
    BigDecimal f = Decimals.normalise(Objects.requireNonNull(fee, "fee"));
    if (f.signum() < 0 || f.compareTo(BigDecimal.ONE) >= 0) {
      throw new IllegalArgumentException("fee must be in [0, 1), got " + f.toPlainString());
    }
    return new Fee(f.unscaledValue(), BigInteger.TEN.pow(f.scale()));
  }

  /**
   * Uniswap V2's {@code getAmountOut}: what a pair with reserves {@code reserveIn}, {@code
   * reserveOut} pays for {@code amountIn}, all in smallest units. 0 for an input of 0.
   *
   * @throws IllegalArgumentException if the input is negative or a reserve is not positive
   */
  public static BigInteger amountOut(
      BigInteger amountIn, BigInteger reserveIn, BigInteger reserveOut, Fee fee) {
    if (amountIn.signum() < 0) {
      throw new IllegalArgumentException("amount in must not be negative, got " + amountIn);
    }
    if (reserveIn.signum() <= 0 || reserveOut.signum() <= 0) {
      throw new IllegalArgumentException("reserves must be positive");
    }
    BigInteger inWithFee = amountIn.multiply(fee.keep());
    BigInteger numerator = inWithFee.multiply(reserveOut);
    BigInteger denominator = reserveIn.multiply(fee.denominator()).add(inWithFee);
    return numerator.divide(denominator);
  }

  /** {@link #amountOut(BigInteger, BigInteger, BigInteger, Fee)} with a decimal fee. */
  public static BigInteger amountOut(
      BigInteger amountIn, BigInteger reserveIn, BigInteger reserveOut, BigDecimal fee) {
    return amountOut(amountIn, reserveIn, reserveOut, fee(fee));
  }
}
