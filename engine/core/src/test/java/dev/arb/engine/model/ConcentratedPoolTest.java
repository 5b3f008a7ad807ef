package dev.arb.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.arb.engine.model.ConcentratedPool.Tick;
import dev.arb.engine.model.ConcentratedPool.TickRange;
import dev.arb.engine.model.v3.SqrtPriceMath;
import dev.arb.engine.model.v3.TickMath;
import dev.arb.engine.pool.SyntheticConcentratedPools;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The concentrated pool model: its validation, its curve (one constant-product piece per tick
 * range) against its exact integer swap, and the virtual-reserve shortcut it replaces.
 */
class ConcentratedPoolTest {
  private static final Token WETH =
      Token.of("test", "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2", "WETH", 18);
  private static final Token USDC =
      Token.of("test", "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48", "USDC", 6);
  private static final BigInteger E18 = BigInteger.TEN.pow(18);
  private static final BigInteger Q96 = BigInteger.ONE.shiftLeft(96);

  /**
   * USDC/WETH-like: token0 USDC (6), token1 WETH (18) at tick 200,000 (≈ 485 million WETH-wei per
   * USDC-unit, 1 WETH ≈ 2,061 USDC); positions [199,020, 199,800) 0.2e18, [199,800, 200,400) 2e18,
   * [200,100, 200,400) 18e18 and [200,100, 200,700) 0.5e18: liquidity 0.2e18, 2e18 (the price),
   * 20e18, 0.5e18 from range to range.
   */
  private static ConcentratedPool pool(List<Tick> ticks, BigInteger liquidity, int tick) {
    return new ConcentratedPool(
        "test",
        "0x8ad599c3A0ff1De082011EFDDc58f1908eb6e6D8",
        "uniswap-v3",
        USDC,
        WETH,
        new BigDecimal("0.003"),
        60,
        TickMath.sqrtRatioAtTick(tick).add(BigInteger.valueOf(12345)),
        tick,
        liquidity,
        ticks,
        new TickRange(198_720, 207_300));
  }

  private static BigInteger e17(long tenths) {
    return E18.multiply(BigInteger.valueOf(tenths)).divide(BigInteger.TEN);
  }

  private static ConcentratedPool sample() {
    return pool(
        List.of(
            new Tick(199_020, e17(2)),
            new Tick(199_800, e17(18)),
            new Tick(200_100, e17(180)),
            new Tick(200_400, e17(-195)),
            new Tick(200_700, e17(-5))),
        E18.shiftLeft(1),
        200_000);
  }

  @Test
  void rejectsTicksThatAreUnsortedDuplicatedOffTheSpacingOrOutsideTheRange() {
    BigInteger l = E18;
    assertThatThrownBy(() -> pool(List.of(new Tick(200_400, l), new Tick(200_100, l)), l, 200_000))
        .hasMessageContaining("not sorted");
    assertThatThrownBy(() -> pool(List.of(new Tick(200_100, l), new Tick(200_100, l)), l, 200_000))
        .hasMessageContaining("listed twice");
    assertThatThrownBy(() -> pool(List.of(new Tick(200_110, l)), l, 200_000))
        .hasMessageContaining("not a multiple of tick_spacing 60");
    assertThatThrownBy(() -> pool(List.of(new Tick(207_360, l.negate())), l, 200_000))
        .hasMessageContaining("outside tick_range");
    assertThatThrownBy(() -> pool(List.of(), l, 207_400))
        .hasMessageContaining("outside tick_range");
  }

