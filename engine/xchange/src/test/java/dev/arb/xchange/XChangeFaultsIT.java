package dev.arb.xchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.arb.xchange.VenueTestSupport.BITSTAMP_BOOK_TIME;
import static dev.arb.xchange.VenueTestSupport.exchange;
import static dev.arb.xchange.VenueTestSupport.options;
import static dev.arb.xchange.VenueTestSupport.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.path.GraphOptions;
import dev.arb.engine.path.PathGraph;
import dev.arb.engine.path.PathOptimizer;
import dev.arb.engine.path.PathQuery;
import dev.arb.engine.path.PathSearchResult;
import dev.arb.engine.port.VenueHealth;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Timeouts, 429, 5xx, malformed and bad books, staleness and a down exchange, per market. */
class XChangeFaultsIT {
  private static final String ETH = "/api/v2/order_book/ethusd/";
  private static final String USDT = "/api/v2/order_book/usdtusd/";

  @TempDir Path dataDir;
  WireMockServer server;
  VenueTestSupport.RecordingSleeper sleeper = new VenueTestSupport.RecordingSleeper();
  Instant now = BITSTAMP_BOOK_TIME.plusSeconds(2);

  @BeforeEach
  void start() {
    server = VenueTestSupport.server();
    VenueTestSupport.bitstamp(server);
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private MarketSnapshot scanBitstamp() {
    return scanBitstamp(Duration.ofSeconds(5));
  }

  private MarketSnapshot scanBitstamp(Duration requestTimeout) {
    try (XChangeMarketDataSource src =
        source(
            options(dataDir, now, sleeper),
            exchange("bitstamp", server.baseUrl(), requestTimeout, "ETH/USD", "USDT/USD"))) {
      return src.snapshot();
    }
  }

  private void body(String path, int status, String body) {
    server.stubFor(
        get(urlPathEqualTo(path))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)));
  }

  @Test
  void timeoutIsRetriedThenReportedWithEndpointWhileOtherMarketsLoad() {
    server.stubFor(
        get(urlPathEqualTo(ETH))
            .willReturn(
                aResponse()
                    .withFixedDelay(3_000)
                    .withBody(VenueTestSupport.fixture("bitstamp/order_book_ethusd.json"))));
    // metadata first, so that a slow first request of the JVM does not count against the timeout
    scanBitstamp();
    server.resetRequests();
    MarketSnapshot s = scanBitstamp(Duration.ofMillis(300));
    assertThat(s.books()).extracting(b -> b.market().id()).containsExactly("bitstamp:USDT/USD");
    assertThat(s.problems()).hasSize(1);
    assertThat(s.problems().get(0))
        .startsWith("bitstamp:ETH/USD: GET /api/v2/order_book/ethusd/ timed out")
        .endsWith("(after 3 attempts)");
    server.verify(3, getRequestedFor(urlPathEqualTo(ETH)));
  }

  @Test
  void rateLimitedRequestWaitsRetryAfterThenSucceeds() {
    server.stubFor(
        get(urlPathEqualTo(ETH))
            .inScenario("429")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse().withStatus(429).withHeader("Retry-After", "7").withBody("slow down"))
            .willSetStateTo("ok"));
    server.stubFor(
        get(urlPathEqualTo(ETH))
            .inScenario("429")
            .whenScenarioStateIs("ok")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(VenueTestSupport.fixture("bitstamp/order_book_ethusd.json"))));
    MarketSnapshot s = scanBitstamp();
    assertThat(s.problems()).isEmpty();
    assertThat(s.books()).hasSize(2);
    server.verify(2, getRequestedFor(urlPathEqualTo(ETH)));
    // backoff alone is at most 2s (maxDelay); the 7s wait is the server's Retry-After
    assertThat(sleeper.waits).contains(Duration.ofSeconds(7));
  }

  @Test
  void retryAfterLongerThanArbWaitsFailsTheRequest() {
    server.stubFor(
        get(urlPathEqualTo(ETH))
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
    MarketSnapshot s = scanBitstamp();
    assertThat(s.problems())
        .singleElement()
        .asString()
        .contains("rate limited (HTTP 429)")
        .contains("server asks to wait 3600s, more than the 30s arb waits");
    server.verify(1, getRequestedFor(urlPathEqualTo(ETH)));
  }

  @Test
  void serverErrorThenSuccessIsRetriedWithBackoff() {
    server.stubFor(
        get(urlPathEqualTo(ETH))
            .inScenario("500")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(500).withBody("oops"))
            .willSetStateTo("ok"));
    server.stubFor(
        get(urlPathEqualTo(ETH))
            .inScenario("500")
            .whenScenarioStateIs("ok")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(VenueTestSupport.fixture("bitstamp/order_book_ethusd.json"))));
    MarketSnapshot s = scanBitstamp();
    assertThat(s.problems()).isEmpty();
    assertThat(s.books()).hasSize(2);
    server.verify(2, getRequestedFor(urlPathEqualTo(ETH)));
    // first backoff: between half and all of the 100ms base delay
    assertThat(sleeper.waits).hasSize(1);
    assertThat(sleeper.waits.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
  }

  @Test
  void malformedJsonIsReportedWithExchangeAndEndpointAndNotRetried() {
    body(ETH, 200, "{\"timestamp\": \"1641343695\", \"bids\": [[\"3802.90\", \"0.6\"], ");
    MarketSnapshot s = scanBitstamp();
    assertThat(s.books()).extracting(b -> b.market().id()).containsExactly("bitstamp:USDT/USD");
    assertThat(s.problems())
        .singleElement()
        .asString()
        .startsWith("bitstamp:ETH/USD: GET /api/v2/order_book/ethusd/ malformed response");
    server.verify(1, getRequestedFor(urlPathEqualTo(ETH)));
  }

  @Test
  void emptyBookIsReported() {
    body(ETH, 200, "{\"timestamp\": \"1641343695\", \"bids\": [], \"asks\": []}");
    assertThat(scanBitstamp().problems())
        .containsExactly("bitstamp:ETH/USD: empty book (no bids and no asks); not used");
  }

  @Test
  void crossedBookIsReported() {
    body(
        ETH,
        200,
        "{\"timestamp\": \"1641343695\", \"bids\": [[\"3900.00\", \"1\"]],"
            + " \"asks\": [[\"3805.47\", \"2\"]]}");
    assertThat(scanBitstamp().problems())
        .containsExactly(
            "bitstamp:ETH/USD: crossed book: best bid 3900 >= best ask 3805.47; not used");
  }

  @Test
  void staleBookIsReportedNotDropped() {
    now = BITSTAMP_BOOK_TIME.plusSeconds(60);
    MarketSnapshot s = scanBitstamp();
    assertThat(s.books()).isEmpty();
    assertThat(s.problems())
        .contains(
            "bitstamp:ETH/USD: stale book: exchange time 2022-01-05T00:48:15Z is 60s before it"
                + " was received (2022-01-05T00:49:15Z), more than max-book-age 10s; not used");
  }

  @Test
  void exchangeThatKeepsFailingIsMarkedDownAndSkipped() {
    server.stubFor(
        get(urlPathEqualTo(ETH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    server.stubFor(
        get(urlPathEqualTo(USDT))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    try (XChangeMarketDataSource src =
        source(
            options(dataDir, now, sleeper),
            exchange("bitstamp", server.baseUrl(), "ETH/USD", "USDT/USD"))) {
      src.snapshot();
      src.snapshot();
      int ethBefore =
          server.countRequestsMatching(getRequestedFor(urlPathEqualTo(ETH)).build()).getCount();
      MarketSnapshot third = src.snapshot();
      // the third snapshot sends nothing: the breaker is open
      assertThat(
              server.countRequestsMatching(getRequestedFor(urlPathEqualTo(ETH)).build()).getCount())
          .isPositive()
          .isEqualTo(ethBefore);
      VenueHealth h = src.health().get(0);
      assertThat(h.state()).isEqualTo(VenueHealth.State.DOWN);
      assertThat(h.retryAt()).contains(now.plusSeconds(60));
      assertThat(h.lastError().orElseThrow()).contains("cannot connect");
      assertThat(third.problems())
          .singleElement()
          .asString()
          .startsWith("bitstamp: exchange down after repeated failures (last: bitstamp:ETH/USD");
    }
  }

  @Test
  void twoExchangesScannedTogetherGiveThePlantedCrossExchangeCycle() {
    WireMockServer kraken = VenueTestSupport.server();
    try {
      VenueTestSupport.kraken(kraken);
      // planted: Kraken bids for ETH above Bitstamp's recorded asks
      VenueTestSupport.json(
          kraken,
          "/0/public/Depth",
          "{\"error\":[],\"result\":{\"XETHZUSD\":{"
              + "\"asks\":[[\"3851.00\",\"1.0\",1641343690]],"
              + "\"bids\":[[\"3850.00\",\"1.5\",1641343690],[\"3849.00\",\"2.0\",1641343690]]}}}");
      try (XChangeMarketDataSource src =
          source(
              options(dataDir, now, sleeper),
              exchange("bitstamp", server.baseUrl(), "ETH/USD"),
              exchange("kraken", kraken.baseUrl(), "ETH/USD"))) {
        MarketSnapshot s = src.snapshot();
        assertThat(s.problems()).isEmpty();
        // arb's graph keeps each exchange's assets apart; transfer edges join them
        PathSearchResult r =
            PathOptimizer.search(
                PathGraph.build(s, GraphOptions.withTransfers(0)),
                new PathQuery(4, 5, List.of(Asset.of("USD")), OptionalDouble.of(0), true));
        Cycle best = r.best().orElseThrow();
        assertThat(best.exchanges()).containsExactlyInAnyOrder("bitstamp", "kraken");
        assertThat(best.assets()).extracting(Asset::code).contains("USD", "ETH");
        // 3850 / 3805.47 after the 0.4 % and 0.26 % taker fees: about 50 bp
        assertThat(best.returnBp()).isBetween(49.0, 52.0);
      }
    } finally {
      kraken.stop();
    }
  }

  @Test
  void stubStoppedMidScanGivesAClearErrorForItAndResultsFromTheOther() {
    WireMockServer kraken = VenueTestSupport.server();
    try {
      VenueTestSupport.kraken(kraken);
      try (XChangeMarketDataSource src =
          source(
              options(dataDir, now, sleeper),
              exchange("bitstamp", server.baseUrl(), "ETH/USD"),
              exchange("kraken", kraken.baseUrl(), "XMR/USD"))) {
        assertThat(src.snapshot().books()).hasSize(2);
        server.stop();
        MarketSnapshot s = src.snapshot();
        assertThat(s.books()).extracting(b -> b.market().id()).containsExactly("kraken:XMR/USD");
        assertThat(s.problems())
            .singleElement()
            .asString()
            .startsWith("bitstamp:ETH/USD: GET /api/v2/order_book/ethusd/ cannot connect");
        assertThat(src.health())
            .extracting(VenueHealth::exchange, VenueHealth::state)
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple("bitstamp", VenueHealth.State.DEGRADED),
                org.assertj.core.groups.Tuple.tuple("kraken", VenueHealth.State.UP));
      }
    } finally {
      kraken.stop();
    }
  }
}
