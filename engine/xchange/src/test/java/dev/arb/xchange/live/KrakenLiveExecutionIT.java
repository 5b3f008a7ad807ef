package dev.arb.xchange.live;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.arb.xchange.live.LiveTestSupport.assertFill;
import static dev.arb.xchange.live.LiveTestSupport.bodies;
import static dev.arb.xchange.live.LiveTestSupport.book;
import static dev.arb.xchange.live.LiveTestSupport.krakenAddOrder;
import static dev.arb.xchange.live.LiveTestSupport.krakenOrder;
import static dev.arb.xchange.live.LiveTestSupport.krakenPost;
import static dev.arb.xchange.live.LiveTestSupport.market;
import static dev.arb.xchange.live.LiveTestSupport.okJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.arb.engine.execution.Books;
import dev.arb.engine.execution.OrderOutcomeUnknownException;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Side;
import dev.arb.engine.record.ExecutionResult;
import dev.arb.engine.record.ExecutionStatus;
import dev.arb.engine.record.Fill;
import dev.arb.engine.record.Holding;
import dev.arb.engine.record.JournalEntry;
import dev.arb.engine.record.OrderState;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The live executor through the execution policy against a Kraken stand-in: the cycle USDT → BTC
 * (buy XBTUSDT) → ETH (buy XETHXXBT) → USDT (sell ETHUSDT), 1000 USDT, books near the prices of the
 * 2025 recordings. Each order's volume is the spend divided by limit × (1 + 0.26 % fee) and rounded
 * down to 8 decimals; every fill below is the exchange's answer, checked exactly.
 */
class KrakenLiveExecutionIT {
  private static final Market BTC_USDT = market("kraken", "BTC", "USDT");
  private static final Market ETH_BTC = market("kraken", "ETH", "BTC");
  private static final Market ETH_USDT = market("kraken", "ETH", "USDT");
  private static final OrderBook BTC_USDT_BOOK = book(BTC_USDT, "109990", "1", "110000", "1");
  private static final OrderBook ETH_BTC_BOOK = book(ETH_BTC, "0.0399", "50", "0.0400", "50");
  private static final OrderBook ETH_USDT_BOOK = book(ETH_USDT, "4462.53", "20", "4470", "20");
  private static final Books BOOKS = Books.of(List.of(BTC_USDT_BOOK, ETH_BTC_BOOK, ETH_USDT_BOOK));

  // leg 1: 999.999 USDT (0.0090909 BTC at 110000 on the book) / (110000 × 1.0026) → 0.00906732
  private static final String VOL1 = "0.00906732";
  // leg 2: 0.00906732 BTC / (0.04 × 1.0026) → 0.22609515 ETH
  private static final String VOL2 = "0.22609515";

  @RegisterExtension final LiveExchange kraken = LiveExchange.kraken();
  private WireMockServer server;

  @BeforeEach
  void start() {
    server = kraken.server();
  }

  private ExecutionResult run() {
    return kraken.run(
        LiveTestSupport.buyBuySell(1.006, BTC_USDT_BOOK, ETH_BTC_BOOK, ETH_USDT_BOOK), BOOKS);
  }

  /** Kraken takes the order on {@code pair} as {@code txid}. */
  private void placed(String txid, String pair, String type) {
    krakenPost(server, "AddOrder", krakenAddOrder(txid), "pair=" + pair, "type=" + type);
  }

  /**
   * QueryOrders answers {@code txid} with {@code order} (see {@link LiveTestSupport#krakenOrder}).
   */
  private void queried(String txid, String order) {
    krakenPost(server, "QueryOrders", order, "txid=" + txid);
  }

  /** Leg 1, OLEG01, closed: filled in full. */
  private void leg1Answered() {
    queried(
        "OLEG01-AAAAA-BBBBB1",
        krakenOrder(
            "OLEG01-AAAAA-BBBBB1",
            "closed",
            "XBTUSDT",
            "buy",
            "110000",
            VOL1,
            VOL1,
            "997.40520",
            "2.59325",
            "110000.0"));
  }

