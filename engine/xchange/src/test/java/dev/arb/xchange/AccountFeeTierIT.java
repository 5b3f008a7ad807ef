package dev.arb.xchange;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.arb.xchange.VenueTestSupport.fixture;
import static dev.arb.xchange.VenueTestSupport.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.arb.config.SecretResolver;
import dev.arb.engine.model.MarketSnapshot;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The account fee tiers of Binance ({@code GET /api/v3/account}, its {@code commissionRates}) and
 * Coinbase ({@code GET /fees}, its {@code taker_fee_rate}) replace the public lowest-tier fees of
 * every market. Both answers are written by hand in the documented format (see {@code
 * fees/README.md}); the markets and books are the recorded ones of {@link
 * XChangeBinanceCoinbaseIT}.
 */
class AccountFeeTierIT {
  static final String KEY = "arb-test-key-Q7d2";
  // Coinbase Exchange's secret is base64
  static final String SECRET = "YXJiLXRlc3Qtc2VjcmV0LW9ubHktZm9yLXRlc3Rz";
  static final Map<String, String> ENV =
      Map.of(
          "ARB_BINANCE_API_KEY", KEY,
          "ARB_BINANCE_API_SECRET", SECRET,
          "ARB_COINBASE_API_KEY", KEY,
          "ARB_COINBASE_API_SECRET", SECRET,
          "ARB_COINBASE_API_PASSPHRASE", "arb-test-passphrase");

  @TempDir Path dataDir;
  WireMockServer server;
  final Instant now = Instant.parse("2021-10-12T00:28:40Z");

  @BeforeEach
  void start() {
    server = VenueTestSupport.server();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private XChangeMarketDataSource source(String exchange, String market) {
    return XChangeMarketDataSource.create(
        List.of(VenueTestSupport.keyed(exchange, server.baseUrl(), market)),
        new SecretResolver(ENV),
        options(dataDir, now, new VenueTestSupport.RecordingSleeper()));
  }

  private void serve(String path, int status, String body) {
    VenueTestSupport.answer(server, get(urlPathEqualTo(path)), status, body);
  }

  /** Binance's markets as a keyed exchange loads them: XChange also asks for the coins' details. */
  private void binance() {
    XChangeBinanceCoinbaseIT.binance(server);
    serve("/sapi/v1/asset/assetDetail", 200, fixture("fees/binance-asset-detail.json"));
  }

  @Test
  void binanceCommissionRatesReplaceThePublicFee() {
    binance();
    serve("/api/v3/account", 200, fixture("fees/binance-account.json"));
    try (XChangeMarketDataSource src = source("binance", "ETH/BTC")) {
      MarketSnapshot s = src.snapshot();
      assertThat(s.problems()).isEmpty();
      // public lowest tier 0.10 %; the account's commissionRates.taker "0.00150000" = 0.15 %
      assertThat(s.books().get(0).market().takerFee()).isEqualByComparingTo("0.0015");
      server.verify(
          VenueTestSupport.binanceSigned(getRequestedFor(urlPathEqualTo("/api/v3/account")), KEY));
      assertThat(s.toString()).doesNotContain(SECRET);
    }
  }

  @Test
  void binanceAccountWithoutCommissionRatesKeepsThePublicFeeAndSaysWhy() {
    binance();
    // an answer of an older API version: takerCommission in basis points, no commissionRates
    serve("/api/v3/account", 200, "{\"makerCommission\":15,\"takerCommission\":15}");
    try (XChangeMarketDataSource src = source("binance", "ETH/BTC")) {
      MarketSnapshot s = src.snapshot();
      assertThat(s.books().get(0).market().takerFee()).isEqualByComparingTo("0.001");
      assertThat(s.problems())
          .singleElement()
          .asString()
          .startsWith("binance: account fee tier not read, using public fees: GET /api/v3/account")
          .contains("without commissionRates.taker")
          .doesNotContain(SECRET);
    }
  }

  @Test
  void coinbaseTakerFeeRateReplacesThePublicFee() {
    XChangeBinanceCoinbaseIT.coinbase(server);
    serve("/fees", 200, fixture("fees/coinbase-fees.json"));
    try (XChangeMarketDataSource src = source("coinbase", "ETH/USD")) {
      MarketSnapshot s = src.snapshot();
      assertThat(s.problems()).isEmpty();
      // public lowest tier 0.60 %; the account's taker_fee_rate "0.0025" = 0.25 %
      assertThat(s.books().get(0).market().takerFee()).isEqualByComparingTo("0.0025");
      server.verify(
          getRequestedFor(urlPathEqualTo("/fees"))
              .withHeader("CB-ACCESS-KEY", equalTo(KEY))
              .withHeader("CB-ACCESS-SIGN", matching(".+"))
              .withHeader("CB-ACCESS-PASSPHRASE", equalTo("arb-test-passphrase")));
    }
  }
}
