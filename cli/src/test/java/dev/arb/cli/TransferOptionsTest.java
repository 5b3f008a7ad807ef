package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.config.TransferConfig;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Transfer;
import dev.arb.engine.model.TransferCosts;
import dev.arb.engine.port.WithdrawalFees;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code --transfers=fees}: configured costs win; the fees the exchanges report fill in the other
 * assets their books trade, for withdrawals from that exchange, and the notes say where each came
 * from.
 */
class TransferOptionsTest {
  private static final Asset BTC = Asset.of("BTC");
  private static final Asset ETH = Asset.of("ETH");
  private static final Asset XRP = Asset.of("XRP");

  private static Transfer read(Asset a, String fee, String min) {
    return new Transfer(
        a, new BigDecimal(fee), BigDecimal.ZERO, new BigDecimal(min), "net", Duration.ZERO);
  }

  private static TransferConfig configured(String key, String fee) {
    return new TransferConfig(
        key, new BigDecimal(fee), BigDecimal.ZERO, BigDecimal.ZERO, "", Duration.ofMinutes(30));
  }

  @Test
  void configuredCostsWinAndReadFeesFillTheRestFromTheirExchange() {
    Map<String, TransferConfig> cfg =
        Map.of(
            "BTC",
            configured("BTC", "0.0005"),
            "ETH:binance>kraken",
            configured("ETH:binance>kraken", "0.004"));
    List<WithdrawalFees> read =
        List.of(
            new WithdrawalFees(
                "bitstamp",
                "POST /api/v2/fees/withdrawal/",
                Map.of(
                    BTC, read(BTC, "0.00015", "0"),
                    ETH, read(ETH, "0.00120000", "0"),
                    XRP, read(XRP, "0.25", "0")),
                Optional.empty()),
            new WithdrawalFees(
                "binance",
                "GET /sapi/v1/capital/config/getall",
                Map.of(ETH, read(ETH, "0.0016", "0.0032")),
                Optional.empty()),
            new WithdrawalFees(
                "kraken",
                "x",
                Map.of(),
                Optional.of("kraken: withdrawal fees not read: x request rejected (HTTP 401)")));
    Map<String, Set<Asset>> held =
        Map.of(
            "bitstamp", Set.of(BTC, ETH, Asset.of("USD")),
            "binance", Set.of(BTC, ETH, Asset.of("USDT")),
            "kraken", Set.of(ETH, Asset.of("USD")));
    List<String> notes = new ArrayList<>();

    TransferCosts costs = TransferOptions.of(cfg, read, held, notes);

    // configured BTC applies everywhere, over Bitstamp's own 0.00015
    assertThat(costs.find(BTC, "bitstamp", "binance").orElseThrow().fixedFee())
        .isEqualByComparingTo("0.0005");
    // Bitstamp's ETH fee for withdrawals from Bitstamp, to each other exchange
    assertThat(costs.find(ETH, "bitstamp", "kraken")).contains(read(ETH, "0.00120000", "0"));
    assertThat(costs.find(ETH, "bitstamp", "binance")).contains(read(ETH, "0.00120000", "0"));
    // Binance's for withdrawals from Binance, except the configured route to Kraken
    assertThat(costs.find(ETH, "binance", "bitstamp")).contains(read(ETH, "0.0016", "0.0032"));
    assertThat(costs.find(ETH, "binance", "kraken").orElseThrow().fixedFee())
        .isEqualByComparingTo("0.004");
    // Kraken reported nothing: its ETH is not moved; XRP is in no book: not used
    assertThat(costs.find(ETH, "kraken", "bitstamp")).isEmpty();
    assertThat(costs.find(XRP, "bitstamp", "kraken")).isEmpty();
    assertThat(notes)
        .containsExactly(
            "transfers: withdrawal fees read from bitstamp (POST /api/v2/fees/withdrawal/): ETH"
                + " 0.0012; arb.transfers wins for BTC",
            "transfers: withdrawal fees read from binance (GET /sapi/v1/capital/config/getall):"
                + " ETH 0.0016 (minimum 0.0032)",
            "transfers: kraken: withdrawal fees not read: x request rejected (HTTP 401)");
  }

  @Test
  void withoutReadFeesTheConfiguredCostsAreUnchanged() {
    Map<String, TransferConfig> cfg = Map.of("BTC", configured("BTC", "0.0005"));
    List<String> notes = new ArrayList<>();
    TransferCosts costs =
        TransferOptions.of(cfg, List.of(), Map.of("a", Set.of(BTC), "b", Set.of(BTC)), notes);
    assertThat(costs).isEqualTo(TransferOptions.of(cfg));
    assertThat(notes).isEmpty();
  }
}