  private void leg1Fills() {
    placed("OLEG01-AAAAA-BBBBB1", "XBTUSDT", "buy");
    leg1Answered();
  }

  private void leg2Fills() {
    leg2Closed(VOL2, "0.009043806", "0.00002351");
  }

  /** Leg 2, OLEG02: {@code filled} of the VOL2 ETH ordered at 0.04 for {@code cost} BTC. */
  private void leg2Closed(String filled, String cost, String fee) {
    placed("OLEG02-AAAAA-BBBBB2", "XETHXXBT", "buy");
    queried(
        "OLEG02-AAAAA-BBBBB2",
        krakenOrder(
            "OLEG02-AAAAA-BBBBB2",
            "closed",
            "ETHXBT",
            "buy",
            "0.04",
            VOL2,
            filled,
            cost,
            fee,
            "0.04"));
  }

  private void leg3Fills() {
    placed("OLEG03-AAAAA-BBBBB3", "ETHUSDT", "sell");
    queried(
        "OLEG03-AAAAA-BBBBB3",
        krakenOrder(
            "OLEG03-AAAAA-BBBBB3",
            "closed",
            "ETHUSDT",
            "sell",
            "4462.53",
            VOL2,
            VOL2,
            "1008.95639",
            "2.62329",
            "4462.53"));
  }

  /** The unwind's sale of BTC on XBTUSDT at the 109990 bid, filled in full. */
  private void btcSaleFills(String volume, String cost, String fee) {
    placed("OUNW01-AAAAA-BBBBB4", "XBTUSDT", "sell");
    queried(
        "OUNW01-AAAAA-BBBBB4",
        krakenOrder(
            "OUNW01-AAAAA-BBBBB4",
            "closed",
            "XBTUSDT",
            "sell",
            "109990",
            volume,
            volume,
            cost,
            fee,
            "109990.0"));
  }

  @Test
  void fullFillOfAThreeLegCycleIsExecutedWithTheExchangesExactAmounts() {
    leg1Fills();
    leg2Fills();
    leg3Fills();

    ExecutionResult r = run();

    assertThat(r.status()).isEqualTo(ExecutionStatus.EXECUTED);
    // buys pay the fee in USDT / BTC on top of the cost; the fee is shown in the base bought
    assertFill(
        r.legs().get(0), "OLEG01-AAAAA-BBBBB1", "999.99845", VOL1, VOL1, "110000", "0.000023575");
    assertFill(
        r.legs().get(1), "OLEG02-AAAAA-BBBBB2", "0.009067316", VOL2, VOL2, "0.04", "0.00058775");
    // the average price is the exchange's cost / volume to 18 decimals (its cost is rounded)
    assertFill(
        r.legs().get(2),
        "OLEG03-AAAAA-BBBBB3",
        VOL2,
        "1006.33310",
        VOL2,
        "4462.530001196398949734",
        "2.62329");
    assertThat(r.startSpent()).isEqualByComparingTo("999.99845");
    assertThat(r.startReturned()).isEqualByComparingTo("1006.3331");
    assertThat(r.realizedProfit()).isEqualByComparingTo("6.33465");

    List<String> adds = bodies(server, "/0/private/AddOrder");
    assertThat(adds).hasSize(3);
    assertThat(adds.get(0))
        .contains("pair=XBTUSDT", "type=buy", "ordertype=limit", "price=110000&", "volume=" + VOL1)
        .contains(
            "oflags=fciq", "timeinforce=IOC", "userref=" + kraken.orders().clientIdFor("c1-1"))
        .doesNotContain("ordertype=market");
    assertThat(adds.get(1)).contains("pair=XETHXXBT", "type=buy", "price=0.04&", "volume=" + VOL2);
    assertThat(adds.get(2))
        .contains("pair=ETHUSDT", "type=sell", "price=4462.53&", "volume=" + VOL2);
    server.verify(0, postRequestedFor(urlPathEqualTo("/0/private/CancelOrder")));

    assertThat(kraken.journal().states("c1-1"))
        .containsExactly(OrderState.INTENT, OrderState.SENT, OrderState.FILLED);
    JournalEntry j3 = kraken.journal().find("c1-3").orElseThrow();
    assertThat(j3.state()).isEqualTo(OrderState.FILLED);
    assertThat(j3.venueOrderId()).contains("OLEG03-AAAAA-BBBBB3");
    assertThat(j3.executionRef()).isEqualTo("c1");
    assertThat(j3.amount()).isEqualByComparingTo(VOL2);
    assertThat(j3.limitPrice()).isEqualByComparingTo("4462.53");
    assertThat(j3.received()).isEqualByComparingTo("1006.3331");
    assertThat(j3.fee()).isEqualByComparingTo("2.62329");
    assertThat(j3.feeAsset()).isEqualTo("USDT");
    assertThat(kraken.journal().unresolved()).isEmpty();
  }

