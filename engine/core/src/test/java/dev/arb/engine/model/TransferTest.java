package dev.arb.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransferTest {
  static final Asset BTC = Asset.of("BTC");

  static Transfer btc(String fixed, String fraction, String minimum) {
    return new Transfer(
        BTC,
        new BigDecimal(fixed),
        new BigDecimal(fraction),
        new BigDecimal(minimum),
        "BTC",
        Duration.ofMinutes(90));
  }

  @Test
  void arrivesIsTheAmountLessTheFixedAndProportionalFeeExactly() {
    Transfer t = btc("0.0005", "0.001", "0.001");
    // 0.123456789 × 0.001 = 0.000123456789; + 0.0005 = 0.000623456789
    assertThat(t.fee(new BigDecimal("0.123456789"))).isEqualByComparingTo("0.000623456789");
    assertThat(t.arrives(new BigDecimal("0.123456789"))).isEqualByComparingTo("0.122833332211");
    // the fraction's part is rounded up at 18 decimals: 1e-18 × 0.001 → 1e-18
    assertThat(btc("0", "0.001", "0").fee(new BigDecimal("0.000000000000000001")))
        .isEqualByComparingTo("0.000000000000000001");
  }

  @Test
  void belowTheMinimumOrEatenByTheFeeNothingMoves() {
    Transfer t = btc("0.0005", "0", "0.001");
    assertThat(t.arrives(new BigDecimal("0.00099"))).isNegative();
    assertThat(t.arrives(new BigDecimal("0.001"))).isEqualByComparingTo("0.0005");
    assertThat(btc("0.0005", "0", "0").arrives(new BigDecimal("0.0005"))).isNegative();
    assertThat(Transfer.free(BTC).arrives(new BigDecimal("0.3"))).isEqualByComparingTo("0.3");
    assertThat(Transfer.free(BTC).isFree()).isTrue();
    assertThat(t.isFree()).isFalse();
  }

  @Test
  void describesItselfForPeople() {
    assertThat(btc("0.0005", "0.001", "0.001").describe())
        .isEqualTo("0.0005 BTC + 0.1 % (min 0.001, BTC network, about 1h 30m)");
    assertThat(btc("0", "0.0025", "0").describe()).isEqualTo("0.25 % (BTC network, about 1h 30m)");
  }

  @Test
  void rejectsAFeeFractionOfOneOrMore() {
    assertThatThrownBy(() -> btc("0", "1", "0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fee fraction of BTC must be in [0, 1)");
  }

  @Test
  void aRouteOverrideWinsOverTheAssetsCost() {
    Transfer any = btc("0.0005", "0", "0");
    Transfer cheap = btc("0.0001", "0", "0");
    TransferCosts costs =
        new TransferCosts(
            Map.of(BTC, any), Map.of(TransferCosts.route(BTC, "Kraken", "bitstamp"), cheap));
    assertThat(costs.find(BTC, "kraken", "bitstamp")).contains(cheap);
    assertThat(costs.find(BTC, "bitstamp", "kraken")).contains(any);
    assertThat(costs.find(Asset.of("ETH"), "kraken", "bitstamp")).isEmpty();
  }
}
