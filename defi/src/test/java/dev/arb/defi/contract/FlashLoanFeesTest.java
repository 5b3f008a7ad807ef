package dev.arb.defi.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class FlashLoanFeesTest {
  private static final BigInteger ONE = BigInteger.TEN.pow(18);

  @Test
  void aUniswapV2FlashSwapCostsWhatTheContractRepaysBeyondTheAmount() {
    // 1e18 * 1000 / 997 + 1 - 1e18: 0.3009 %
    assertThat(FlashLoanFees.uniswapV2Premium(ONE)).isEqualTo(new BigInteger("3009027081243732"));
    assertThat(FlashLoanFees.uniswapV2Premium(BigInteger.valueOf(997)))
        .isEqualTo(BigInteger.valueOf(4));
  }

  @Test
  void balancersFeeRoundsUpAndIsZeroWithoutAFee() {
    BigInteger tenthOfAPercent = BigInteger.TEN.pow(15);
    assertThat(FlashLoanFees.balancerPremium(ONE, tenthOfAPercent)).isEqualTo(tenthOfAPercent);
    // 3 wei at 10 %: 0.3 wei, rounded up
    assertThat(FlashLoanFees.balancerPremium(BigInteger.valueOf(3), BigInteger.TEN.pow(17)))
        .isEqualTo(BigInteger.ONE);
    assertThat(FlashLoanFees.balancerPremium(ONE, BigInteger.ZERO)).isZero();
  }

  @Test
  void aavesPremiumRoundsHalfUp() {
    BigInteger nine = BigInteger.valueOf(9);
    assertThat(FlashLoanFees.aavePremium(ONE, nine)).isEqualTo(new BigInteger("900000000000000"));
    // 556 * 9 bps = 0.5004: up; 555 * 9 bps = 0.4995: down
    assertThat(FlashLoanFees.aavePremium(BigInteger.valueOf(556), nine)).isEqualTo(BigInteger.ONE);
    assertThat(FlashLoanFees.aavePremium(BigInteger.valueOf(555), nine)).isZero();
  }
}