  @Test
  void partialFillOfLegTwoIsUnwoundBackToUsdt() {
    leg1Fills();
    // leg 2: 0.1 of the VOL2 ETH filled
    leg2Closed("0.1", "0.004", "0.0000104");
    // unwind: the 0.00505692 BTC not spent, and the 0.1 ETH bought
    btcSaleFills("0.00505692", "556.21063", "1.44615");
    placed("OUNW02-AAAAA-BBBBB5", "ETHUSDT", "sell");
    queried(
        "OUNW02-AAAAA-BBBBB5",
        krakenOrder(
            "OUNW02-AAAAA-BBBBB5",
            "closed",
            "ETHUSDT",
            "sell",
            "4462.53",
            "0.1",
            "0.1",
            "446.253",
            "1.16026",
            "4462.53"));

    ExecutionResult r = run();

    assertThat(r.status()).isEqualTo(ExecutionStatus.UNWOUND);
    assertThat(r.legs()).hasSize(2);
    assertFill(
        r.legs().get(1), "OLEG02-AAAAA-BBBBB2", "0.0040104", "0.1", "0.1", "0.04", "0.00026");
    assertThat(r.legs().get(1).note()).contains("0.1 of " + VOL2 + " ETH filled");
    assertThat(r.reason()).contains("leg 2", "filled 0.0040104 of 0.00906732");
    assertThat(r.unwind()).hasSize(2);
    assertFill(
        r.unwind().get(0),
        "OUNW01-AAAAA-BBBBB4",
        "0.00505692",
        "554.76448",
        "0.00505692",
        "109989.999841800938120437",
        "1.44615");
    assertFill(
        r.unwind().get(1), "OUNW02-AAAAA-BBBBB5", "0.1", "445.09274", "0.1", "4462.53", "1.16026");
    assertThat(r.startReturned()).isEqualByComparingTo("999.85722");
    assertThat(r.realizedProfit()).isEqualByComparingTo("-0.14123");
    assertThat(r.leftover()).isEmpty();
    List<String> adds = bodies(server, "/0/private/AddOrder");
    assertThat(adds).hasSize(4);
    assertThat(adds.get(2))
        .contains(
            "pair=XBTUSDT", "type=sell", "price=109990&", "volume=0.00505692", "timeinforce=IOC");
    assertThat(adds.get(3)).contains("pair=ETHUSDT", "type=sell", "volume=0.1&", "timeinforce=IOC");
    assertThat(kraken.journal().find("c1-2").orElseThrow().state()).isEqualTo(OrderState.PARTIAL);
    assertThat(kraken.journal().find("c1-u1").orElseThrow().state()).isEqualTo(OrderState.FILLED);
  }

