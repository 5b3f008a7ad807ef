package dev.arb.engine.model.v3;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every step an exact-input swap can take in one direction, up to its price limit, recorded once so
 * that any swap is priced with one binary search and one {@link SwapMath#computeSwapStep}.
 *
 * <p>From a given state, the steps of a swap that reach their target do not depend on the input:
 * step {@code k} goes from the price where step {@code k−1} ended to the next initialized tick,
 * word edge or limit, with the liquidity left by the ticks crossed before it, and takes {@code
 * in_k} (rounded up) plus the fee {@code ⌈in_k·fee/(10^6 − fee)⌉}. A step is reached exactly when
 * the input left is at least that sum ({@code ⌊r·(10^6 − fee)/10^6⌋ ≥ in_k} is {@code r ≥ in_k +
 * ⌈in_k·fee/(10^6 − fee)⌉} for whole numbers). So a swap of {@code x} takes every step whose
 * cumulative input is below {@code x} (or stops at the first that equals it: nothing is left), and
 * one last step that does not reach its target; that is what the contract's loop computes, step for
 * step, as {@link V3Swap#exactInput} (which tests compare it with).
 */
public final class SwapPath {
  private final int feePips;
  private final boolean zeroForOne;
  private final BigInteger limit;
  // index 0: the start state; index k ≥ 1: after step k reached its target
  private final BigInteger[] price;
  private final BigInteger[] cumulativeIn;
  private final BigInteger[] cumulativeOut;
  private final BigInteger[] liquidity;
  private final int[] tick;
  private final int[] crossed;

  // each step's target (the next entry's price, or the limit) is price[k + 1]

  private SwapPath(
      int feePips,
      boolean zeroForOne,
      BigInteger limit,
      List<BigInteger> price,
      List<BigInteger> cumulativeIn,
      List<BigInteger> cumulativeOut,
      List<BigInteger> liquidity,
      int[] tick,
      int[] crossed) {
    this.feePips = feePips;
    this.zeroForOne = zeroForOne;
    this.limit = limit;
    this.price = price.toArray(new BigInteger[0]);
    this.cumulativeIn = cumulativeIn.toArray(new BigInteger[0]);
    this.cumulativeOut = cumulativeOut.toArray(new BigInteger[0]);
    this.liquidity = liquidity.toArray(new BigInteger[0]);
    this.tick = tick;
    this.crossed = crossed;
  }

  /**
   * The steps from {@code (sqrtPriceX96, tick, liquidity)} to {@code sqrtPriceLimitX96}, as the
   * contract's loop takes them.
   *
   * @throws V3Revert where the contract reverts (a bad limit, a liquidity going out of range)
   */
  public static SwapPath build(
      TickTable table,
      int feePips,
      BigInteger sqrtPriceX96,
      int startTick,
      BigInteger startLiquidity,
      boolean zeroForOne,
      BigInteger sqrtPriceLimitX96) {
    List<BigInteger> price = new ArrayList<>();
    List<BigInteger> in = new ArrayList<>();
    List<BigInteger> out = new ArrayList<>();
    List<BigInteger> liq = new ArrayList<>();
    int[] ticks = new int[16];
    int[] cross = new int[16];
    price.add(sqrtPriceX96);
    in.add(BigInteger.ZERO);
    out.add(BigInteger.ZERO);
    liq.add(startLiquidity);
    ticks[0] = startTick;
    BigInteger p = sqrtPriceX96;
    BigInteger l = startLiquidity;
    int current = startTick;
    int crossedSoFar = 0;
    BigInteger keep = BigInteger.valueOf(1_000_000L - feePips);
    BigInteger fee = BigInteger.valueOf(feePips);
    while (!p.equals(sqrtPriceLimitX96)) {
      long next = table.next(current, zeroForOne);
      int nextTick = TickTable.target(next);
      BigInteger nextPrice = table.sqrtRatio(next);
      boolean beyond =
          zeroForOne
              ? nextPrice.compareTo(sqrtPriceLimitX96) < 0
              : nextPrice.compareTo(sqrtPriceLimitX96) > 0;
      BigInteger target = beyond ? sqrtPriceLimitX96 : nextPrice;
      BigInteger stepIn =
          zeroForOne
              ? SqrtPriceMath.amount0Delta(target, p, l, true)
              : SqrtPriceMath.amount1Delta(p, target, l, true);
      BigInteger stepOut =
          zeroForOne
              ? SqrtPriceMath.amount1Delta(target, p, l, false)
              : SqrtPriceMath.amount0Delta(p, target, l, false);
      BigInteger stepFee = FullMath.mulDivRoundingUp(stepIn, fee, keep);
      p = target;
      if (p.equals(nextPrice)) {
        int at = TickTable.position(next);
        if (at >= 0) {
          BigInteger net = table.liquidityNet(at);
          l = zeroForOne ? l.subtract(net) : l.add(net);
          if (l.signum() < 0 || l.bitLength() > 128) {
            throw new V3Revert(
                "crossing tick " + nextTick + " takes the liquidity out of range (LS/LA)");
          }
          crossedSoFar++;
        }
        current = zeroForOne ? nextTick - 1 : nextTick;
      } else {
        current = Integer.MIN_VALUE; // between ticks at the limit: computed when asked
      }
      int k = price.size();
      if (k == ticks.length) {
        ticks = Arrays.copyOf(ticks, 2 * k);
        cross = Arrays.copyOf(cross, 2 * k);
      }
      price.add(p);
      in.add(in.get(k - 1).add(stepIn).add(stepFee));
      out.add(out.get(k - 1).add(stepOut));
      liq.add(l);
      ticks[k] = current;
      cross[k] = crossedSoFar;
      if (current == Integer.MIN_VALUE) {
        break;
      }
    }
    return new SwapPath(
        feePips,
        zeroForOne,
        sqrtPriceLimitX96,
        price,
        in,
        out,
        liq,
        Arrays.copyOf(ticks, price.size()),
        Arrays.copyOf(cross, price.size()));
  }

  /** The input that takes the price to the limit, fees included. */
  public BigInteger maxAmountIn() {
    return cumulativeIn[cumulativeIn.length - 1];
  }

  /** The input, fees included, that ends exactly where step {@code k} reaches its target. */
  public BigInteger inputThrough(int k) {
    return cumulativeIn[k];
  }

  /** Steps from the start to the limit. */
  public int steps() {
    return price.length - 1;
  }

  /**
   * The swap of {@code amountIn}, exactly as {@link V3Swap#exactInput} from the same state to the
   * same limit computes it.
   *
   * @param amountIn &gt; 0 and at most {@link #maxAmountIn()}
   * @param wantTick whether to compute the tick after when the swap ends between ticks
   */
  public V3Swap.Result swap(BigInteger amountIn, boolean wantTick) {
    if (amountIn.signum() <= 0 || amountIn.compareTo(maxAmountIn()) > 0) {
      throw new IllegalArgumentException(
          "amount in must be in 1.." + maxAmountIn() + ", got " + amountIn);
    }
    // the first step whose cumulative input reaches amountIn
    int lo = 1;
    int hi = cumulativeIn.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulativeIn[mid].compareTo(amountIn) >= 0) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    int k = lo;
    int c = cumulativeIn[k].compareTo(amountIn);
    if (c == 0) {
      int t = tick[k];
      if (t == Integer.MIN_VALUE) {
        t = wantTick ? TickMath.tickAtSqrtRatio(price[k]) : Integer.MIN_VALUE;
      }
      return new V3Swap.Result(
          amountIn,
          cumulativeOut[k],
          price[k],
          t,
          liquidity[k],
          crossed[k],
          k,
          price[k].equals(limit));
    }
    // full steps 1..k−1, then step k from price[k−1] stops short of price[k]
    int from = k - 1;
    BigInteger left = amountIn.subtract(cumulativeIn[from]);
    SwapMath.Step s =
        SwapMath.computeSwapStep(price[from], price[k], liquidity[from], left, feePips);
    BigInteger end = s.sqrtPriceNextX96();
    int t = tick[from];
    if (!end.equals(price[from])) {
      t = wantTick ? TickMath.tickAtSqrtRatio(end) : Integer.MIN_VALUE;
    } else if (t == Integer.MIN_VALUE && wantTick) {
      t = TickMath.tickAtSqrtRatio(end);
    }
    return new V3Swap.Result(
        amountIn,
        cumulativeOut[from].add(s.amountOut()),
        end,
        t,
        liquidity[from],
        crossed[from],
        k,
        false);
  }

  /** Whether this path goes down in price (token0 in). */
  public boolean zeroForOne() {
    return zeroForOne;
  }
}
