package dev.arb.xchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.arb.xchange.VenueTestSupport.exchange;
import static dev.arb.xchange.VenueTestSupport.fixture;
import static dev.arb.xchange.VenueTestSupport.options;
import static dev.arb.xchange.VenueTestSupport.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.port.VenueHealth;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real XChange Binance and Coinbase (coinbasepro) adapters against recorded responses on
 * 127.0.0.1.
 *
 * <p>Binance: the only recorded exchangeInfo is Binance.US's (same API as binance.com), the only
 * recorded depth bodies are binance.com's, and none of those depth symbols trades on Binance.US. A
 * depth body carries no symbol, so the recorded LRCBTC body is served as the book of Binance.US's
 * ETH/BTC: the test proves the adapter reads a real full-depth response exactly; the prices are
 * LRC's. Coinbase: products and ticker are XChange's recorded fixtures; no Coinbase book was
 * recorded, so the level-2 book below is written by hand in Coinbase's documented format.
 */
class XChangeBinanceCoinbaseIT {
  static final String COINBASE_BOOK =
      """
      {"sequence": 3,
       "bids": [["295.96", "4.39088265", 2], ["295.95", "0.26", 1], ["295.5", "10", 3]],
       "asks": [["295.97", "25.23542881", 12], ["296.00", "1.5", 1]]}
      """;

  @TempDir Path dataDir;
  WireMockServer server;
  VenueTestSupport.RecordingSleeper sleeper = new VenueTestSupport.RecordingSleeper();
  final Instant now = Instant.parse("2021-10-12T00:28:40Z");

  @BeforeEach
  void start() {
    server = VenueTestSupport.server();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  static void binance(WireMockServer s) {
    VenueTestSupport.json(
        s, "/api/v3/exchangeInfo", fixture("binance/exchangeInfo_binance_us.json"));
    s.stubFor(
        get(urlPathEqualTo("/api/v3/depth"))
            .withQueryParam("symbol", equalTo("ETHBTC"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(fixture("binance/depth_LRCBTC.json"))));
  }

  static void coinbase(WireMockServer s) {
    VenueTestSupport.json(s, "/products", fixture("coinbase/products.json"));
    s.stubFor(
        get(urlPathEqualTo("/products/ETH-USD/book"))
            .withQueryParam("level", equalTo("2"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(COINBASE_BOOK)));
  }

  @Test
  void binanceLoadsExchangeInfoLotTickMinimumsAndFullDepthBook() {
    binance(server);
    try (XChangeMarketDataSource src =
        source(
            options(dataDir, now, sleeper),
            exchange("binance", server.baseUrl(), "ETH/BTC", "BTC/USD"))) {
      MarketSnapshot s = src.snapshot();
      // BTC/USD has metadata but no stubbed book: reported with exchange, market and endpoint
      assertThat(s.problems())
          .singleElement()
          .asString()
          .startsWith("binance:BTC/USD: GET /api/v3/depth?symbol=BTCUSD ");
      OrderBook b = s.books().get(0);
      assertThat(b.market().id()).isEqualTo("binance:ETH/BTC");
      assertThat(b.bids()).hasSize(176);
      assertThat(b.asks()).hasSize(1000);
      assertThat(b.bids().get(0)).isEqualTo(BookLevel.of("0.00000637", "6500"));
      assertThat(b.asks().get(0)).isEqualTo(BookLevel.of("0.00000638", "24365"));
      assertThat(b.bids().get(175)).isEqualTo(BookLevel.of("0.00000001", "300000"));
      // no snapshot time in Binance's depth: as of receipt
      assertThat(b.observedAt()).isEqualTo(now);
      // ETHBTC's filters: LOT_SIZE 0.001, PRICE_FILTER 0.000001, MIN_NOTIONAL 0.0001
      assertThat(b.market().lotSize()).isEqualByComparingTo("0.001");
      assertThat(b.market().tickSize()).isEqualByComparingTo("0.000001");
      assertThat(b.market().minAmount()).isEqualByComparingTo("0.001");
      assertThat(b.market().minNotional()).isEqualByComparingTo("0.0001");
      // XChange's constant 0.1 (percent) is not read as a 10 % fee: lowest public tier 0.10 %
      assertThat(b.market().takerFee()).isEqualByComparingTo("0.001");
      server.verify(
          getRequestedFor(urlPathEqualTo("/api/v3/depth"))
              .withQueryParam("symbol", equalTo("ETHBTC"))
              .withQueryParam("limit", equalTo("100")));
    }
  }

  @Test
  void binanceMarketsNotTradingAreNotMarkets() {
    binance(server);
    try (XChangeMarketDataSource src =
        source(options(dataDir, now, sleeper), exchange("binance", server.baseUrl(), "XRP/USD"))) {
      // XRPUSD has status BREAK in the recorded exchangeInfo
      assertThat(src.snapshot().problems())
          .containsExactly(
              "binance:XRP/USD: not a market of binance (check arb.exchanges.binance.markets)");
    }
  }

  @Test
  void coinbaseLoadsProductsAndLevel2Book() {
    coinbase(server);
    try (XChangeMarketDataSource src =
        source(options(dataDir, now, sleeper), exchange("coinbase", server.baseUrl(), "ETH/USD"))) {
      MarketSnapshot s = src.snapshot();
      assertThat(s.problems()).isEmpty();
      OrderBook b = s.books().get(0);
      assertThat(b.market().id()).isEqualTo("coinbase:ETH/USD");
      assertThat(b.bids())
          .containsExactly(
              BookLevel.of("295.96", "4.39088265"),
              BookLevel.of("295.95", "0.26"),
              BookLevel.of("295.5", "10"));
      assertThat(b.asks())
          .containsExactly(BookLevel.of("295.97", "25.23542881"), BookLevel.of("296", "1.5"));
      assertThat(b.observedAt()).isEqualTo(now);
      // products.json: quote_increment 0.01, base_min_size 0.001, no base_increment (lot unknown)
      assertThat(b.market().tickSize()).isEqualByComparingTo("0.01");
      assertThat(b.market().minAmount()).isEqualByComparingTo("0.001");
      assertThat(b.market().lotSize()).isEqualByComparingTo("0");
      // XChange's constant 0.50 (percent) is not read as a 50 % fee: lowest public tier 0.60 %
      assertThat(b.market().takerFee()).isEqualByComparingTo("0.006");
      assertThat(src.health()).extracting(VenueHealth::state).containsExactly(VenueHealth.State.UP);
      // one metadata request: /products only
      server.verify(1, getRequestedFor(urlPathEqualTo("/products")));
      server.verify(0, getRequestedFor(urlPathEqualTo("/currencies")));
    }
  }

  @Test
  void coinbaseReadsTheTenRecordedProducts() {
    coinbase(server);
    try (XChangeMarketDataSource src =
        source(options(dataDir, now, sleeper), exchange("coinbase", server.baseUrl()))) {
      MarketSnapshot s = src.snapshot();
      // all 10 products are online; only ETH-USD has a book stub, the 9 others fail with 404
      assertThat(s.problems()).hasSize(9);
      assertThat(s.problems())
          .anySatisfy(
              p ->
                  assertThat(p).startsWith("coinbase:BTC/GBP: GET /products/BTC-GBP/book?level=2"));
      assertThat(s.books()).extracting(x -> x.market().id()).containsExactly("coinbase:ETH/USD");
    }
  }
}
