package dev.arb.engine.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DerivativeSymbolsTest {

  @Test
  void recognisesPerpetualsSwapsFuturesAndOptions() {
    assertThat(DerivativeSymbols.kind("BTCUSDT-PERP")).contains("perpetual or swap");
    assertThat(DerivativeSymbols.kind("BTCUSD_PERP")).contains("perpetual or swap");
    assertThat(DerivativeSymbols.kind("BTC-PERPETUAL")).contains("perpetual or swap");
    assertThat(DerivativeSymbols.kind("BTC-USD-SWAP")).contains("perpetual or swap");
    assertThat(DerivativeSymbols.kind("btc-usdt-swap")).contains("perpetual or swap");
    assertThat(DerivativeSymbols.kind("BTC-27DEC24")).contains("dated future or option");
    assertThat(DerivativeSymbols.kind("ETHUSD_240927")).contains("dated future or option");
    assertThat(DerivativeSymbols.kind("ETH-USD-20240927")).contains("dated future or option");
    assertThat(DerivativeSymbols.kind("BTC-28JUN24-60000-C")).contains("dated future or option");
    assertThat(DerivativeSymbols.kind("PF_XBTUSD")).contains("future");
    assertThat(DerivativeSymbols.kind("BTC-USD-FUT")).contains("future");
  }

  @Test
  void leavesSpotSymbolsAlone() {
    for (String spot :
        List.of(
            "BTC/USDT",
            "ADA-XBT",
            "BLZETH",
            "PERP/USDT",
            "PERP-USDT",
            "XBT-CHF",
            "1INCH-USD",
            "USDT_TRY",
            "BTC")) {
      assertThat(DerivativeSymbols.kind(spot)).as(spot).isEmpty();
    }
    assertThat(DerivativeSymbols.kind(null)).isEmpty();
  }

  @Test
  void aQuoteThatIsAMarkerOrAnExpiryIsADerivative() {
    // BTCUSDT-PERP split into base and quote gives the quote PERP; PERP as a base is spot
    assertThat(DerivativeSymbols.problem(null, "BTCUSDT", "PERP"))
        .hasValueSatisfying(p -> assertThat(p).contains("BTCUSDT/PERP", "spot markets only"));
    assertThat(DerivativeSymbols.problem(null, "ETHUSD", "240927")).isPresent();
    assertThat(DerivativeSymbols.problem(null, "PERP", "USDT")).isEmpty();
    assertThat(DerivativeSymbols.problem("BTC-USD-SWAP", "BTC", "USD"))
        .hasValueSatisfying(p -> assertThat(p).contains("BTC-USD-SWAP"));
  }
}
