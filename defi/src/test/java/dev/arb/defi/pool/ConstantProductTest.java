package dev.arb.defi.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.defi.pool.ConstantProduct.CycleSize;
import dev.arb.defi.pool.ConstantProduct.Hop;
import dev.arb.defi.pool.ConstantProduct.LoanCost;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConstantProductTest {
  private static final BigInteger E18 = BigInteger.TEN.pow(18);
  private static final BigInteger NO_LIMIT = E18.multiply(E18);
  private static final LoanCost FLASH = LoanCost.UNISWAP_V2_FLASH_SWAP;

  /** Sell WETH where it fetches 2,200 USDC, buy it back where it costs 2,000. */
  private static final Hop SELL_HIGH = new Hop(tokens(100), tokens(220_000), 30);

  private static final Hop BUY_LOW = new Hop(tokens(200_000), tokens(100), 30);

  private static BigInteger tokens(long n) {
    return E18.multiply(BigInteger.valueOf(n));
  }

  @Test
  void amountOutIsUniswapV2GetAmountOut() {
    // 1e18 * 997 * 220000e18 / (100e18 * 1000 + 1e18 * 997), rounded down
    assertThat(SELL_HIGH.amountOut(E18)).isEqualTo(new BigInteger("2171747675673534857471"));
  }

  @Test
  void flashSwapRepaymentRoundsUp() {
    assertThat(FLASH.owed(E18))
        .isEqualTo(new BigInteger("1003009027081243731").add(BigInteger.ONE));
    assertThat(FLASH.owed(BigInteger.valueOf(997))).isEqualTo(BigInteger.valueOf(1001));
  }

  @Test
  void aavePremiumRoundsHalfUpLikePercentMul() {
    LoanCost aave = LoanCost.aaveV3(9);
    assertThat(aave.owed(E18)).isEqualTo(new BigInteger("1000900000000000000"));
    // 5,555 * 9 / 10,000 = 4.9995 -> 5 (half up), not 4
    assertThat(aave.owed(BigInteger.valueOf(5_555))).isEqualTo(BigInteger.valueOf(5_560));
    assertThat(aave.owed(BigInteger.valueOf(555))).isEqualTo(BigInteger.valueOf(555));
  }

  @Test
  void closedFormOptimumBeatsEveryNeighbour() {
    CycleSize best =
        ConstantProduct.optimalTwoPool(SELL_HIGH, BUY_LOW, FLASH, NO_LIMIT).orElseThrow();

    // x* = (sqrt(AB/k) - B) / C = 2.10929 WETH for these reserves
    assertThat(best.amount())
        .isBetween(new BigInteger("2109287000000000000"), new BigInteger("2109288000000000000"));
    assertThat(best.profit()).isEqualTo(best.returned().subtract(best.owed()));
    for (double factor : new double[] {0.5, 0.9, 0.99, 0.999, 1.001, 1.01, 1.1, 2}) {
      BigInteger other =
          new BigDecimal(best.amount()).multiply(BigDecimal.valueOf(factor)).toBigInteger();
      Optional<CycleSize> there = ConstantProduct.price(SELL_HIGH, BUY_LOW, FLASH, other);
      assertThat(there).isPresent();
      assertThat(there.get().profit()).as("profit at %s x*", factor).isLessThan(best.profit());
    }
    // and more than the 1 WETH the on-chain test borrows (0.06801 WETH there)
    assertThat(best.profit()).isGreaterThan(new BigInteger("68012140402578859"));
  }

  @Test
  void noProfitableSizeInTheLosingDirectionOrAtEqualPrices() {
    Hop sellLow = new Hop(tokens(100), tokens(200_000), 30);
    Hop buyHigh = new Hop(tokens(220_000), tokens(100), 30);
    assertThat(ConstantProduct.optimalTwoPool(sellLow, buyHigh, FLASH, NO_LIMIT)).isEmpty();
    Hop same = new Hop(tokens(200_000), tokens(100), 30);
    assertThat(ConstantProduct.optimalTwoPool(sellLow, same, FLASH, NO_LIMIT)).isEmpty();
  }

  @Test
  void respectsTheMaximumAmount() {
    CycleSize capped = ConstantProduct.optimalTwoPool(SELL_HIGH, BUY_LOW, FLASH, E18).orElseThrow();
    assertThat(capped.amount()).isEqualTo(E18);
    assertThat(capped.profit()).isEqualTo(new BigInteger("68012140402578859"));
  }
}
