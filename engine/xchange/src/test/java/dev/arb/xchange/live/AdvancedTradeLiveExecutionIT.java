package dev.arb.xchange.live;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.arb.xchange.live.AdvancedTradeStandIn.BASE;
import static dev.arb.xchange.live.AdvancedTradeStandIn.json;
import static dev.arb.xchange.live.LiveTestSupport.assertFill;
import static dev.arb.xchange.live.LiveTestSupport.book;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.arb.engine.execution.Books;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Side;
import dev.arb.engine.record.ExecutionResult;
import dev.arb.engine.record.ExecutionStatus;
import dev.arb.engine.record.Fill;
import dev.arb.engine.record.JournalEntry;
import dev.arb.engine.record.OrderRequest;
import dev.arb.engine.record.OrderState;
import dev.arb.error.VenueException;
import dev.arb.xchange.coinbase.advanced.TestCdpKeys;
import java.math.BigDecimal;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The live executor against a Coinbase Advanced Trade stand-in ({@code api = advanced-trade}) with
 * the fault cases of {@link BinanceLiveExecutionIT}: full fill, partial fill then unwind,
 * rejection, an order still open at the timeout cancelled, a lost placement answer found by client
 * id (and one that did not land, sent again). Every private request must carry a JWT that verifies
 * with the test CDP key's public half and names the request, or the stand-in does not answer.
 * Answers are hand-made in Advanced Trade's documented format (see the fixtures' README). Fees are
 * charged in the quote asset; taker fee 0.1 %.
 */
class AdvancedTradeLiveExecutionIT {
  private static final KeyPair KEYS = TestCdpKeys.generate();
  private static final BigDecimal FEE = new BigDecimal("0.001");
  private static final Market BTC_USD = market("BTC", "USD", "0.00001");
  private static final Market ETH_BTC = market("ETH", "BTC", "0.0001");
  private static final Market ETH_USD = market("ETH", "USD", "0.0001");
  private static final OrderBook BTC_USD_BOOK = book(BTC_USD, "109990", "1", "110000", "1");
  private static final OrderBook ETH_BTC_BOOK = book(ETH_BTC, "0.0399", "50", "0.0400", "50");
  private static final OrderBook ETH_USD_BOOK = book(ETH_USD, "4462.53", "20", "4470", "20");
  private static final Books BOOKS = Books.of(List.of(BTC_USD_BOOK, ETH_BTC_BOOK, ETH_USD_BOOK));

  @RegisterExtension final LiveExchange coinbase = LiveExchange.advancedTrade(KEYS);
  private WireMockServer server;
  private AdvancedTradeStandIn standIn;

  static Market market(String base, String quote, String lot) {
    return LiveTestSupport.market("coinbase", base, quote, FEE, lot);
  }

  @BeforeEach
  void start() {
    server = coinbase.server();
    standIn = new AdvancedTradeStandIn(server, KEYS.getPublic());
  }

  private String cid(String arbId) {
    return coinbase.orders().clientIdFor(arbId);
  }

  /** Executes one order for {@code arbId} on the live executor alone. */
  private Fill execute(String arbId, Market m, Side side, String amount, String limit) {
    return coinbase
        .executor()
        .execute(
            new OrderRequest(
                arbId, new Leg(m, side), new BigDecimal(amount), new BigDecimal(limit)));
  }

  /** Somebody's older filled BTC-USD order, listed with ours. */
  private String olderOrder() {
    return AdvancedTradeStandIn.order(
        "o-0", cid("older"), "BTC-USD", "BUY", "FILLED", "0.001", "100000", "0.001", "100", "0.1");
  }

  /** Order {@code id} of {@code arbId}: 1000 USD of BTC-USD bought in full, 0.00908 at 110000. */
  private String btcBought(String id, String arbId) {
    return AdvancedTradeStandIn.order(
        id,
        cid(arbId),
        "BTC-USD",
        "BUY",
        "FILLED",
        "0.00908",
        "110000",
        "0.00908",
        "998.8",
        "0.9988");
  }

  /** The one fill of {@link #btcBought}. */
  private void btcBoughtFills(String id) {
    standIn.onFills(
        id,
        AdvancedTradeStandIn.fills(
            id, "BTC-USD", "BUY", new AdvancedTradeStandIn.Fill("110000", "0.00908", "0.9988")));
  }

