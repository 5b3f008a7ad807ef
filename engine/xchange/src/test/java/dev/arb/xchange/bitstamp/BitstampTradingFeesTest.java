package dev.arb.xchange.bitstamp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bitstamp's fee answer as {@link BitstampTradingFees} reads it (moved from BitstampFeeTierIT). */
class BitstampTradingFeesTest {

  private static String fixture(String relative) throws IOException {
    try (InputStream in =
        BitstampTradingFeesTest.class.getResourceAsStream("/dev/arb/xchange/" + relative)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void parsesPercentFeesOfEitherShape() throws Exception {
    var json = new ObjectMapper();
    assertThat(
            BitstampTradingFees.parse(
                json.readTree(
                    "[{\"currency_pair\":\"btcusd\",\"market\":\"btcusd\","
                        + "\"fees\":{\"maker\":\"0.15000\",\"taker\":\"0.16000\"}}]")))
        .containsExactly(Map.entry("btcusd", new BigDecimal("0.0016")));
    assertThat(BitstampTradingFees.parse(json.readTree(fixture("bitstamp/trading-fees.json"))))
        .containsExactly(Map.entry("btcusd", new BigDecimal("0.0016")));
  }
}
