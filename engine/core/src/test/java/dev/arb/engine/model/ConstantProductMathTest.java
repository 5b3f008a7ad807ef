package dev.arb.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The integer swap formula, checked against hand arithmetic on the real USDC/WETH Uniswap V2 pair
 * at block 11,000,000 (reserves from issue 13) and against the pair contract's own acceptance rule:
 * {@code UniswapV2Pair.swap} accepts an output only if {@code (balanceIn·D − in·N)·(balanceOut·D) ≥
 * R_in·R_out·D²}, so the largest output it pays must be exactly {@code getAmountOut}.
 */
class ConstantProductMathTest {
  private static final BigInteger USDC_RESERVE = new BigInteger("176560092727090");
  private static final BigInteger WETH_RESERVE = new BigInteger("524595304157729979983018");

  @Test
  void feeFractionsAreExact() {
    ConstantProductMath.Fee uni = ConstantProductMath.fee(new BigDecimal("0.003"));
    assertThat(uni.numerator()).isEqualTo(3);
    assertThat(uni.denominator()).isEqualTo(1000);
    assertThat(uni.keep()).isEqualTo(997);
    ConstantProductMath.Fee cake = ConstantProductMath.fee(new BigDecimal("0.00250"));
    assertThat(cake.keep()).isEqualTo(9975);
    assertThat(cake.denominator()).isEqualTo(10000);
    assertThat(ConstantProductMath.fee(BigDecimal.ZERO).denominator()).isEqualTo(1);
    assertThatThrownBy(() -> ConstantProductMath.fee(BigDecimal.ONE))
        .hasMessageContaining("[0, 1)");
  }

  @Test
  void oneWethBuysWhatTheRealPairPaysAtBlock11000000() {
    // 1e18 · 997 · 176560092727090 / (524595304157729979983018 · 1000 + 1e18 · 997)
    //   = 176030412448908730e18 / 524596301157729979983018000 = 335554048.056… → 335554048
    BigInteger out =
        ConstantProductMath.amountOut(
            BigInteger.TEN.pow(18), WETH_RESERVE, USDC_RESERVE, new BigDecimal("0.003"));
    assertThat(out).isEqualTo(335_554_048L);
    // 1000 USDC: 1e9 · 997 · R_weth / (R_usdc · 1000 + 1e9 · 997)
    assertThat(
            ConstantProductMath.amountOut(
                BigInteger.valueOf(1_000_000_000L),
                USDC_RESERVE,
                WETH_RESERVE,
                new BigDecimal("0.003")))
        .isEqualTo(new BigInteger("2962269427843301939"));
  }

  @Test
  void isTheLargestOutputThePairAcceptsOnRandomPools() {
    Random rnd = new Random(13);
    String[] fees = {"0.003", "0.0025", "0.002", "0.01", "0", "0.0017"};
    for (int k = 0; k < 2000; k++) {
      BigInteger rIn = new BigInteger(1 + rnd.nextInt(111), rnd).add(BigInteger.ONE);
      BigInteger rOut = new BigInteger(1 + rnd.nextInt(111), rnd).add(BigInteger.ONE);
      BigInteger in = new BigInteger(1 + rnd.nextInt(120), rnd).add(BigInteger.ONE);
      ConstantProductMath.Fee fee =
          ConstantProductMath.fee(new BigDecimal(fees[rnd.nextInt(fees.length)]));
      BigInteger out = ConstantProductMath.amountOut(in, rIn, rOut, fee);
      assertThat(out).isLessThan(rOut);
      assertThat(pairAccepts(rIn, rOut, in, out, fee)).isTrue();
      assertThat(pairAccepts(rIn, rOut, in, out.add(BigInteger.ONE), fee)).isFalse();
    }
  }

  /** UniswapV2Pair.swap's K check with the fee N/D, for input on one side only. */
  private static boolean pairAccepts(
      BigInteger rIn, BigInteger rOut, BigInteger in, BigInteger out, ConstantProductMath.Fee fee) {
    if (out.compareTo(rOut) >= 0) {
      return false;
    }
    BigInteger d = fee.denominator();
    BigInteger balanceInAdjusted = rIn.add(in).multiply(d).subtract(in.multiply(fee.numerator()));
    BigInteger balanceOutAdjusted = rOut.subtract(out).multiply(d);
    return balanceInAdjusted
            .multiply(balanceOutAdjusted)
            .compareTo(rIn.multiply(rOut).multiply(d).multiply(d))
        >= 0;
  }

  @Test
  void poolSwapsBothWaysWithItsReserves() {
    Token usdc = Token.of("ethereum", "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48", "USDC", 6);
    Token weth = Token.of("ethereum", "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2", "WETH", 18);
    ConstantProductPool pool =
        new ConstantProductPool(
            "ethereum",
            "0xB4e16d0168e52d35CaCD2c6185b44281Ec28C9Dc",
            "uniswap-v2",
            usdc,
            weth,
            USDC_RESERVE,
            WETH_RESERVE,
            new BigDecimal("0.003"));
    assertThat(pool.amountOut(BigInteger.TEN.pow(18), false)).isEqualTo(335_554_048L);
    assertThat(pool.id()).isEqualTo("ethereum:0xb4e16d0168e52d35cacd2c6185b44281ec28c9dc");
    // marginal rate USDC → WETH: (524595.304… / 176560092.727…) · 0.997 ≈ 0.0029622 WETH per USDC
    assertThat(pool.marginalRate(true))
        .isCloseTo(524595.30415772997 / 176560092.72709 * 0.997, offset(1e-15));
    assertThat(pool.price()).isCloseTo(524595.30415772997 / 176560092.72709, offset(1e-15));
    assertThatThrownBy(
            () ->
                new ConstantProductPool(
                    "ethereum",
                    "0xB4e16d0168e52d35CaCD2c6185b44281Ec28C9Dc",
                    "uniswap-v2",
                    usdc,
                    weth,
                    BigInteger.ZERO,
                    WETH_RESERVE,
                    new BigDecimal("0.003")))
        .hasMessageContaining("reserve0 must be positive");
  }
}