  @Test
  void aFullFillIsReadExactlyFromItsFillsAndTheOrderIsAnIocLimitWithTheClientId() {
    // 1000 USD at 110000 keeping room for the 0.1 % fee: 1000 / 110110 = 0.0090818… → 0.00908
    standIn.fills(
        "o-1",
        cid("t1-1"),
        "BTC-USD",
        "BUY",
        "110000",
        "0.00908",
        new AdvancedTradeStandIn.Fill("109990", "0.00454", "0.4993546"),
        new AdvancedTradeStandIn.Fill("110010", "0.00454", "0.4994454"));

    Fill f = execute("t1-1", BTC_USD, Side.BUY, "1000", "110000");

    // 0.00454 × 109990 + 0.00454 × 110010 = 499.3546 + 499.4454 = 998.8 USD (average 110000),
    // fees 0.4993546 + 0.4994454 = 0.9988 USD, valued in BTC at the average price: 0.00000908
    assertFill(f, "o-1", "999.7988", "0.00908", "0.00908", "110000", "0.00000908");
    assertThat(f.note()).isEmpty();
    server.verify(
        1,
        postRequestedFor(urlPathEqualTo(BASE + "/orders"))
            .withRequestBody(matchingJsonPath("$.client_order_id", equalTo(cid("t1-1"))))
            .withRequestBody(matchingJsonPath("$.product_id", equalTo("BTC-USD")))
            .withRequestBody(matchingJsonPath("$.side", equalTo("BUY")))
            .withRequestBody(
                matchingJsonPath(
                    "$.order_configuration.sor_limit_ioc.base_size", equalTo("0.00908")))
            .withRequestBody(
                matchingJsonPath(
                    "$.order_configuration.sor_limit_ioc.limit_price", equalTo("110000"))));
    server.verify(
        1,
        getRequestedFor(urlPathEqualTo(BASE + "/orders/historical/fills"))
            .withQueryParam("order_ids", equalTo("o-1")));
    JournalEntry j = coinbase.journal().find("t1-1").orElseThrow();
    assertThat(j.state()).isEqualTo(OrderState.FILLED);
    assertThat(j.venueOrderId()).contains("o-1");
    assertThat(j.fee()).isEqualByComparingTo("0.9988");
    assertThat(j.feeAsset()).isEqualTo("USD");
    assertThat(standIn.refused).isEmpty();
  }

  @Test
  void aRefusedOrderIsAnEmptyFillWithCoinbasesReasonAndIsNotLookedUp() {
    standIn.onPlace("ETH-BTC", "BUY", json(200, AdvancedTradeStandIn.refusedOrder()));

    Fill f = execute("t2-1", ETH_BTC, Side.BUY, "0.00908", "0.04");

    assertThat(f.filled()).isFalse();
    assertThat(f.note())
        .contains(
            "coinbase rejected the order",
            "INSUFFICIENT_FUND",
            "Insufficient balance in source account");
    assertThat(coinbase.journal().find("t2-1").orElseThrow().state())
        .isEqualTo(OrderState.REJECTED);
    server.verify(0, getRequestedFor(urlPathMatching(BASE + "/orders/historical/.*")));
    server.verify(1, postRequestedFor(urlPathEqualTo(BASE + "/orders")));
  }

  @Test
  void anOrderStillOpenAtTheTimeoutIsCancelledAndItsPartialFillReadFromItsFills() {
    standIn.onPlace(
        "BTC-USD",
        "SELL",
        json(200, AdvancedTradeStandIn.placed("o-3", cid("t3-1"), "BTC-USD", "SELL")));
    // order o-3: 0.004 of 0.00999 BTC sold at 109990 so far
    java.util.function.Function<String, String> partlySold =
        status ->
            AdvancedTradeStandIn.order(
                "o-3",
                cid("t3-1"),
                "BTC-USD",
                "SELL",
                status,
                "0.00999",
                "109990",
                "0.004",
                "439.96",
                "0.43996");
    String open = partlySold.apply("OPEN");
    String cancelled = partlySold.apply("CANCELLED");
    server.stubFor(
        get(urlPathEqualTo(BASE + "/orders/historical/o-3"))
            .inScenario("o-3")
            .whenScenarioStateIs(Scenario.STARTED)
            .andMatching(standIn::signed)
            .willReturn(json(200, open)));
    server.stubFor(
        post(urlPathEqualTo(BASE + "/orders/batch_cancel"))
            .withRequestBody(matchingJsonPath("$.order_ids[0]", equalTo("o-3")))
            .inScenario("o-3")
            .andMatching(standIn::signed)
            .willReturn(
                json(
                    200,
                    AdvancedTradeStandIn.cancelled("o-3", true, "UNKNOWN_CANCEL_FAILURE_REASON")))
            .willSetStateTo("cancelled"));
    server.stubFor(
        get(urlPathEqualTo(BASE + "/orders/historical/o-3"))
            .inScenario("o-3")
            .whenScenarioStateIs("cancelled")
            .andMatching(standIn::signed)
            .willReturn(json(200, cancelled)));
    standIn.onFills(
        "o-3",
        AdvancedTradeStandIn.fills(
            "o-3", "BTC-USD", "SELL", new AdvancedTradeStandIn.Fill("109990", "0.004", "0.43996")));

    Fill f = execute("t3-1", BTC_USD, Side.SELL, "0.00999", "109990");

    // 0.004 × 109990 = 439.96 USD, less 0.43996
    assertFill(f, "o-3", "0.004", "439.52004", "0.004", "109990", "0.43996");
    assertThat(f.note()).contains("0.004 of 0.00999 BTC filled", "cancelled");
    server.verify(1, postRequestedFor(urlPathEqualTo(BASE + "/orders/batch_cancel")));
    assertThat(coinbase.journal().find("t3-1").orElseThrow().state()).isEqualTo(OrderState.PARTIAL);
    assertThat(standIn.refused).isEmpty();
  }

