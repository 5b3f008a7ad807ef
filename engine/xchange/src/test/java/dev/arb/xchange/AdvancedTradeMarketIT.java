package dev.arb.xchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.arb.xchange.VenueTestSupport.fixture;
import static dev.arb.xchange.VenueTestSupport.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import dev.arb.config.ExchangeConfig;
import dev.arb.config.SecretRef;
import dev.arb.config.SecretResolver;
import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.error.ConfigException;
import dev.arb.xchange.coinbase.advanced.AdvancedTradeAdapter;
import dev.arb.xchange.coinbase.advanced.TestCdpKeys;
import dev.arb.xchange.spi.VenueMarket;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code arb.exchanges.coinbase.api = advanced-trade}: markets from {@code market/products}, books
 * from {@code market/product_book}, the account's taker rate from {@code transaction_summary}
 * signed with a CDP key, against a stand-in serving answers written by hand in Advanced Trade's
 * documented format (see {@code coinbase-advanced/README.md}).
 */
class AdvancedTradeMarketIT {
  private static final KeyPair KEYS = TestCdpKeys.generate();
  private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");

  @TempDir Path dataDir;
  WireMockServer server;

  @BeforeEach
  void start() {
    server = VenueTestSupport.server();
    VenueTestSupport.json(
        server, "/api/v3/brokerage/market/products", fixture("coinbase-advanced/products.json"));
    server.stubFor(
        get(urlPathEqualTo("/api/v3/brokerage/market/product_book"))
            .withQueryParam("product_id", equalTo("BTC-USD"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(fixture("coinbase-advanced/product_book_BTC-USD.json"))));
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private ExchangeConfig.Builder coinbase() {
    return ExchangeConfig.builder("coinbase")
        .api("advanced-trade")
        .markets(List.of("BTC/USD"))
        .baseUrl(server.baseUrl())
        .rateLimit(new BigDecimal("1000"));
  }

  private XChangeMarketDataSource source(ExchangeConfig cfg, Map<String, String> env) {
    return XChangeMarketDataSource.create(
        List.of(cfg),
        new SecretResolver(env),
        options(dataDir, NOW, new VenueTestSupport.RecordingSleeper()));
  }

  @Test
  void booksAndMarketsAreReadExactlyFromAdvancedTradesPublicCalls() {
    try (XChangeMarketDataSource src = source(coinbase().build(), Map.of())) {
      MarketSnapshot s = src.snapshot();

      assertThat(s.problems()).isEmpty();
      assertThat(s.books()).hasSize(1);
      OrderBook b = s.books().get(0);
      Market m = b.market();
      assertThat(m.id()).isEqualTo("coinbase:BTC/USD");
      // base_increment, price_increment, base_min_size, quote_min_size; public lowest tier 1.2 %
      assertThat(m.lotSize()).isEqualByComparingTo("0.00000001");
      assertThat(m.tickSize()).isEqualByComparingTo("0.01");
      assertThat(m.minNotional()).isEqualByComparingTo("1");
      assertThat(m.takerFee()).isEqualByComparingTo("0.012");
      assertThat(b.bids())
          .containsExactly(
              BookLevel.of("97010.01", "0.01842371"),
              BookLevel.of("97009.5", "0.25"),
              BookLevel.of("97001.00", "1.30000001"));
      assertThat(b.asks())
          .containsExactly(
              BookLevel.of("97012.35", "0.00210001"),
              BookLevel.of("97013", "0.5"),
              BookLevel.of("97020.77", "2.07"));
      assertThat(b.observedAt()).isEqualTo(Instant.parse("2026-11-24T07:59:59.412Z"));
      server.verify(
          getRequestedFor(urlPathEqualTo("/api/v3/brokerage/market/product_book"))
              .withQueryParam("limit", equalTo("100")));
      server.verify(
          getRequestedFor(urlPathEqualTo("/api/v3/brokerage/market/products"))
              .withQueryParam("product_type", equalTo("SPOT")));
      assertThat(s.source()).contains("coinbase (" + server.baseUrl() + ")");
    }
  }

  @Test
  void onlyOnlineSpotProductsBecomeMarkets() throws Exception {
    AdvancedTradeAdapter adapter = new AdvancedTradeAdapter();
    ExchangeConfig cfg = coinbase().build();
    List<VenueMarket> markets =
        adapter.markets(
            XChangeConnection.open(adapter, cfg, XChangeConnection.Credentials.NONE), "coinbase");
    // REP-USD is delisted (trading_disabled, view_only), BIT-28NOV26-CDE a future
    assertThat(markets.stream().map(v -> v.market().id()))
        .containsExactly("coinbase:BTC/USD", "coinbase:ETH/BTC");
    Market ethBtc = markets.get(1).market();
    assertThat(ethBtc.minAmount()).isEqualByComparingTo("0.00022");
    assertThat(ethBtc.minNotional()).isEqualByComparingTo("0.000016");
    assertThat(ethBtc.tickSize()).isEqualByComparingTo("0.00001");
    assertThat(markets.get(1).pair().toString()).isEqualTo("ETH/BTC");
  }

  @Test
  void theAccountsTakerRateIsReadWithAJwtSignedByTheCdpKey() {
    String host = java.net.URI.create(server.baseUrl()).getAuthority();
    server.stubFor(
        get(urlPathEqualTo("/api/v3/brokerage/transaction_summary"))
            .andMatching(
                r ->
                    MatchResult.of(
                        TestCdpKeys.problem(
                                r.getHeader("Authorization"),
                                KEYS.getPublic(),
                                "GET " + host + "/api/v3/brokerage/transaction_summary")
                            .isEmpty()))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(fixture("coinbase-advanced/transaction_summary.json"))));
    ExchangeConfig cfg =
        coinbase()
            .keys(
                new SecretRef.Env("ARB_COINBASE_API_KEY"),
                new SecretRef.Env("ARB_COINBASE_API_SECRET"))
            .build();
    String pem = TestCdpKeys.sec1Pem(KEYS);
    Map<String, String> env =
        Map.of("ARB_COINBASE_API_KEY", TestCdpKeys.KEY_NAME, "ARB_COINBASE_API_SECRET", pem);
    try (XChangeMarketDataSource src = source(cfg, env)) {
      MarketSnapshot s = src.snapshot();
      assertThat(s.problems()).isEmpty();
      // public 1.2 %; the account's fee_tier.taker_fee_rate "0.0025"
      assertThat(s.books().get(0).market().takerFee()).isEqualByComparingTo("0.0025");
      assertThat(s.toString()).doesNotContain("PRIVATE KEY");
    }
    // a token signed by another key is refused by the stand-in: the public fee stays, said why
    Map<String, String> other =
        Map.of(
            "ARB_COINBASE_API_KEY",
            TestCdpKeys.KEY_NAME,
            "ARB_COINBASE_API_SECRET",
            TestCdpKeys.sec1Pem(TestCdpKeys.generate()));
    try (XChangeMarketDataSource src =
        source(cfg.toBuilder().metadataTtl(java.time.Duration.ofNanos(1)).build(), other)) {
      MarketSnapshot s = src.snapshot();
      assertThat(s.books().get(0).market().takerFee()).isEqualByComparingTo("0.012");
      assertThat(s.problems())
          .singleElement()
          .asString()
          .contains("account fee tier not read", "GET /api/v3/brokerage/transaction_summary");
    }
  }

  @Test
  void advancedTradeIsCoinbasesAndPollsOverRest() {
    assertThatThrownBy(
            () -> source(ExchangeConfig.builder("kraken").api("advanced-trade").build(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("arb.exchanges.kraken.api = advanced-trade")
        .hasMessageContaining("advanced-trade is Coinbase's");
    assertThatThrownBy(() -> source(coinbase().streaming(true).build(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("streaming = false");
  }

  @Test
  void balancesAreEachAccountsAvailableAmountReadWithTheCdpKey() {
    String host = java.net.URI.create(server.baseUrl()).getAuthority();
    server.stubFor(
        get(urlPathEqualTo("/api/v3/brokerage/accounts"))
            .andMatching(
                r ->
                    MatchResult.of(
                        TestCdpKeys.problem(
                                r.getHeader("Authorization"),
                                KEYS.getPublic(),
                                "GET " + host + "/api/v3/brokerage/accounts")
                            .isEmpty()))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(fixture("coinbase-advanced/accounts.json"))));
    server.stubFor(
        get(urlPathEqualTo("/api/v3/brokerage/transaction_summary"))
            .willReturn(aResponse().withStatus(401)));
    ExchangeConfig cfg =
        coinbase()
            .keys(
                new SecretRef.Env("ARB_COINBASE_API_KEY"),
                new SecretRef.Env("ARB_COINBASE_API_SECRET"))
            .build();
    Map<String, String> env =
        Map.of(
            "ARB_COINBASE_API_KEY",
            TestCdpKeys.KEY_NAME,
            "ARB_COINBASE_API_SECRET",
            TestCdpKeys.sec1Pem(KEYS));
    try (XChangeMarketDataSource src = source(cfg, env)) {
      var b = src.balances().get(0);
      assertThat(b.problem()).isEmpty();
      // available amounts; the empty ETH account is left out
      assertThat(b.available())
          .containsOnlyKeys("BTC", "USD")
          .hasEntrySatisfying("BTC", v -> assertThat(v).isEqualByComparingTo("0.04120007"))
          .hasEntrySatisfying("USD", v -> assertThat(v).isEqualByComparingTo("1523.77"));
      server.verify(
          getRequestedFor(urlPathEqualTo("/api/v3/brokerage/accounts"))
              .withQueryParam("limit", equalTo("250")));
    }
  }
}