  @Test
  void rejectionOfLegTwoIsAnEmptyFillWithTheExchangesMessageAndTheBtcIsSoldBack() {
    leg1Fills();
    krakenPost(
        server,
        "AddOrder",
        "{\"error\":[\"EOrder:Insufficient funds\"],\"result\":{}}",
        "pair=XETHXXBT");
    btcSaleFills(VOL1, "997.31453", "2.59302");

    ExecutionResult r = run();

    assertThat(r.status()).isEqualTo(ExecutionStatus.UNWOUND);
    Fill rejected = r.legs().get(1);
    assertThat(rejected.filled()).isFalse();
    assertThat(rejected.orderId()).isEmpty();
    assertThat(rejected.note()).contains("kraken rejected the order", "EOrder:Insufficient funds");
    assertFill(
        r.unwind().get(0),
        "OUNW01-AAAAA-BBBBB4",
        VOL1,
        "994.72151",
        VOL1,
        "109990.000352915745777143",
        "2.59302");
    assertThat(r.realizedProfit()).isEqualByComparingTo("-5.27694");
    assertThat(kraken.journal().find("c1-2").orElseThrow().state()).isEqualTo(OrderState.REJECTED);
    assertThat(kraken.journal().find("c1-2").orElseThrow().error())
        .contains("EOrder:Insufficient funds");
    // a rejection is an answer: not sent again, not looked up
    assertThat(bodies(server, "/0/private/AddOrder"))
        .filteredOn(b -> b.contains("XETHXXBT"))
        .hasSize(1);
    server.verify(0, postRequestedFor(urlPathEqualTo("/0/private/OpenOrders")));
  }

  @Test
  void anOrderStillOpenAtTheTimeoutIsCancelledAndItsPartialFillUnwound() {
    placed("OLEG01-AAAAA-BBBBB1", "XBTUSDT", "buy");
    // 0.004 of VOL1 BTC bought so far, as long as it is open
    java.util.function.Function<String, String> partlyBought =
        status ->
            krakenOrder(
                "OLEG01-AAAAA-BBBBB1",
                status,
                "XBTUSDT",
                "buy",
                "110000",
                VOL1,
                "0.004",
                "440",
                "1.144",
                "110000.0");
    String open = partlyBought.apply("open");
    String cancelled = partlyBought.apply("canceled");
    server.stubFor(
        post(urlPathEqualTo("/0/private/QueryOrders"))
            .withRequestBody(containing("txid=OLEG01-AAAAA-BBBBB1"))
            .inScenario("order")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson(open)));
    server.stubFor(
        post(urlPathEqualTo("/0/private/CancelOrder"))
            .withRequestBody(containing("txid=OLEG01-AAAAA-BBBBB1"))
            .inScenario("order")
            .willReturn(okJson(LiveTestSupport.fixture("kraken/cancelorder.json")))
            .willSetStateTo("cancelled"));
    server.stubFor(
        post(urlPathEqualTo("/0/private/QueryOrders"))
            .withRequestBody(containing("txid=OLEG01-AAAAA-BBBBB1"))
            .inScenario("order")
            .whenScenarioStateIs("cancelled")
            .willReturn(okJson(cancelled)));
    btcSaleFills("0.004", "439.96", "1.14390");

    ExecutionResult r = run();

