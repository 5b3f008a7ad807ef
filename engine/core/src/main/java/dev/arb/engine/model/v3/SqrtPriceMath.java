package dev.arb.engine.model.v3;

import java.math.BigInteger;

/**
 * Amounts between two square-root prices and the price an input moves to, for liquidity {@code L}
 * in one range (whitepaper §6.2.3: {@code Δx = L·(1/√P_a − 1/√P_b)}, {@code Δy = L·(√P_b − √P_a)}),
 * with the contract's rounding: an amount the pool receives rounds up, an amount it pays rounds
 * down, and a price moved by an input rounds so that it never passes where the exact input would
 * take it.
 */
public final class SqrtPriceMath {
  /** {@code 2^96}: one in Q64.96. */
  public static final BigInteger Q96 = BigInteger.ONE.shiftLeft(96);

  private static final BigInteger MAX_UINT160 =
      BigInteger.ONE.shiftLeft(160).subtract(BigInteger.ONE);

  private SqrtPriceMath() {}

  /**
   * The square-root price after {@code amountIn} of the input token enters a range of liquidity
   * {@code liquidity} at {@code sqrtPX96}: token0 in ({@code zeroForOne}) lowers the price, token1
   * raises it.
   *
   * @throws V3Revert where the contract reverts (zero price or liquidity, overflow)
   */
  public static BigInteger nextSqrtPriceFromInput(
      BigInteger sqrtPX96, BigInteger liquidity, BigInteger amountIn, boolean zeroForOne) {
    if (sqrtPX96.signum() <= 0 || liquidity.signum() <= 0) {
      throw new V3Revert("price and liquidity must be positive to move the price");
    }
    return zeroForOne
        ? priceAfterToken0In(sqrtPX96, liquidity, amountIn)
        : priceAfterToken1In(sqrtPX96, liquidity, amountIn);
  }

  /**
   * {@code √P' = L·√P / (L + x·√P)} rounded up. When {@code x·√P} or the denominator does not fit
   * 256 bits the contract takes the equivalent {@code L / (L/√P + x)}, also rounded up but after a
   * floor of {@code L/√P}, which can differ by one in the last place: both branches are kept.
   */
  private static BigInteger priceAfterToken0In(
      BigInteger sqrtPX96, BigInteger liquidity, BigInteger amount) {
    if (amount.signum() == 0) {
      return sqrtPX96;
    }
    BigInteger numerator = liquidity.shiftLeft(96);
    BigInteger product = amount.multiply(sqrtPX96);
    if (product.bitLength() <= 256) {
      BigInteger denominator = numerator.add(product);
      if (denominator.bitLength() <= 256) {
        return FullMath.mulDivRoundingUp(numerator, sqrtPX96, denominator);
      }
    }
    BigInteger sum = numerator.divide(sqrtPX96).add(amount);
    if (sum.bitLength() > 256) {
      throw new V3Revert("the input of token0 overflows");
    }
    // the contract narrows this to 160 bits without a check; it always fits
    return FullMath.divRoundingUp(numerator, sum).and(MAX_UINT160);
  }

  /** {@code √P' = √P + ⌊y·2^96 / L⌋} (the price rounds down). */
  private static BigInteger priceAfterToken1In(
      BigInteger sqrtPX96, BigInteger liquidity, BigInteger amount) {
    BigInteger quotient = FullMath.mulDiv(amount, Q96, liquidity);
    BigInteger next = sqrtPX96.add(quotient);
    if (next.bitLength() > 160) {
      throw new V3Revert("the price after the input of token1 does not fit 160 bits");
    }
    return next;
  }

  /**
   * Token0 between two square-root prices: {@code L·2^96·(√P_b − √P_a) / √P_b / √P_a}; rounding up
   * applies to both divisions, rounding down takes the floor of each.
   */
  public static BigInteger amount0Delta(
      BigInteger sqrtA, BigInteger sqrtB, BigInteger liquidity, boolean roundUp) {
    if (sqrtA.compareTo(sqrtB) > 0) {
      BigInteger t = sqrtA;
      sqrtA = sqrtB;
      sqrtB = t;
    }
    if (sqrtA.signum() <= 0) {
      throw new V3Revert("a square-root price of zero");
    }
    BigInteger numerator = liquidity.shiftLeft(96);
    BigInteger width = sqrtB.subtract(sqrtA);
    return roundUp
        ? FullMath.divRoundingUp(FullMath.mulDivRoundingUp(numerator, width, sqrtB), sqrtA)
        : FullMath.mulDiv(numerator, width, sqrtB).divide(sqrtA);
  }

  /** Token1 between two square-root prices: {@code L·(√P_b − √P_a) / 2^96}. */
  public static BigInteger amount1Delta(
      BigInteger sqrtA, BigInteger sqrtB, BigInteger liquidity, boolean roundUp) {
    BigInteger width = sqrtA.subtract(sqrtB).abs();
    return roundUp
        ? FullMath.mulDivRoundingUp(liquidity, width, Q96)
        : FullMath.mulDiv(liquidity, width, Q96);
  }
}
