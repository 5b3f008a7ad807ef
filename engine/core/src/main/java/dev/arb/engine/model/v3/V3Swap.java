package dev.arb.engine.model.v3;

import java.math.BigInteger;

/**
 * The exact-input swap loop of a Uniswap V3 pool (whitepaper §6.3), over a {@link TickTable}: from
 * the current price, each step goes to the nearest of the next initialized tick within the current
 * bitmap word (or that word's edge) and the price limit ({@link SwapMath#computeSwapStep}); a step
 * that reaches an initialized tick crosses it, adding its {@code liquidityNet} going up and
 * subtracting it going down; the swap ends when the input is used up or the price reaches the
 * limit. Fee and rounding apply per step, so the steps at word edges, where nothing changes but the
 * step ends, are kept: skipping them changes the output by a wei now and then.
 */
public final class V3Swap {
  private static final BigInteger MAX_UINT128 =
      BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

  private V3Swap() {}

  /**
   * What a swap did.
   *
   * @param amountIn input taken, fees included (less than asked when the price limit stopped it)
   * @param amountOut output paid
   * @param sqrtPriceX96 the price after
   * @param tick the tick after, as the contract stores it; {@link Integer#MIN_VALUE} when it was
   *     not asked for and must be computed from the price ({@link TickMath#tickAtSqrtRatio})
   * @param liquidity the active liquidity after
   * @param initializedTicksCrossed initialized ticks crossed (each costs gas on chain)
   * @param steps steps taken, word edges included
   * @param reachedLimit whether the price limit stopped the swap
   */
  public record Result(
      BigInteger amountIn,
      BigInteger amountOut,
      BigInteger sqrtPriceX96,
      int tick,
      BigInteger liquidity,
      int initializedTicksCrossed,
      int steps,
      boolean reachedLimit) {}

  /**
   * Swaps {@code amountIn} of token0 ({@code zeroForOne}) or token1 in, from the state {@code
   * (sqrtPriceX96, tick, liquidity)}, stopping at {@code sqrtPriceLimitX96}.
   *
   * @param table the pool's initialized ticks; complete between the current price and the limit
   * @param feePips the pool's fee in millionths
   * @param amountIn &gt; 0
   * @param sqrtPriceLimitX96 below the price for token0 in and above {@link
   *     TickMath#MIN_SQRT_RATIO}; above it for token1 in and below {@link TickMath#MAX_SQRT_RATIO}
   * @param wantTick whether to compute the tick after when the last step ends between ticks (one to
   *     three {@link TickMath#sqrtRatioAtTick} calls)
   * @throws V3Revert where the contract reverts (a bad limit, a liquidity going negative)
   */
  public static Result exactInput(
      TickTable table,
      int feePips,
      BigInteger sqrtPriceX96,
      int tick,
      BigInteger liquidity,
      BigInteger amountIn,
      boolean zeroForOne,
      BigInteger sqrtPriceLimitX96,
      boolean wantTick) {
    if (amountIn.signum() <= 0) {
      throw new V3Revert("the amount must not be zero");
    }
    boolean limitOk =
        zeroForOne
            ? sqrtPriceLimitX96.compareTo(sqrtPriceX96) < 0
                && sqrtPriceLimitX96.compareTo(TickMath.MIN_SQRT_RATIO) > 0
            : sqrtPriceLimitX96.compareTo(sqrtPriceX96) > 0
                && sqrtPriceLimitX96.compareTo(TickMath.MAX_SQRT_RATIO) < 0;
    if (!limitOk) {
      throw new V3Revert("price limit " + sqrtPriceLimitX96 + " is on the wrong side (SPL)");
    }
    BigInteger remaining = amountIn;
    BigInteger out = BigInteger.ZERO;
    BigInteger price = sqrtPriceX96;
    BigInteger active = liquidity;
    int current = tick;
    boolean tickKnown = true;
    int crossed = 0;
    int steps = 0;
    while (remaining.signum() != 0 && !price.equals(sqrtPriceLimitX96)) {
      BigInteger start = price;
      long next = table.next(current, zeroForOne);
      int nextTick = TickTable.target(next);
      BigInteger nextPrice = table.sqrtRatio(next);
      boolean beyond =
          zeroForOne
              ? nextPrice.compareTo(sqrtPriceLimitX96) < 0
              : nextPrice.compareTo(sqrtPriceLimitX96) > 0;
      SwapMath.Step s =
          SwapMath.computeSwapStep(
              price, beyond ? sqrtPriceLimitX96 : nextPrice, active, remaining, feePips);
      steps++;
      price = s.sqrtPriceNextX96();
      remaining = remaining.subtract(s.amountIn()).subtract(s.feeAmount());
      out = out.add(s.amountOut());
      if (price.equals(nextPrice)) {
        int at = TickTable.position(next);
        if (at >= 0) {
          BigInteger net = table.liquidityNet(at);
          active = zeroForOne ? active.subtract(net) : active.add(net);
          if (active.signum() < 0 || active.compareTo(MAX_UINT128) > 0) {
            throw new V3Revert(
                "crossing tick " + nextTick + " takes the liquidity out of range (LS/LA)");
          }
          crossed++;
        }
        current = zeroForOne ? nextTick - 1 : nextTick;
        tickKnown = true;
      } else if (!price.equals(start)) {
        tickKnown = false;
      }
    }
    int tickAfter = current;
    if (!tickKnown) {
      tickAfter = wantTick ? TickMath.tickAtSqrtRatio(price) : Integer.MIN_VALUE;
    }
    return new Result(
        amountIn.subtract(remaining),
        out,
        price,
        tickAfter,
        active,
        crossed,
        steps,
        price.equals(sqrtPriceLimitX96));
  }
}
