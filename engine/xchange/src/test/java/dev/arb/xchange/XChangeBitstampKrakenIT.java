package dev.arb.xchange;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.arb.xchange.VenueTestSupport.BITSTAMP_BOOK_TIME;
import static dev.arb.xchange.VenueTestSupport.exchange;
import static dev.arb.xchange.VenueTestSupport.options;
import static dev.arb.xchange.VenueTestSupport.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.port.VenueHealth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real XChange Bitstamp and Kraken adapters against recorded responses on 127.0.0.1. */
class XChangeBitstampKrakenIT {
  @TempDir Path dataDir;
  WireMockServer server;
  VenueTestSupport.RecordingSleeper sleeper = new VenueTestSupport.RecordingSleeper();

  @BeforeEach
  void start() {
    server = VenueTestSupport.server();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void bitstampLoadsMetadataFeeAndFullDepthBookExactly() {
    VenueTestSupport.bitstamp(server);
    Instant now = BITSTAMP_BOOK_TIME.plusSeconds(2);
    try (XChangeMarketDataSource src =
        source(
            options(dataDir, now, sleeper),
            exchange("bitstamp", server.baseUrl(), "ETH/USD", "USDT/USD"))) {
      MarketSnapshot s = src.snapshot();
      assertThat(s.problems()).isEmpty();
      assertThat(s.books()).hasSize(2);
      OrderBook eth = s.books().get(0);
      assertThat(eth.market().id()).isEqualTo("bitstamp:ETH/USD");
      assertThat(eth.bids()).hasSize(2023);
      assertThat(eth.asks()).hasSize(1971);
      assertThat(eth.bids().get(0)).isEqualTo(BookLevel.of("3802.90", "0.60000000"));
      assertThat(eth.asks().get(0)).isEqualTo(BookLevel.of("3805.47", "8.26964788"));
      assertThat(eth.observedAt()).isEqualTo(BITSTAMP_BOOK_TIME);
      assertThat(eth.market().takerFee()).isEqualByComparingTo("0.004");
      assertThat(eth.market().lotSize()).isEqualByComparingTo("0.00000001");
      assertThat(eth.market().tickSize()).isEqualByComparingTo("0.01");
      assertThat(eth.market().minNotional()).isEqualByComparingTo("20");
      assertThat(s.books().get(1).market().tickSize()).isEqualByComparingTo("0.00001");
      assertThat(src.health()).extracting(VenueHealth::state).containsExactly(VenueHealth.State.UP);
    }
  }

  @Test
  void krakenLoadsAssetPairsFeeTierAndFullDepthBook() {
    VenueTestSupport.kraken(server);
    Instant now = Instant.parse("2021-04-17T16:48:55Z");
    try (XChangeMarketDataSource src =
        source(options(dataDir, now, sleeper), exchange("kraken", server.baseUrl(), "XMR/USD"))) {
      MarketSnapshot s = src.snapshot();
      assertThat(s.problems()).isEmpty();
      OrderBook xmr = s.books().get(0);
      assertThat(xmr.market().id()).isEqualTo("kraken:XMR/USD");
      assertThat(xmr.bids()).hasSize(654);
      assertThat(xmr.asks()).hasSize(429);
      assertThat(xmr.bids().get(0)).isEqualTo(BookLevel.of("354.16", "1.4"));
      assertThat(xmr.market().takerFee()).isEqualByComparingTo("0.0026");
      assertThat(xmr.market().minAmount()).isEqualByComparingTo("0.05");
      assertThat(xmr.market().lotSize()).isEqualByComparingTo("0.00000001");
      assertThat(xmr.market().tickSize()).isEqualByComparingTo("0.01");
      // Kraken gives no snapshot time: the book is as of its receipt
      assertThat(xmr.observedAt()).isEqualTo(now);
      server.verify(
          1,
          getRequestedFor(urlPathEqualTo("/0/public/Depth")).withQueryParam("count", equal("500")));
    }
  }

  @Test
  void krakenXbtIsBtcAndUnknownMarketIsReported() {
    VenueTestSupport.kraken(server);
    VenueTestSupport.json(
        server, "/0/public/Depth", VenueTestSupport.fixture("kraken/Depth_XXBTZEUR.json"));
    Instant now = Instant.parse("2021-04-17T16:48:55Z");
    try (XChangeMarketDataSource src =
        source(
            options(dataDir, now, sleeper),
            exchange("kraken", server.baseUrl(), "XBT/EUR", "FOO/USD"))) {
      MarketSnapshot s = src.snapshot();
      assertThat(s.books()).extracting(b -> b.market().id()).containsExactly("kraken:BTC/EUR");
      assertThat(s.books().get(0).asks().get(0)).isEqualTo(BookLevel.of("530.75513", "0.248"));
      assertThat(s.problems())
          .containsExactly(
              "kraken:FOO/USD: not a market of kraken (check arb.exchanges.kraken.markets)");
    }
  }

  @Test
  void metadataIsCachedOnDiskAndReusedWithinTtl() throws Exception {
    VenueTestSupport.bitstamp(server);
    Instant now = BITSTAMP_BOOK_TIME.plusSeconds(1);
    for (int i = 0; i < 2; i++) {
      try (XChangeMarketDataSource src =
          source(
              options(dataDir, now, sleeper), exchange("bitstamp", server.baseUrl(), "ETH/USD"))) {
        assertThat(src.snapshot().books()).hasSize(1);
      }
    }
    server.verify(1, getRequestedFor(urlPathEqualTo("/api/v2/trading-pairs-info/")));
    server.verify(2, getRequestedFor(urlPathEqualTo("/api/v2/order_book/ethusd/")));
    Path cached = dataDir.resolve("exchanges/bitstamp.markets.json");
    assertThat(Files.readString(cached)).contains("\"base\" : \"ETH\"").contains(server.baseUrl());
    // past the TTL (24h) it is fetched again
    try (XChangeMarketDataSource src =
        source(
            options(dataDir, now.plusSeconds(25 * 3600), sleeper),
            exchange("bitstamp", server.baseUrl(), "ETH/USD"))) {
      src.snapshot();
    }
    server.verify(2, getRequestedFor(urlPathEqualTo("/api/v2/trading-pairs-info/")));
  }

  private static com.github.tomakehurst.wiremock.matching.StringValuePattern equal(String v) {
    return com.github.tomakehurst.wiremock.client.WireMock.equalTo(v);
  }
}