  @Test
  void rejectsLiquidityNetThatDoesNotAddUpWithTheActiveLiquidity() {
    // 1e18 active, but the tick below takes 2e18 away going down
    assertThatThrownBy(() -> pool(List.of(new Tick(199_800, E18.shiftLeft(1))), E18, 200_000))
        .hasMessageContaining("does not add up to liquidity")
        .hasMessageContaining("below tick 199800");
    // going up, a tick removing more than is active
    assertThatThrownBy(
            () -> pool(List.of(new Tick(200_400, E18.negate())), BigInteger.ONE, 200_000))
        .hasMessageContaining("above tick 200400");
    // over the whole tick range the nets must come back to 0 on both sides
    assertThatThrownBy(
            () ->
                new ConcentratedPool(
                    "test",
                    "0x8ad599c3A0ff1De082011EFDDc58f1908eb6e6D8",
                    "uniswap-v3",
                    USDC,
                    WETH,
                    new BigDecimal("0.003"),
                    60,
                    Q96,
                    0,
                    E18,
                    List.of(new Tick(-600, E18)),
                    new TickRange(TickMath.MIN_TICK, TickMath.MAX_TICK)))
        .hasMessageContaining("over the whole tick range");
  }

  @Test
  void rejectsAPriceOutsideItsTickAndAFeeThatIsNotWholePips() {
    assertThatThrownBy(
            () ->
                new ConcentratedPool(
                    "test",
                    "0x8ad599c3A0ff1De082011EFDDc58f1908eb6e6D8",
                    "uniswap-v3",
                    USDC,
                    WETH,
                    new BigDecimal("0.003"),
                    60,
                    TickMath.sqrtRatioAtTick(200_002),
                    200_000,
                    E18,
                    List.of(),
                    new TickRange(199_680, 207_300)))
        .hasMessageContaining("is not within tick 200000");
    assertThatThrownBy(
            () ->
                new ConcentratedPool(
                    "test",
                    "0x8ad599c3A0ff1De082011EFDDc58f1908eb6e6D8",
                    "uniswap-v3",
                    USDC,
                    WETH,
                    new BigDecimal("0.0030005"),
                    60,
                    TickMath.sqrtRatioAtTick(200_000),
                    200_000,
                    E18,
                    List.of(),
                    new TickRange(199_680, 207_300)))
        .hasMessageContaining("not a whole number of pips");
  }

  @Test
  void acceptsThePriceOnTheTickAboveAfterASwapDownEndedThere() {
    // the contract leaves tick = crossed − 1 with the price exactly at the crossed tick
    ConcentratedPool p =
        new ConcentratedPool(
            "test",
            "0x8ad599c3A0ff1De082011EFDDc58f1908eb6e6D8",
            "uniswap-v3",
            USDC,
            WETH,
            new BigDecimal("0.0005"),
            10,
            TickMath.sqrtRatioAtTick(200_000),
            199_999,
            E18,
            List.of(new Tick(200_000, E18)),
            new TickRange(199_680, 207_300));
    assertThat(p.feePips()).isEqualTo(500);
    // going up, tick 200,000 is crossed first (its net added) at no cost
    assertThat(p.swap(BigInteger.valueOf(1_000_000), false).initializedTicksCrossed()).isOne();
  }

  @Test
  void marginalRateIsThePriceAfterTheFeeInTokenUnits() {
    ConcentratedPool p = sample();
    double s = p.sqrtPriceX96().doubleValue() / 0x1p96;
    double price = s * s * 1e6 / 1e18; // WETH per USDC
    assertThat(p.price()).isCloseTo(price, within(price * 1e-12));
    assertThat(p.marginalRate(true)).isCloseTo(0.997 * price, within(price * 1e-12));
    assertThat(p.marginalRate(false)).isCloseTo(0.997 / price, within(1e-12 / price));
  }

