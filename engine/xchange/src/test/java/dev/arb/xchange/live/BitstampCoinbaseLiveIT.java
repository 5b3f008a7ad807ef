package dev.arb.xchange.live;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.arb.xchange.live.LiveTestSupport.bodies;
import static dev.arb.xchange.live.LiveTestSupport.fixture;
import static dev.arb.xchange.live.LiveTestSupport.market;
import static dev.arb.xchange.live.LiveTestSupport.okJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.Side;
import dev.arb.engine.record.Fill;
import dev.arb.engine.record.JournalEntry;
import dev.arb.engine.record.OrderRequest;
import dev.arb.engine.record.OrderState;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live executor's Bitstamp and Coinbase adapters against stand-ins serving XChange's recorded
 * order responses: Bitstamp has no immediate-or-cancel flag through XChange 5.2.1, so its order is
 * placed and at once cancelled; Coinbase's carries {@code time_in_force=IOC} and a {@code
 * client_oid}.
 */
class BitstampCoinbaseLiveIT {
  @TempDir Path dir;
  private WireMockServer server;
  private MemoryJournal journal;
  private LiveOrderExecutor executor;
  private List<LiveVenue> venues;

  @BeforeEach
  void start() {
    server = LiveTestSupport.server();
    journal = new MemoryJournal();
    venues =
        LiveVenues.create(
            List.of(
                LiveTestSupport.exchange("bitstamp", server.baseUrl() + "/bitstamp"),
                LiveTestSupport.exchange("coinbase", server.baseUrl() + "/coinbase")),
            LiveTestSupport.secrets(),
            LiveTestSupport.options(dir));
    executor = new LiveOrderExecutor(venues, journal, LiveTestSupport.executorOptions());
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void bitstampOrderIsPlacedThenCancelledAndItsFillReadFromTheOrderStatus() {
    // the recorded placement (order 1273070), then Bitstamp's cancel and order_status answers
    server.stubFor(
        post(urlPathEqualTo("/bitstamp/api/v2/buy/ethusd/"))
            .willReturn(okJson(fixture("bitstamp/place-limit-order.json"))));
    server.stubFor(
        post(urlPathEqualTo("/bitstamp/api/v2/cancel_order/"))
            .willReturn(
                okJson(
                    "{\"id\": 1273070, \"amount\": \"0.3\", \"price\": \"2000\", \"type\": 0}")));
    server.stubFor(
        post(urlPathEqualTo("/bitstamp/api/v2/order_status/"))
            .willReturn(
                okJson(
                    "{\"id\": 1273070, \"status\": \"Canceled\", \"transactions\": [{\"tid\":"
                        + " 52344, \"price\": \"2000.00\", \"fee\": \"2.80000\", \"eth\":"
                        + " \"0.35000000\", \"usd\": \"700.00\", \"datetime\": \"2022-01-05"
                        + " 00:48:16\", \"type\": 2}]}")));
    Leg leg = new Leg(market("bitstamp", "ETH", "USD"), Side.BUY);

    Fill f =
        executor.execute(
            new OrderRequest("b1-1", leg, new BigDecimal("1300"), new BigDecimal("2000")));

    // 1300 / (2000 × 1.0026) → 0.64831438 ETH ordered; 0.35 filled for 700 + 2.80 fee
    assertThat(f.orderId()).isEqualTo("1273070");
    assertThat(f.spent()).isEqualByComparingTo("702.8");
    assertThat(f.received()).isEqualByComparingTo("0.35");
    assertThat(f.baseAmount()).isEqualByComparingTo("0.35");
    assertThat(f.averagePrice()).isEqualByComparingTo("2000");
    assertThat(f.fee()).isEqualByComparingTo("0.0014");
    assertThat(f.note()).contains("0.35 of 0.64831438 ETH filled", "canceled");
    List<String> placed = bodies(server, "/bitstamp/api/v2/buy/");
    assertThat(placed).containsExactly("amount=0.64831438&price=2000");
    assertThat(bodies(server, "/bitstamp/api/v2/cancel_order/")).containsExactly("id=1273070");
    JournalEntry j = journal.find("b1-1").orElseThrow();
    assertThat(j.state()).isEqualTo(OrderState.PARTIAL);
    assertThat(j.fee()).isEqualByComparingTo("2.8");
    assertThat(j.feeAsset()).isEqualTo("USD");
  }

  @Test
  void bitstampRejectionIsAnEmptyFillWithItsMessage() {
    server.stubFor(
        post(urlPathEqualTo("/bitstamp/api/v2/sell/ethusd/"))
            .willReturn(okJson(fixture("bitstamp/place-limit-order-error.json"))));
    Leg leg = new Leg(market("bitstamp", "ETH", "USD"), Side.SELL);

    Fill f =
        executor.execute(
            new OrderRequest("b2-1", leg, new BigDecimal("0.0004"), new BigDecimal("2000")));

    assertThat(f.filled()).isFalse();
    assertThat(f.note()).contains("bitstamp rejected the order", "Minimum order size is $1");
    assertThat(journal.find("b2-1").orElseThrow().state()).isEqualTo(OrderState.REJECTED);
    server.verify(0, postRequestedFor(urlPathEqualTo("/bitstamp/api/v2/cancel_order/")));
  }

  @Test
  void coinbaseOrderIsImmediateOrCancelWithAClientOidAndItsFillIsTheRecordedOne() {
    server.stubFor(
        post(urlPathEqualTo("/coinbase/orders"))
            .willReturn(okJson(fixture("coinbase/limit-order-new.json"))));
    server.stubFor(
        get(urlPathEqualTo("/coinbase/orders/b2cdd7fe-1f4a-495e-8b96-7a4be368f43c"))
            .willReturn(okJson(fixture("coinbase/limit-order-filled.json"))));
    Leg leg = new Leg(market("coinbase", "BTC", "USD"), Side.SELL);

    Fill f =
        executor.execute(
            new OrderRequest(
                "k1-1", leg, new BigDecimal("0.07060351"), new BigDecimal("14839.76")));

    // the recorded fill: 0.07060351 BTC for 1050.2618069699 USD, fee 2.62565451742475 USD
    assertThat(f.orderId()).isEqualTo("b2cdd7fe-1f4a-495e-8b96-7a4be368f43c");
    assertThat(f.spent()).isEqualByComparingTo("0.07060351");
    assertThat(f.received()).isEqualByComparingTo("1047.63615245247525");
    assertThat(f.fee()).isEqualByComparingTo("2.62565451742475");
    assertThat(f.averagePrice()).isEqualByComparingTo("14875.49");
    assertThat(f.note()).isEmpty();
    String oid = venues.get(1).orders().clientIdFor("k1-1");
    server.verify(
        postRequestedFor(urlPathEqualTo("/coinbase/orders"))
            .withRequestBody(matchingJsonPath("$.time_in_force", equalTo("IOC")))
            .withRequestBody(matchingJsonPath("$.type", equalTo("limit")))
            .withRequestBody(matchingJsonPath("$.side", equalTo("sell")))
            .withRequestBody(matchingJsonPath("$.product_id", equalTo("BTC-USD")))
            .withRequestBody(matchingJsonPath("$.price", equalTo("14839.76")))
            .withRequestBody(matchingJsonPath("$.size", equalTo("0.07060351")))
            .withRequestBody(matchingJsonPath("$.client_oid", equalTo(oid))));
    server.verify(
        1,
        getRequestedFor(urlPathEqualTo("/coinbase/orders/b2cdd7fe-1f4a-495e-8b96-7a4be368f43c")));
    assertThat(journal.find("k1-1").orElseThrow().state()).isEqualTo(OrderState.FILLED);
  }
}
