package dev.arb.engine.model.v3;

import java.math.BigInteger;

/**
 * One step of an exact-input swap inside one liquidity range, as the contract's {@code
 * computeSwapStep} does it: the fee in pips (millionths) comes off the input first ({@code
 * ⌊in·(10^6 − fee)/10^6⌋}); if what remains reaches the target price, the step ends there and takes
 * the exact amount to it plus its fee {@code ⌈amountIn·fee/(10^6 − fee)⌉}; otherwise the price
 * moves as far as that input takes it and the whole rest of the input is the fee.
 */
public final class SwapMath {
  /** One million: fees are in pips, millionths of the input. */
  public static final BigInteger PIPS = BigInteger.valueOf(1_000_000);

  private SwapMath() {}

  /**
   * A step's outcome.
   *
   * @param sqrtPriceNextX96 where the price ends
   * @param amountIn input swapped (without the fee)
   * @param amountOut output paid
   * @param feeAmount input kept as the fee
   */
  public record Step(
      BigInteger sqrtPriceNextX96,
      BigInteger amountIn,
      BigInteger amountOut,
      BigInteger feeAmount) {}

  /**
   * Swaps at most {@code amountRemaining} of input from {@code sqrtCurrent} towards {@code
   * sqrtTarget} (below it for token0 in, above it for token1 in) in a range of {@code liquidity}.
   *
   * @param feePips the pool's fee, 0 to 999,999
   * @param amountRemaining input left, &ge; 0
   */
  public static Step computeSwapStep(
      BigInteger sqrtCurrent,
      BigInteger sqrtTarget,
      BigInteger liquidity,
      BigInteger amountRemaining,
      int feePips) {
    boolean zeroForOne = sqrtCurrent.compareTo(sqrtTarget) >= 0;
    BigInteger keep = BigInteger.valueOf(1_000_000L - feePips);
    BigInteger lessFee = FullMath.mulDiv(amountRemaining, keep, PIPS);
    BigInteger toTarget =
        zeroForOne
            ? SqrtPriceMath.amount0Delta(sqrtTarget, sqrtCurrent, liquidity, true)
            : SqrtPriceMath.amount1Delta(sqrtCurrent, sqrtTarget, liquidity, true);
    BigInteger next;
    BigInteger in;
    boolean reached = lessFee.compareTo(toTarget) >= 0;
    if (reached) {
      next = sqrtTarget;
      in = toTarget;
    } else {
      next = SqrtPriceMath.nextSqrtPriceFromInput(sqrtCurrent, liquidity, lessFee, zeroForOne);
      in =
          zeroForOne
              ? SqrtPriceMath.amount0Delta(next, sqrtCurrent, liquidity, true)
              : SqrtPriceMath.amount1Delta(sqrtCurrent, next, liquidity, true);
    }
    BigInteger out =
        zeroForOne
            ? SqrtPriceMath.amount1Delta(next, sqrtCurrent, liquidity, false)
            : SqrtPriceMath.amount0Delta(sqrtCurrent, next, liquidity, false);
    // reached also when the input lands exactly on the target through the price formula
    BigInteger fee =
        next.equals(sqrtTarget)
            ? FullMath.mulDivRoundingUp(in, BigInteger.valueOf(feePips), keep)
            : amountRemaining.subtract(in);
    return new Step(next, in, out, fee);
  }
}