  @Test
  void curveHasOnePiecePerTickRangeAndMatchesTheIntegerSwap() {
    ConcentratedPool p = sample();
    // up from 200,000: [200,000, 200,100) 2e18, [200,100, 200,400) 20e18, [200,400, 200,700)
    // 0.5e18, then nothing to the edge at 207,300: three pieces
    assertThat(p.curve(false).pieces()).isEqualTo(3);
    // down: [199,800, 200,000) 2e18, [199,020, 199,800) 0.2e18, nothing below to the edge 198,720
    assertThat(p.curve(true).pieces()).isEqualTo(2);
    for (boolean zeroForOne : new boolean[] {true, false}) {
      SwapCurve c = p.curve(zeroForOne);
      Token in = p.tokenIn(zeroForOne);
      Token out = p.tokenOut(zeroForOne);
      BigInteger max = p.maxAmountIn(zeroForOne).orElseThrow();
      double total = in.human(max).doubleValue();
      double capacity = 0;
      for (double cap : c.capacity()) {
        capacity += cap;
      }
      assertThat(capacity).isCloseTo(total, within(total * 1e-9));
      for (double f : new double[] {1e-6, 0.01, 0.2, 0.35, 0.5, 0.8, 0.999, 1}) {
        BigInteger x = new BigDecimal(max).multiply(BigDecimal.valueOf(f)).toBigInteger();
        double exact = out.human(p.amountOut(x, zeroForOne)).doubleValue();
        double model = output(c, in.human(x).doubleValue());
        // 1e-9 relative, and a few smallest units of the output and of the input at its rate
        double units =
            (Math.pow(10, -out.decimals()) + Math.pow(10, -in.decimals()) * c.firstRate()) * 10;
        assertThat(model)
            .as("%s of the range, zeroForOne %s", f, zeroForOne)
            .isCloseTo(exact, within(exact * 1e-9 + units));
      }
      assertThat(c.totalOutput())
          .isCloseTo(
              out.human(p.amountOut(max, zeroForOne)).doubleValue(),
              within(c.totalOutput() * 1e-9));
    }
  }

  @Test
  void randomPoolsCurvesMatchTheirIntegerSwaps() {
    Random rnd = new Random(17);
    Token a = Token.of("test", "0x" + "1".repeat(40), "A", 18);
    Token b = Token.of("test", "0x" + "2".repeat(40), "B", 8);
    int compared = 0;
    for (int n = 0; n < 200; n++) {
      ConcentratedPool p =
          SyntheticConcentratedPools.random(rnd, n, a, b, Math.exp(rnd.nextGaussian() * 3), 1e5, 1);
      for (boolean zeroForOne : new boolean[] {true, false}) {
        BigInteger max = p.maxAmountIn(zeroForOne).orElseThrow();
        SwapCurve c = p.curve(zeroForOne);
        if (max.signum() == 0 || c.pieces() == 0) {
          continue;
        }
        for (int k = 0; k < 5; k++) {
          BigInteger x =
              new BigDecimal(max)
                  .multiply(BigDecimal.valueOf(Math.pow(10, -4 * rnd.nextDouble())))
                  .toBigInteger()
                  .max(BigInteger.ONE);
          double exact = p.tokenOut(zeroForOne).human(p.amountOut(x, zeroForOne)).doubleValue();
          double model = output(c, p.tokenIn(zeroForOne).human(x).doubleValue());
          // a few smallest units per step (of the output, and of the input at the pool's rate:
          // each step rounds its input and fee up), plus 1e-9 relative
          double unit =
              Math.pow(10, -p.tokenOut(zeroForOne).decimals())
                  + Math.pow(10, -p.tokenIn(zeroForOne).decimals()) * c.firstRate();
          int steps = p.swap(x, zeroForOne).steps();
          assertThat(model).isCloseTo(exact, within(exact * 1e-9 + unit * (3 + 3 * steps)));
          compared++;
        }
      }
    }
    assertThat(compared).isGreaterThan(1000);
  }

  /** A curve's output for {@code t} of input, evaluated piece by piece (independent of sizing). */
  static double output(SwapCurve c, double t) {
    double out = 0;
    double[] r = c.rate();
    double[] k = c.curvature();
    double[] cap = c.capacity();
    for (int j = 0; j < r.length && t > 0; j++) {
      double take = Math.min(t, cap[j]);
      out += r[j] * take / (1 + k[j] * take);
      t -= take;
    }
    return out;
  }