    assertThat(r.status()).isEqualTo(ExecutionStatus.UNWOUND);
    assertFill(
        r.legs().get(0), "OLEG01-AAAAA-BBBBB1", "441.144", "0.004", "0.004", "110000", "0.0000104");
    assertThat(r.legs().get(0).note()).contains("0.004 of " + VOL1 + " BTC filled", "canceled");
    assertThat(r.startSpent()).isEqualByComparingTo("441.144");
    assertThat(r.startReturned()).isEqualByComparingTo("438.8161");
    assertThat(r.realizedProfit()).isEqualByComparingTo("-2.3279");
    List<String> cancels = bodies(server, "/0/private/CancelOrder");
    assertThat(cancels).hasSize(1);
    assertThat(cancels.get(0)).contains("txid=OLEG01-AAAAA-BBBBB1");
    assertThat(
            bodies(server, "/0/private/QueryOrders").stream()
                .filter(b -> b.contains("OLEG01"))
                .count())
        .isGreaterThanOrEqualTo(2);
    assertThat(kraken.journal().find("c1-1").orElseThrow().state()).isEqualTo(OrderState.PARTIAL);
  }

  @Test
  void exchangeDownMidCycleEndsStrandedNamingTheBtcHeld() {
    leg1Fills();
    server.stubFor(
        post(urlPathEqualTo("/0/private/AddOrder"))
            .withRequestBody(containing("pair=XETHXXBT"))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    server.stubFor(
        post(urlPathEqualTo("/0/private/AddOrder"))
            .withRequestBody(containing("type=sell"))
            .willReturn(aResponse().withStatus(503)));
    server.stubFor(
        post(urlPathEqualTo("/0/private/OpenOrders")).willReturn(aResponse().withStatus(503)));

    ExecutionResult r = run();

    assertThat(r.status()).isEqualTo(ExecutionStatus.STRANDED);
    assertThat(r.legs().get(1).note()).contains("outcome unknown", "c1-2");
    assertThat(r.leftover())
        .containsExactly(new Holding("kraken", Asset.of("BTC"), new BigDecimal(VOL1)));
    assertThat(r.realizedProfit()).isEqualByComparingTo("-999.99845");
    // each placement went out once; the lookups by client id were retried (3 attempts each)
    assertThat(bodies(server, "/0/private/AddOrder")).hasSize(3);
    List<String> lookups = bodies(server, "/0/private/OpenOrders");
    assertThat(lookups).hasSize(6);
    assertThat(lookups.get(0)).contains("userref=" + kraken.orders().clientIdFor("c1-2"));
    assertThat(kraken.journal().find("c1-2").orElseThrow().state()).isEqualTo(OrderState.UNKNOWN);
    assertThat(kraken.journal().find("c1-u1").orElseThrow().state()).isEqualTo(OrderState.UNKNOWN);
    assertThat(kraken.journal().unresolved())
        .extracting(JournalEntry::clientOrderId)
        .containsExactly("c1-2", "c1-u1");
    // nothing written for people or the journal carries the API key or secret
    for (JournalEntry e : kraken.journal().history) {
      assertThat(e.error()).doesNotContain("test-key", "dGVzdC1zZWNyZXQ=");
    }
    assertThat(r.reason()).doesNotContain("test-key", "dGVzdC1zZWNyZXQ=");
    assertThat(kraken.guarded().unknown())
        .extracting(OrderOutcomeUnknownException::clientOrderId)
        .containsExactly("c1-2", "c1-u1");
  }

  @Test
  void aPlacementWhoseAnswerWasLostIsFoundByClientIdAndNotSentAgain() {
    server.stubFor(
        post(urlPathEqualTo("/0/private/AddOrder"))
            .withRequestBody(containing("pair=XBTUSDT"))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    String landed =
        krakenOrder(
                "OLEG01-AAAAA-BBBBB1", "open", "XBTUSDT", "buy", "110000", VOL1, "0", "0", "0", "0")
            .replace("\"result\":{", "\"result\":{\"open\":{")
            .replaceFirst("}}$", "}}}");
    krakenPost(server, "OpenOrders", landed, "userref=" + kraken.orders().clientIdFor("c1-1"));
    leg1Answered();
    leg2Fills();
    leg3Fills();

    ExecutionResult r = run();

    assertThat(r.status()).isEqualTo(ExecutionStatus.EXECUTED);
    assertThat(r.legs().get(0).orderId()).isEqualTo("OLEG01-AAAAA-BBBBB1");
    assertThat(r.realizedProfit()).isEqualByComparingTo("6.33465");
    assertThat(bodies(server, "/0/private/AddOrder"))
        .filteredOn(b -> b.contains("XBTUSDT"))
        .hasSize(1);
    assertThat(kraken.journal().states("c1-1"))
        .containsExactly(OrderState.INTENT, OrderState.SENT, OrderState.FILLED);
  }

  @Test
  void krakenUnreachableBeforeTheFirstOrderSendsNothingUntilItIsBack() {
    server.resetAll();
    for (String n : List.of("AssetPairs", "Assets")) {
      server.stubFor(
          com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/0/public/" + n))
              .willReturn(aResponse().withStatus(503)));
    }
    Leg buy = new Leg(BTC_USDT, Side.BUY);

    Fill f =
        kraken
            .guarded()
            .execute(
                new dev.arb.engine.record.OrderRequest(
                    "x1-1", buy, new BigDecimal("999.999"), new BigDecimal("110000")));

    assertThat(f.filled()).isFalse();
    assertThat(f.note()).contains("kraken not reachable, order not sent", "HTTP 503");
    server.verify(0, postRequestedFor(urlPathEqualTo("/0/private/AddOrder")));
    assertThat(kraken.journal().rows).isEmpty();

    // back: the next order loads the pairs first, then goes out
    server.resetAll();
    LiveTestSupport.krakenPairs(server);
    leg1Fills();
    Fill g =
        kraken
            .guarded()
            .execute(
                new dev.arb.engine.record.OrderRequest(
                    "x1-2", buy, new BigDecimal("999.999"), new BigDecimal("110000")));

    assertFill(g, "OLEG01-AAAAA-BBBBB1", "999.99845", VOL1, VOL1, "110000", "0.000023575");
    assertThat(kraken.journal().find("x1-2").orElseThrow().state()).isEqualTo(OrderState.FILLED);
  }

  private void noOrdersByUserref() {
    krakenPost(server, "OpenOrders", "{\"error\":[],\"result\":{\"open\":{}}}");
    krakenPost(server, "ClosedOrders", "{\"error\":[],\"result\":{\"closed\":{},\"count\":0}}");
  }

  @Test
  void aPlacementThatDidNotLandIsSentAgainOnlyAfterTheLookupFindsNothing() {
    server.stubFor(
        post(urlPathEqualTo("/0/private/AddOrder"))
            .withRequestBody(containing("pair=XBTUSDT"))
            .inScenario("resend")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
            .willSetStateTo("looked up"));
    server.stubFor(
        post(urlPathEqualTo("/0/private/AddOrder"))
            .withRequestBody(containing("pair=XBTUSDT"))
            .inScenario("resend")
            .whenScenarioStateIs("looked up")
            .willReturn(okJson(krakenAddOrder("OLEG01-AAAAA-BBBBB1"))));
    noOrdersByUserref();
    leg1Answered();
    leg2Fills();
    leg3Fills();

    ExecutionResult r = run();

    assertThat(r.status()).isEqualTo(ExecutionStatus.EXECUTED);
    List<String> sends =
        bodies(server, "/0/private/AddOrder").stream().filter(b -> b.contains("XBTUSDT")).toList();
    assertThat(sends).hasSize(2);
    // same order both times: same volume, same userref
    assertThat(sends.get(1))
        .contains("volume=" + VOL1, "userref=" + kraken.orders().clientIdFor("c1-1"));
    assertThat(bodies(server, "/0/private/OpenOrders")).hasSize(1);
    assertThat(bodies(server, "/0/private/ClosedOrders")).hasSize(1);
  }

  @Test
  void aPlacementNeverAnsweredAndNeverFoundIsUnknownAfterTwoSends() {
    server.stubFor(
        post(urlPathEqualTo("/0/private/AddOrder"))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    noOrdersByUserref();

    ExecutionResult r = run();

    assertThat(r.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(r.legs().get(0).note())
        .contains("outcome unknown", "not found by client id after 2 sends");
    assertThat(bodies(server, "/0/private/AddOrder")).hasSize(2);
    assertThat(kraken.journal().find("c1-1").orElseThrow().state()).isEqualTo(OrderState.UNKNOWN);
  }
}
