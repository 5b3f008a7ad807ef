package dev.arb.engine.model.v3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The integer math against values derived by hand and the contract's published bounds. */
class V3MathTest {
  private static final BigInteger Q96 = BigInteger.ONE.shiftLeft(96);
  private static final BigInteger E18 = BigInteger.TEN.pow(18);

  @Test
  void sqrtRatioBoundsAreThePublishedOnes() {
    // TickMath's documented MIN_SQRT_RATIO and MAX_SQRT_RATIO (Uniswap v3-core)
    assertThat(TickMath.MIN_SQRT_RATIO).isEqualTo(new BigInteger("4295128739"));
    assertThat(TickMath.MAX_SQRT_RATIO)
        .isEqualTo(new BigInteger("1461446703485210103287273052203988822378723970342"));
    assertThat(TickMath.sqrtRatioAtTick(0)).isEqualTo(Q96);
  }

  @Test
  void sqrtRatioIsTheExactRootWithinRounding() {
    MathContext mc = new MathContext(80);
    BigDecimal base = new BigDecimal("1.0001");
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 300; i++) {
      int t = i < 3 ? new int[] {1, -1, 887271}[i] : r.nextInt(-887272, 887273);
      BigDecimal exact =
          (t >= 0 ? base.pow(t, mc) : BigDecimal.ONE.divide(base.pow(-t, mc), mc))
              .sqrt(mc)
              .multiply(new BigDecimal(Q96));
      BigDecimal got = new BigDecimal(TickMath.sqrtRatioAtTick(t));
      // a Q128 value truncated up to twenty times (as small as 2^64 at the extreme ticks, whose
      // reciprocal is then good to about 2^-64), rounded up to Q96: within 1 unit plus 2e-18
      // relative
      assertThat(got.subtract(exact).abs())
          .as("tick %d", t)
          .isLessThanOrEqualTo(BigDecimal.ONE.add(exact.multiply(new BigDecimal("2e-18"))));
      if (Math.abs(t) < 100_000) {
        assertThat(got.subtract(exact).abs())
            .as("tick %d", t)
            .isLessThanOrEqualTo(BigDecimal.ONE.add(exact.multiply(new BigDecimal("1e-30"))));
      }
    }
  }

  @Test
  void tickAtSqrtRatioIsTheGreatestTickAtOrBelowThePrice() {
    SplittableRandom r = new SplittableRandom(11);
    for (int i = 0; i < 200; i++) {
      int t = r.nextInt(-887271, 887272);
      BigInteger s = TickMath.sqrtRatioAtTick(t);
      assertThat(TickMath.tickAtSqrtRatio(s)).isEqualTo(t);
      assertThat(TickMath.tickAtSqrtRatio(s.subtract(BigInteger.ONE))).isEqualTo(t - 1);
      assertThat(TickMath.tickAtSqrtRatio(s.add(BigInteger.ONE))).isEqualTo(t);
    }
    assertThat(TickMath.tickAtSqrtRatio(TickMath.MIN_SQRT_RATIO)).isEqualTo(TickMath.MIN_TICK);
    assertThat(TickMath.tickAtSqrtRatio(TickMath.MAX_SQRT_RATIO.subtract(BigInteger.ONE)))
        .isEqualTo(TickMath.MAX_TICK - 1);
    assertThatThrownBy(() -> TickMath.tickAtSqrtRatio(TickMath.MAX_SQRT_RATIO))
        .isInstanceOf(V3Revert.class);
    assertThatThrownBy(() -> TickMath.sqrtRatioAtTick(887273)).isInstanceOf(V3Revert.class);
  }

  @Test
  void mulDivKeepsTheFullProductAndRoundsAsAsked() {
    BigInteger max = FullMath.MAX_UINT256;
    assertThat(FullMath.mulDiv(max, max, max)).isEqualTo(max);
    assertThat(
            FullMath.mulDiv(BigInteger.ONE.shiftLeft(255), BigInteger.TWO, BigInteger.TWO.pow(200)))
        .isEqualTo(BigInteger.TWO.pow(56));
    assertThat(FullMath.mulDiv(BigInteger.ONE, BigInteger.ONE, BigInteger.valueOf(3))).isZero();
    assertThat(FullMath.mulDivRoundingUp(BigInteger.ONE, BigInteger.ONE, BigInteger.valueOf(3)))
        .isEqualTo(BigInteger.ONE);
    assertThat(FullMath.mulDivRoundingUp(BigInteger.TWO, BigInteger.TWO, BigInteger.TWO))
        .isEqualTo(BigInteger.TWO);
    assertThatThrownBy(() -> FullMath.mulDiv(max, max, BigInteger.ONE))
        .isInstanceOf(V3Revert.class);
    assertThatThrownBy(() -> FullMath.mulDiv(max, max, BigInteger.ZERO))
        .isInstanceOf(V3Revert.class);
    // ⌈(2^256−1)·(2^256−1)/(2^256−2)⌉ = 2^256 does not fit
    assertThatThrownBy(() -> FullMath.mulDivRoundingUp(max, max, max.subtract(BigInteger.ONE)))
        .isInstanceOf(V3Revert.class);
  }

  @Test
  void nextPriceFromInputRoundsTowardsThePriceItStartedFrom() {
    // price 1, L = 1e18, 0.1e18 in: token1 moves √P to 1.1 (rounded down), token0 to 1/1.1
    // (rounded up): 2^96·11/10 = 87150978765690771352898345369.6, 2^96/1.1 = ...227578.18
    BigInteger tenth = E18.divide(BigInteger.TEN);
    assertThat(SqrtPriceMath.nextSqrtPriceFromInput(Q96, E18, tenth, false))
        .isEqualTo(new BigInteger("87150978765690771352898345369"));
    assertThat(SqrtPriceMath.nextSqrtPriceFromInput(Q96, E18, tenth, true))
        .isEqualTo(new BigInteger("72025602285694852357767227579"));
    assertThat(SqrtPriceMath.nextSqrtPriceFromInput(Q96, E18, BigInteger.ZERO, true))
        .isEqualTo(Q96);
    assertThatThrownBy(
            () -> SqrtPriceMath.nextSqrtPriceFromInput(Q96, BigInteger.ZERO, tenth, true))
        .isInstanceOf(V3Revert.class);
  }

  @Test
  void amountDeltasRoundUpWhatThePoolReceivesAndDownWhatItPays() {
    // from √P = 1 to √P = 1.1 (2^96·11/10 floored) with L = 1e18: token0 is
    // 1e18·(1 − 1/1.1) = 90909090909090909.09…, token1 a hair under 1e17
    BigInteger b = Q96.multiply(BigInteger.valueOf(11)).divide(BigInteger.TEN);
    assertThat(SqrtPriceMath.amount0Delta(Q96, b, E18, true))
        .isEqualTo(new BigInteger("90909090909090910"));
    assertThat(SqrtPriceMath.amount0Delta(b, Q96, E18, false))
        .isEqualTo(new BigInteger("90909090909090909"));
    assertThat(SqrtPriceMath.amount1Delta(Q96, b, E18, true))
        .isEqualTo(new BigInteger("100000000000000000"));
    assertThat(SqrtPriceMath.amount1Delta(b, Q96, E18, false))
        .isEqualTo(new BigInteger("99999999999999999"));
  }

  @Test
  void token0InputFallsBackWhenTheProductOverflows() {
    // x·√P beyond 2^256: the contract divides L·2^96 by (L·2^96/√P + x), rounding up
    BigInteger l = BigInteger.ONE.shiftLeft(100);
    BigInteger s = TickMath.sqrtRatioAtTick(1000);
    BigInteger x = BigInteger.ONE.shiftLeft(180);
    BigInteger n = l.shiftLeft(96);
    BigInteger expected = FullMath.divRoundingUp(n, n.divide(s).add(x));
    assertThat(x.multiply(s).bitLength()).isGreaterThan(256);
    assertThat(SqrtPriceMath.nextSqrtPriceFromInput(s, l, x, true)).isEqualTo(expected);
  }

  @Test
  void swapStepThatStopsShortTakesTheRestAsFee() {
    // √P = 1, L = 1e6, 1000 token1 in at 0.3 %: 997 swap, √P' = 1 + 997/1e6 (floored in Q96),
    // out = 1e6·(1 − 1/1.000997) = 996.006… → 996, in = 997, fee = 1000 − 997 = 3
    SwapMath.Step s =
        SwapMath.computeSwapStep(
            Q96, Q96.shiftLeft(1), BigInteger.valueOf(1_000_000), BigInteger.valueOf(1000), 3000);
    assertThat(s.sqrtPriceNextX96()).isEqualTo(new BigInteger("79307152992291059138124713654"));
    assertThat(s.amountIn()).isEqualTo(BigInteger.valueOf(997));
    assertThat(s.amountOut()).isEqualTo(BigInteger.valueOf(996));
    assertThat(s.feeAmount()).isEqualTo(BigInteger.valueOf(3));
  }

  @Test
  void swapStepThatReachesItsTargetPaysTheFeeOnWhatItTook() {
    // √P 1 → 2 with L = 1e6 takes 1e6 token1 and pays 1e6·(1 − 1/2) = 500000 token0; the fee is
    // ⌈1e6·3000/997000⌉ = ⌈3009.03⌉ = 3010
    SwapMath.Step s =
        SwapMath.computeSwapStep(
            Q96,
            Q96.shiftLeft(1),
            BigInteger.valueOf(1_000_000),
            BigInteger.valueOf(2_000_000),
            3000);
    assertThat(s.sqrtPriceNextX96()).isEqualTo(Q96.shiftLeft(1));
    assertThat(s.amountIn()).isEqualTo(BigInteger.valueOf(1_000_000));
    assertThat(s.amountOut()).isEqualTo(BigInteger.valueOf(500_000));
    assertThat(s.feeAmount()).isEqualTo(BigInteger.valueOf(3010));
  }

  @Test
  void swapCrossesTicksStepByStep() {
    // spacing 10, ticks -20 (+5e17) and 20 (-5e17 ... ) around tick 0: L = 1e18 inside, the
    // position [-20, 20] adds 5e17 to a wider one of 5e17
    BigInteger half = E18.divide(BigInteger.TWO);
    TickTable t =
        new TickTable(
            10,
            new int[] {-1000, -20, 20, 1000},
            new BigInteger[] {half, half, half.negate(), half.negate()},
            -2560,
            2559);
    BigInteger limit = TickMath.sqrtRatioAtTick(-2560);
    BigInteger in = new BigInteger("3000000000000000");
    V3Swap.Result r = V3Swap.exactInput(t, 3000, Q96, 0, E18, in, true, limit, true);
    // by hand: at exactly √P(0), tick 0 is its word's lowest tick, so the contract first takes an
    // empty step to it (tick becomes -1); then step 1 to tick -20 with L = 1e18, cross (L = 5e17),
    // step 2 on to where the rest takes it
    BigInteger s20 = TickMath.sqrtRatioAtTick(-20);
    SwapMath.Step a = SwapMath.computeSwapStep(Q96, s20, E18, in, 3000);
    assertThat(a.sqrtPriceNextX96()).isEqualTo(s20);
    BigInteger left = in.subtract(a.amountIn()).subtract(a.feeAmount());
    SwapMath.Step b =
        SwapMath.computeSwapStep(s20, TickMath.sqrtRatioAtTick(-1000), half, left, 3000);
    assertThat(r.amountIn()).isEqualTo(in);
    assertThat(r.amountOut()).isEqualTo(a.amountOut().add(b.amountOut()));
    assertThat(r.sqrtPriceX96()).isEqualTo(b.sqrtPriceNextX96());
    assertThat(r.liquidity()).isEqualTo(half);
    assertThat(r.initializedTicksCrossed()).isEqualTo(1);
    assertThat(r.steps()).isEqualTo(3);
    assertThat(r.tick()).isEqualTo(TickMath.tickAtSqrtRatio(b.sqrtPriceNextX96()));
  }

  @Test
  void aSwapEndsAStepAtEveryBitmapWordEdge() {
    // spacing 1: a word is 256 ticks; no initialized tick between 0 and -600, so a swap down to
    // tick -600 takes steps to 0 (its word's edge, empty: the price is there), -256 and -512
    // before the price it ends at
    TickTable t =
        new TickTable(
            1, new int[] {-5000, 5000}, new BigInteger[] {E18, E18.negate()}, -5120, 5119);
    BigInteger limit = TickMath.sqrtRatioAtTick(-5120);
    BigInteger in = SqrtPriceMath.amount0Delta(TickMath.sqrtRatioAtTick(-600), Q96, E18, true);
    V3Swap.Result r = V3Swap.exactInput(t, 500, Q96, 0, E18, in, true, limit, false);
    assertThat(r.steps()).isEqualTo(4);
    assertThat(r.initializedTicksCrossed()).isZero();
    // the same input in one step, as a model that skips word edges would price it, pays a
    // different amount for some inputs: the fee rounds per step
    SplittableRandom rnd = new SplittableRandom(3);
    int differ = 0;
    for (int i = 0; i < 200; i++) {
      BigInteger x = in.add(BigInteger.valueOf(rnd.nextLong(1, 1_000_000_000_000L)));
      BigInteger stepped =
          V3Swap.exactInput(t, 500, Q96, 0, E18, x, true, limit, false).amountOut();
      BigInteger oneStep =
          SwapMath.computeSwapStep(Q96, TickMath.sqrtRatioAtTick(-5000), E18, x, 500).amountOut();
      // a few wei at a price near 1: each step rounds its input and fee up and its output down
      assertThat(stepped.subtract(oneStep).abs())
          .isLessThanOrEqualTo(BigInteger.valueOf(3L * r.steps()));
      differ += stepped.equals(oneStep) ? 0 : 1;
    }
    assertThat(differ).isPositive();
  }

  @Test
  void aSwapStopsAtItsPriceLimitAndAWrongLimitReverts() {
    TickTable t = new TickTable(60, new int[0], new BigInteger[0], -887220, 887220);
    BigInteger limit = TickMath.sqrtRatioAtTick(-60);
    V3Swap.Result r = V3Swap.exactInput(t, 3000, Q96, 0, E18, E18, true, limit, true);
    assertThat(r.reachedLimit()).isTrue();
    assertThat(r.sqrtPriceX96()).isEqualTo(limit);
    BigInteger toLimit = SqrtPriceMath.amount0Delta(limit, Q96, E18, true);
    BigInteger fee =
        FullMath.mulDivRoundingUp(toLimit, BigInteger.valueOf(3000), BigInteger.valueOf(997000));
    assertThat(r.amountIn()).isEqualTo(toLimit.add(fee));
    assertThatThrownBy(
            () -> V3Swap.exactInput(t, 3000, Q96, 0, E18, E18, true, Q96.add(BigInteger.ONE), true))
        .isInstanceOf(V3Revert.class)
        .hasMessageContaining("SPL");
  }

  @Test
  void roundingHelpersAgreeWithBigDecimal() {
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < 500; i++) {
      BigInteger a = new BigInteger(1 + r.nextInt(255), new java.util.Random(r.nextLong()));
      BigInteger b = new BigInteger(1 + r.nextInt(255), new java.util.Random(r.nextLong()));
      BigInteger d =
          new BigInteger(1 + r.nextInt(255), new java.util.Random(r.nextLong()))
              .add(BigInteger.ONE);
      BigDecimal exact =
          new BigDecimal(a.multiply(b)).divide(new BigDecimal(d), 0, RoundingMode.CEILING);
      if (exact.toBigInteger().bitLength() <= 256) {
        assertThat(FullMath.mulDivRoundingUp(a, b, d)).isEqualTo(exact.toBigInteger());
      }
    }
  }
}