  @Test
  void virtualReservesAtTheCurrentPriceMispriceATradeCrossingATickAndArbDoesNot() {
    // The shortcut: a constant-product pool on the virtual reserves L/√P and L·√P at the current
    // price. Selling WETH for USDC (token1 in, price up) from tick 200,000 crosses 200,100, where
    // liquidity rises from 2e18 to 20e18; selling USDC (price down) crosses 199,800, where it falls
    // to 0.2e18.
    ConcentratedPool p = sample();
    double s = p.sqrtPriceX96().doubleValue() / 0x1p96;
    double l = p.liquidity().doubleValue();
    ConstantProductPool shortcut =
        new ConstantProductPool(
            "test",
            "0x8ad599c3A0ff1De082011EFDDc58f1908eb6e6D8",
            "virtual",
            USDC,
            WETH,
            new BigDecimal(l / s).toBigInteger(),
            new BigDecimal(l * s).toBigInteger(),
            new BigDecimal("0.003"));
    // inside the first range the two agree: the shortcut is exact until the next initialized tick
    BigInteger small = new BigInteger("1000000000000000"); // 0.001 WETH
    BigInteger exactSmall = p.amountOut(small, false);
    assertThat(new BigDecimal(shortcut.amountOut(small, false)))
        .isCloseTo(new BigDecimal(exactSmall), within(new BigDecimal("2")));
    // to the price at 200,250: crosses 200,100 (liquidity up tenfold)
    BigInteger upTo200250 =
        SqrtPriceMath.amount1Delta(
                p.sqrtPriceX96(), TickMath.sqrtRatioAtTick(200_100), p.liquidity(), true)
            .add(
                SqrtPriceMath.amount1Delta(
                    TickMath.sqrtRatioAtTick(200_100),
                    TickMath.sqrtRatioAtTick(200_250),
                    e17(200),
                    true));
    BigInteger x = upTo200250.multiply(BigInteger.valueOf(1000)).divide(BigInteger.valueOf(997));
    assertThat(p.swap(x, false).initializedTicksCrossed()).isOne();
    BigInteger exact = p.amountOut(x, false);
    BigInteger cheap = shortcut.amountOut(x, false);
    // the shortcut misses the deeper range: it pays several percent less than the pool
    assertThat(
            new BigDecimal(exact.subtract(cheap))
                .divide(new BigDecimal(exact), java.math.MathContext.DECIMAL64))
        .isGreaterThan(new BigDecimal("0.02"));
    // below 199,800 the liquidity falls to a tenth: the shortcut pays more than the pool can
    BigInteger far =
        p.maxAmountIn(true)
            .orElseThrow()
            .multiply(BigInteger.valueOf(99))
            .divide(BigInteger.valueOf(100));
    assertThat(p.swap(far, true).initializedTicksCrossed()).isOne();
    BigInteger dear = shortcut.amountOut(far, true);
    BigInteger pays = p.amountOut(far, true);
    assertThat(
            new BigDecimal(dear.subtract(pays))
                .divide(new BigDecimal(pays), java.math.MathContext.DECIMAL64))
        .isGreaterThan(new BigDecimal("0.005"));
    // arb's curve follows the pool across the ticks, both ways
    double up = output(p.curve(false), WETH.human(x).doubleValue());
    double upPays = USDC.human(exact).doubleValue();
    assertThat(up).isCloseTo(upPays, within(upPays * 1e-9 + 1e-5));
    double down = output(p.curve(true), USDC.human(far).doubleValue());
    double downPays = WETH.human(pays).doubleValue();
    assertThat(down).isCloseTo(downPays, within(downPays * 1e-9 + 1e-17));
  }

  @Test
  void afterSwapKeepsTheTicksAndMovesThePrice() {
    ConcentratedPool p = sample();
    BigInteger x = p.maxAmountIn(false).orElseThrow().divide(BigInteger.TWO);
    ConcentratedPool q = p.afterSwap(x, false);
    assertThat(q.ticks()).isEqualTo(p.ticks());
    assertThat(q.sqrtPriceX96()).isEqualTo(p.swap(x, false).sqrtPriceX96());
    assertThat(q.tick()).isEqualTo(TickMath.tickAtSqrtRatio(q.sqrtPriceX96()));
    assertThat(q.liquidity()).isEqualTo(p.swap(x, false).liquidity());
    assertThat(q).isNotEqualTo(p);
    List<Tick> same = new ArrayList<>(p.ticks());
    assertThat(pool(same, p.liquidity(), p.tick())).isEqualTo(p);
  }
}
