package dev.arb.engine.paper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.model.Asset;
import dev.arb.engine.record.Holding;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaperBalancesTest {
  private static final Asset USDT = Asset.of("USDT");
  private static final Asset BTC = Asset.of("BTC");

  @Test
  void withAStartingBalanceAnAssetNotHeldIsThereInThatAmountUntilTraded() {
    PaperBalances l =
        new PaperBalances(
            List.of(new Holding("kraken", BTC, new BigDecimal("0.5"))), new BigDecimal("1000"));
    assertThat(l.balance("binanceus", USDT)).isEqualByComparingTo("1000");
    assertThat(l.balance("kraken", BTC)).isEqualByComparingTo("0.5");
    l.trade("binanceus", USDT, new BigDecimal("250"), BTC, new BigDecimal("0.01"));
    assertThat(l.balance("binanceus", USDT)).isEqualByComparingTo("750");
    // what is received is added to the starting amount of an asset not held before
    assertThat(l.balance("binanceus", BTC)).isEqualByComparingTo("1000.01");
    assertThat(l.holdings())
        .extracting(h -> h.exchange() + " " + h.asset() + " " + h.amount().toPlainString())
        .containsExactly("binanceus BTC 1000.01", "binanceus USDT 750", "kraken BTC 0.5");
  }

  @Test
  void withoutAStartingBalanceAnAssetNotHeldIsZeroAndTheHintNamesTheKey() {
    PaperBalances l = new PaperBalances(List.of());
    assertThat(l.balance("binanceus", USDT)).isEqualByComparingTo("0");
    assertThat(l.whereToSet("binanceus", USDT))
        .isEqualTo("on paper, set arb.paper.balances.binanceus.USDT");
  }
}
