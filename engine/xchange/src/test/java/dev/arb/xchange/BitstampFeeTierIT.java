package dev.arb.xchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.arb.xchange.VenueTestSupport.BITSTAMP_BOOK_TIME;
import static dev.arb.xchange.VenueTestSupport.fixture;
import static dev.arb.xchange.VenueTestSupport.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.arb.config.ExchangeConfig;
import dev.arb.config.SecretRef;
import dev.arb.config.SecretResolver;
import dev.arb.engine.model.MarketSnapshot;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bitstamp's account fee tier ({@code POST /api/v2/fees/trading/}, signed with the key from the
 * environment) replaces the public lowest-tier fee of the polled markets.
 */
class BitstampFeeTierIT {
  static final String KEY = "arb-test-bitstamp-key-P4m9";
  static final String SECRET = "arb-test-bitstamp-secret-only-for-tests";
  static final Map<String, String> ENV =
      Map.of("ARB_BITSTAMP_API_KEY", KEY, "ARB_BITSTAMP_API_SECRET", SECRET);

  @TempDir Path dataDir;
  WireMockServer server;

  @BeforeEach
  void start() {
    server = VenueTestSupport.server();
    VenueTestSupport.bitstamp(server);
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private XChangeMarketDataSource source() {
    ExchangeConfig cfg =
        ExchangeConfig.builder("bitstamp")
            .markets(List.of("ETH/USD"))
            .baseUrl(server.baseUrl())
            .keys(
                new SecretRef.Env("ARB_BITSTAMP_API_KEY"),
                new SecretRef.Env("ARB_BITSTAMP_API_SECRET"))
            .rateLimit(new BigDecimal("1000"))
            .requestTimeout(Duration.ofSeconds(5))
            .build();
    return XChangeMarketDataSource.create(
        List.of(cfg),
        new SecretResolver(ENV),
        options(dataDir, BITSTAMP_BOOK_TIME, new VenueTestSupport.RecordingSleeper()));
  }

  private void fees(int status, String body) {
    server.stubFor(
        post(urlPathEqualTo("/api/v2/fees/trading/"))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)));
  }

  @Test
  void accountFeeTierReplacesThePublicFee() {
    // the recorded response gives btcusd maker 0.15 %, taker 0.16 %; served for the polled ethusd
    fees(200, fixture("bitstamp/trading-fees.json").replace("btcusd", "ethusd"));
    try (XChangeMarketDataSource src = source()) {
      MarketSnapshot s = src.snapshot();
      assertThat(s.problems()).isEmpty();
      // Bitstamp's lowest public tier is 0.40 %; the account's is 0.16 %
      assertThat(s.books().get(0).market().takerFee()).isEqualByComparingTo("0.0016");
      assertThat(src.notes()).contains("bitstamp: taker fee of the account's tier for 1 markets");
      server.verify(
          postRequestedFor(urlPathEqualTo("/api/v2/fees/trading/"))
              .withHeader("X-Auth", equalTo("BITSTAMP " + KEY))
              .withHeader("X-Auth-Signature", matching("[0-9A-Fa-f]{64}"))
              .withHeader("X-Auth-Version", equalTo("v2"))
              .withHeader("X-Auth-Nonce", matching(".+")));
      assertThat(s.toString()).doesNotContain(KEY).doesNotContain(SECRET);
    }
  }

  @Test
  void refusedFeeCallKeepsPublicFeesAndSaysSoOnceWithoutTheKey() {
    // a recorded Bitstamp error body
    fees(403, "{\"error\": \"API access disabled. Check your user settings.\"}");
    try (XChangeMarketDataSource src = source()) {
      MarketSnapshot first = src.snapshot();
      assertThat(first.books().get(0).market().takerFee()).isEqualByComparingTo("0.004");
      assertThat(first.problems())
          .singleElement()
          .asString()
          .startsWith(
              "bitstamp: account fee tier not read, using public fees: POST"
                  + " /api/v2/fees/trading/ ")
          .contains("API access disabled")
          .doesNotContain(KEY)
          .doesNotContain(SECRET);
      assertThat(src.snapshot().problems()).isEmpty();
    }
  }
}
