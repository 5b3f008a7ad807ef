package dev.arb.xchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.arb.xchange.VenueTestSupport.fixture;
import static dev.arb.xchange.VenueTestSupport.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.arb.config.ExchangeConfig;
import dev.arb.config.SecretRef;
import dev.arb.config.SecretResolver;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.port.AccountBalances;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Private endpoints: Kraken balances through XChange's AccountService with keys from the env. */
class XChangeBalancesIT {
  static final String KEY = "arb-test-key-Zq7Xw3";
  static final String SECRET = "c2VjcmV0LWZvci1hcmItdGVzdHMtb25seQ==";
  static final Map<String, String> ENV =
      Map.of("ARB_KRAKEN_API_KEY", KEY, "ARB_KRAKEN_API_SECRET", SECRET);

  @TempDir Path dataDir;
  WireMockServer server;
  final Instant now = Instant.parse("2021-04-17T16:48:55Z");

  @BeforeEach
  void start() {
    server = VenueTestSupport.server();
    VenueTestSupport.kraken(server);
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private void privateCall(String path, String body) {
    server.stubFor(
        post(urlPathEqualTo(path))
            .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body)));
  }

  static ExchangeConfig kraken(String url, boolean keys) {
    ExchangeConfig.Builder builder =
        ExchangeConfig.builder("kraken")
            .markets(List.of("XMR/USD"))
            .baseUrl(url)
            .rateLimit(new BigDecimal("1000"))
            .requestTimeout(Duration.ofSeconds(5));
    return keys
        ? builder
            .keys(
                new SecretRef.Env("ARB_KRAKEN_API_KEY"), new SecretRef.Env("ARB_KRAKEN_API_SECRET"))
            .build()
        : builder.build();
  }

  private XChangeMarketDataSource source(boolean keys) {
    return XChangeMarketDataSource.create(
        List.of(kraken(server.baseUrl(), keys)),
        new SecretResolver(ENV),
        options(dataDir, now, new VenueTestSupport.RecordingSleeper()));
  }

  @Test
  void krakenBalancesAreReadWithTheKeyFromTheEnvironment() {
    privateCall("/0/private/Balance", fixture("kraken/Balance.json"));
    privateCall("/0/private/TradeBalance", fixture("kraken/TradeBalance.json"));
    try (XChangeMarketDataSource src = source(true)) {
      List<AccountBalances> b = src.balances();
      assertThat(b).hasSize(1);
      assertThat(b.get(0).problem()).isEmpty();
      assertThat(b.get(0).exchange()).isEqualTo("kraken");
      // recorded: ZEUR 1.0539, XXBT 0.4888583300 (Kraken's names), XTSTCUR 10.123
      assertThat(b.get(0).available().get("BTC")).isEqualByComparingTo("0.48885833");
      assertThat(b.get(0).available().get("EUR")).isEqualByComparingTo("1.0539");
      assertThat(b.get(0).available()).doesNotContainKeys("XXBT", "ZEUR");
      // the key went to Kraken in its header, signed, and nowhere else
      server.verify(
          postRequestedFor(urlPathEqualTo("/0/private/Balance"))
              .withHeader("API-Key", equalTo(KEY))
              .withHeader(
                  "API-Sign", com.github.tomakehurst.wiremock.client.WireMock.matching(".+")));
      assertThat(b.toString()).doesNotContain(KEY).doesNotContain(SECRET);
    }
  }

  @Test
  void accountFeeTierReplacesThePublicFee() {
    // the recorded TradeVolume gives XXBTZUSD 0.30 % taker; served for the polled XXMRZUSD
    privateCall(
        "/0/private/TradeVolume",
        fixture("kraken/TradeVolume.json").replace("\"XXBTZUSD\"", "\"XXMRZUSD\""));
    try (XChangeMarketDataSource src = source(true)) {
      MarketSnapshot s = src.snapshot();
      assertThat(s.problems()).isEmpty();
      // public AssetPairs lowest tier is 0.26 %; the account's tier is 0.30 %
      assertThat(s.books().get(0).market().takerFee()).isEqualByComparingTo("0.003");
      assertThat(src.notes()).contains("kraken: taker fee of the account's tier for 1 markets");
      server.verify(
          postRequestedFor(urlPathEqualTo("/0/private/TradeVolume"))
              .withHeader("API-Key", equalTo(KEY)));
    }
  }

  @Test
  void feeTierFailureKeepsPublicFeesAndSaysSoOnce() {
    privateCall("/0/private/TradeVolume", "{\"error\":[\"EGeneral:Permission denied\"]}");
    try (XChangeMarketDataSource src = source(true)) {
      MarketSnapshot first = src.snapshot();
      assertThat(first.books().get(0).market().takerFee()).isEqualByComparingTo("0.0026");
      assertThat(first.problems())
          .singleElement()
          .asString()
          .startsWith("kraken: account fee tier not read, using public fees: ")
          .contains("Permission denied")
          .doesNotContain(KEY);
      assertThat(src.snapshot().problems()).isEmpty();
    }
  }

  @Test
  void rejectedKeyIsAProblemWithoutTheKey() {
    privateCall("/0/private/Balance", "{\"error\":[\"EAPI:Invalid key\"]}");
    privateCall("/0/private/TradeBalance", "{\"error\":[\"EAPI:Invalid key\"]}");
    try (XChangeMarketDataSource src = source(true)) {
      AccountBalances b = src.balances().get(0);
      assertThat(b.available()).isEmpty();
      assertThat(b.problem().orElseThrow())
          .startsWith("kraken: cannot read balances: ")
          .contains("Invalid key")
          .endsWith("(check that the key may query funds)")
          .doesNotContain(KEY)
          .doesNotContain(SECRET);
    }
  }

  @Test
  void exchangesWithoutKeysAreLeftOutAndNoPrivateCallIsMade() {
    try (XChangeMarketDataSource src = source(false)) {
      assertThat(src.balances()).isEmpty();
    }
    server.verify(0, postRequestedFor(urlPathEqualTo("/0/private/Balance")));
  }
}
