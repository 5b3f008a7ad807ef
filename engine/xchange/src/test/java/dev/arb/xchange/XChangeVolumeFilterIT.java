package dev.arb.xchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.arb.xchange.VenueTestSupport.fixture;
import static dev.arb.xchange.VenueTestSupport.options;
import static dev.arb.xchange.VenueTestSupport.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.arb.config.ExchangeConfig;
import dev.arb.engine.model.MarketSnapshot;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "All liquid markets": {@code markets} empty, an asset allow-list and {@code min-volume-24h}, read
 * through XChange's ticker calls. BNBBTC's 24h ticker is XChange's recorded Binance fixture
 * (quoteVolume 15.3 BTC); ETHBTC's is the same body with its symbol and quoteVolume changed, since
 * no ETHBTC ticker was recorded. Coinbase's ticker and stats are XChange's recorded fixtures.
 */
class XChangeVolumeFilterIT {
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

  static ExchangeConfig liquid(String name, String url, BigDecimal minVolume, String... assets) {
    return ExchangeConfig.builder(name)
        .baseUrl(url)
        .assets(List.of(assets))
        .rateLimit(new BigDecimal("1000"))
        .requestTimeout(Duration.ofSeconds(5))
        .minVolume24h(minVolume)
        .build();
  }

  private void binance() {
    VenueTestSupport.json(
        server, "/api/v3/exchangeInfo", fixture("binance/exchangeInfo_binance_us.json"));
    VenueTestSupport.json(server, "/api/v3/depth", fixture("binance/depth_LRCBTC.json"));
    String bnb = fixture("binance/ticker_24hr_BNBBTC.json");
    ticker("BNBBTC", bnb);
    ticker(
        "ETHBTC",
        bnb.replace("\"BNBBTC\"", "\"ETHBTC\"")
            .replace("\"quoteVolume\": \"15.30000000\"", "\"quoteVolume\": \"2.50000000\""));
  }

  private void ticker(String symbol, String body) {
    server.stubFor(
        get(urlPathEqualTo("/api/v3/ticker/24hr"))
            .withQueryParam("symbol", equalTo(symbol))
            .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body)));
  }

  @Test
  void binanceKeepsOnlyAllowedMarketsWithEnoughQuoteVolume() {
    binance();
    try (XChangeMarketDataSource src =
        source(
            options(dataDir, now, sleeper),
            liquid("binance", server.baseUrl(), new BigDecimal("10"), "BNB", "BTC", "ETH"))) {
      MarketSnapshot s = src.snapshot();
      assertThat(s.problems()).isEmpty();
      // BNB/BTC (15.3 BTC) is polled; ETH/BTC (2.5 BTC) is under 10 and is not
      assertThat(s.books()).extracting(b -> b.market().id()).containsExactly("binance:BNB/BTC");
      server.verify(
          1,
          getRequestedFor(urlPathEqualTo("/api/v3/ticker/24hr"))
              .withQueryParam("symbol", equalTo("ETHBTC")));
      server.verify(
          0,
          getRequestedFor(urlPathEqualTo("/api/v3/depth"))
              .withQueryParam("symbol", equalTo("ETHBTC")));
      // only the two allowed markets' tickers are asked for, not the other 119
      server.verify(2, getRequestedFor(urlPathEqualTo("/api/v3/ticker/24hr")));
    }
  }

  @Test
  void tickerReadsAndExchangesSayHowFarTheyAre() {
    binance();
    java.util.List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (XChangeMarketDataSource src =
        source(
            options(dataDir, now, sleeper),
            liquid("binance", server.baseUrl(), new BigDecimal("10"), "BNB", "BTC", "ETH"))) {
      MarketSnapshot s =
          src.snapshotWithProgress(
              (done, total, what) -> told.add(done + "/" + total + " " + what));
      assertThat(s.books()).extracting(b -> b.market().id()).containsExactly("binance:BNB/BTC");
      // the two tickers read (before each read), then the one exchange done
      assertThat(told)
          .containsExactly("0/2 binance: 24h tickers", "1/2 binance: 24h tickers", "1/1 binance");
      told.clear();
      src.snapshot(); // without progress: nobody is told, the markets are known by now
      assertThat(told).isEmpty();
    }
  }

  @Test
  void withoutMinVolumeNoTickerIsRequested() {
    binance();
    try (XChangeMarketDataSource src =
        source(
            options(dataDir, now, sleeper),
            liquid("binance", server.baseUrl(), null, "BNB", "BTC", "ETH"))) {
      assertThat(src.snapshot().books())
          .extracting(b -> b.market().id())
          .containsExactly("binance:BNB/BTC", "binance:ETH/BTC");
      server.verify(0, getRequestedFor(urlPathEqualTo("/api/v3/ticker/24hr")));
    }
  }

  @Test
  void marketWhoseTickerFailsIsReportedAndNotPolled() {
    binance();
    server.stubFor(
        get(urlPathEqualTo("/api/v3/ticker/24hr"))
            .withQueryParam("symbol", equalTo("ETHBTC"))
            .willReturn(aResponse().withStatus(200).withBody("{not json")));
    try (XChangeMarketDataSource src =
        source(
            options(dataDir, now, sleeper),
            liquid("binance", server.baseUrl(), BigDecimal.ONE, "BNB", "BTC", "ETH"))) {
      MarketSnapshot s = src.snapshot();
      assertThat(s.books()).extracting(b -> b.market().id()).containsExactly("binance:BNB/BTC");
      assertThat(s.problems())
          .singleElement()
          .asString()
          .startsWith(
              "binance:ETH/BTC: 24h volume unknown, not polled: GET /api/v3/ticker/24hr?symbol=ETHBTC");
    }
  }

  @Test
  void coinbaseVolumeIsBaseVolumeTimesLastPrice() {
    VenueTestSupport.json(server, "/products", fixture("coinbase/products.json"));
    VenueTestSupport.json(server, "/products/ETH-USD/ticker", fixture("coinbase/ticker.json"));
    VenueTestSupport.json(server, "/products/ETH-USD/stats", fixture("coinbase/stats.json"));
    VenueTestSupport.json(server, "/products/ETH-USD/book", XChangeBinanceCoinbaseIT.COINBASE_BOOK);
    // recorded ticker: volume 4661.70407704 at price 246.28 = 1,148,084.4800934112 USD
    for (String min : List.of("1148084.48", "1148084.49")) {
      try (XChangeMarketDataSource src =
          source(
              options(dataDir, now, sleeper),
              liquid("coinbase", server.baseUrl(), new BigDecimal(min), "ETH", "USD"))) {
        MarketSnapshot s = src.snapshot();
        assertThat(s.problems()).isEmpty();
        assertThat(s.books())
            .extracting(b -> b.market().id())
            .isEqualTo(min.equals("1148084.48") ? List.of("coinbase:ETH/USD") : List.of());
      }
    }
  }
}