  @Test
  void aPlacementWhoseAnswerWasLostIsFoundByClientIdInTheOrderListAndNotSentAgain() {
    standIn.onPlace("BTC-USD", "BUY", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    String other = olderOrder();
    String mine = btcBought("o-4", "t4-1");
    standIn.onList("BTC-USD", json(200, AdvancedTradeStandIn.page(false, "", mine, other)));
    btcBoughtFills("o-4");

    Fill f = execute("t4-1", BTC_USD, Side.BUY, "1000", "110000");

    assertFill(f, "o-4", "999.7988", "0.00908", "0.00908", "110000", "0.00000908");
    server.verify(1, postRequestedFor(urlPathEqualTo(BASE + "/orders")));
    server.verify(
        1,
        getRequestedFor(urlPathEqualTo(BASE + "/orders/historical/batch"))
            .withQueryParam("product_ids", equalTo("BTC-USD"))
            .withQueryParam("limit", equalTo("100")));
    assertThat(coinbase.journal().states("t4-1"))
        .containsExactly(OrderState.INTENT, OrderState.SENT, OrderState.FILLED);
    assertThat(standIn.refused).isEmpty();
  }

  @Test
  void aPlacementThatDidNotLandIsSentAgainWithTheSameClientIdOnlyAfterTheListHasNoSuchOrder() {
    server.stubFor(
        post(urlPathEqualTo(BASE + "/orders"))
            .inScenario("resend")
            .whenScenarioStateIs(Scenario.STARTED)
            .andMatching(standIn::signed)
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
            .willSetStateTo("looked up"));
    server.stubFor(
        post(urlPathEqualTo(BASE + "/orders"))
            .inScenario("resend")
            .whenScenarioStateIs("looked up")
            .andMatching(standIn::signed)
            .willReturn(
                json(200, AdvancedTradeStandIn.placed("o-5", cid("t5-1"), "BTC-USD", "BUY"))));
    standIn.onList("BTC-USD", json(200, AdvancedTradeStandIn.page(false, "")));
    standIn.onOrder("o-5", json(200, btcBought("o-5", "t5-1")));
    btcBoughtFills("o-5");

    Fill f = execute("t5-1", BTC_USD, Side.BUY, "1000", "110000");

    assertThat(f.orderId()).isEqualTo("o-5");
    assertThat(f.received()).isEqualByComparingTo("0.00908");
    server.verify(
        2,
        postRequestedFor(urlPathEqualTo(BASE + "/orders"))
            .withRequestBody(matchingJsonPath("$.client_order_id", equalTo(cid("t5-1")))));
    server.verify(1, getRequestedFor(urlPathEqualTo(BASE + "/orders/historical/batch")));
  }

  @Test
  void aClientIdBeyondTheOrdersReadIsNotReportedAsNeverPlaced() {
    String other = olderOrder();
    standIn.onList("BTC-USD", json(200, AdvancedTradeStandIn.page(true, "next", other)));

    assertThatThrownBy(() -> coinbase.orders().findByClientId(BTC_USD, Side.BUY, "t6-1"))
        .isInstanceOf(VenueException.class)
        .hasMessageContaining("not among the newest 1000 orders of BTC-USD");
    server.verify(10, getRequestedFor(urlPathEqualTo(BASE + "/orders/historical/batch")));
  }

  @Test
  void cancelOfAnOrderCoinbaseNoLongerKnowsSaysItIsClosed() throws Exception {
    standIn.onCancel(
        "gone", json(200, AdvancedTradeStandIn.cancelled("gone", false, "UNKNOWN_CANCEL_ORDER")));
    standIn.onCancel(
        "live",
        json(200, AdvancedTradeStandIn.cancelled("live", true, "UNKNOWN_CANCEL_FAILURE_REASON")));
    standIn.onCancel(
        "odd", json(200, AdvancedTradeStandIn.cancelled("odd", false, "INVALID_CANCEL_REQUEST")));

    assertThat(coinbase.orders().cancel(BTC_USD, "gone")).isFalse();
    assertThat(coinbase.orders().cancel(BTC_USD, "live")).isTrue();
    assertThatThrownBy(() -> coinbase.orders().cancel(BTC_USD, "odd"))
        .hasMessageContaining("INVALID_CANCEL_REQUEST");
    assertThat(cid("c1-1"))
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(standIn.refused).isEmpty();
  }

  @Test
  void partialFillOfLegTwoIsUnwoundBackToUsd() {
    // leg 1: 999.9 USD planned at 110000 with room for the fee: 999.9 / 110110 → 0.00908 BTC
    standIn.fills(
        "o-11",
        cid("c1-1"),
        "BTC-USD",
        "BUY",
        "110000",
        "0.00908",
        new AdvancedTradeStandIn.Fill("110000", "0.00908", "0.9988"));
    // leg 2: 0.00908 BTC at 0.04: 0.00908 / 0.04004 → 0.2267 ETH ordered, 0.1 filled (IOC: the
    // rest cancelled), commission 0.1 % of 0.004 BTC in BTC
    standIn.onPlace(
        "ETH-BTC",
        "BUY",
        json(200, AdvancedTradeStandIn.placed("o-12", cid("c1-2"), "ETH-BTC", "BUY")));
    standIn.onOrder(
        "o-12",
        json(
            200,
            AdvancedTradeStandIn.order(
                "o-12",
                cid("c1-2"),
                "ETH-BTC",
                "BUY",
                "CANCELLED",
                "0.2267",
                "0.04",
                "0.1",
                "0.004",
                "0.000004")));
    standIn.onFills(
        "o-12",
        AdvancedTradeStandIn.fills(
            "o-12", "ETH-BTC", "BUY", new AdvancedTradeStandIn.Fill("0.04", "0.1", "0.000004")));
    // unwind: 0.00908 − 0.004004 = 0.005076 BTC → 0.00507 at the lot, sold at 109990; 0.1 ETH sold
    standIn.fills(
        "o-13",
        cid("c1-u1"),
        "BTC-USD",
        "SELL",
        "109990",
        "0.00507",
        new AdvancedTradeStandIn.Fill("109990", "0.00507", "0.5576493"));
    standIn.fills(
        "o-14",
        cid("c1-u2"),
        "ETH-USD",
        "SELL",
        "4462.53",
        "0.1",
        new AdvancedTradeStandIn.Fill("4462.53", "0.1", "0.446253"));
    ExecutionResult r =
        coinbase.run(
            LiveTestSupport.buyBuySell(1.01, BTC_USD_BOOK, ETH_BTC_BOOK, ETH_USD_BOOK), BOOKS);

    assertThat(r.status()).isEqualTo(ExecutionStatus.UNWOUND);
    assertThat(r.legs()).hasSize(2);
    assertFill(r.legs().get(0), "o-11", "999.7988", "0.00908", "0.00908", "110000", "0.00000908");
    assertFill(r.legs().get(1), "o-12", "0.004004", "0.1", "0.1", "0.04", "0.0001");
    assertThat(r.legs().get(1).note()).contains("0.1 of 0.2267 ETH filled", "cancelled");
    assertThat(r.unwind()).hasSize(2);
    // 0.00507 × 109990 = 557.6493, less 0.5576493; 0.1 × 4462.53 = 446.253, less 0.446253
    assertFill(
        r.unwind().get(0), "o-13", "0.00507", "557.0916507", "0.00507", "109990", "0.5576493");
    assertFill(r.unwind().get(1), "o-14", "0.1", "445.806747", "0.1", "4462.53", "0.446253");
    // 557.0916507 + 445.806747 − 999.7988
    assertThat(r.realizedProfit()).isEqualByComparingTo("3.0995977");
    assertThat(coinbase.journal().find("c1-2").orElseThrow().state()).isEqualTo(OrderState.PARTIAL);
    assertThat(coinbase.journal().find("c1-u2").orElseThrow().state()).isEqualTo(OrderState.FILLED);
    assertThat(standIn.refused).isEmpty();
  }
}
