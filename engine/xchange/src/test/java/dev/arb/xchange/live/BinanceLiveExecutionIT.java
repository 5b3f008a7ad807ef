package dev.arb.xchange.live;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.arb.xchange.live.BinanceStandIn.json;
import static dev.arb.xchange.live.LiveTestSupport.assertFill;
import static dev.arb.xchange.live.LiveTestSupport.bodies;
import static dev.arb.xchange.live.LiveTestSupport.book;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.arb.engine.execution.Books;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Side;
import dev.arb.engine.record.ExecutionResult;
import dev.arb.engine.record.ExecutionStatus;
import dev.arb.engine.record.FeeCharge;
import dev.arb.engine.record.Fill;
import dev.arb.engine.record.JournalEntry;
import dev.arb.engine.record.OrderState;
import dev.arb.engine.sizing.TradePlan;
import dev.arb.xchange.live.BinanceStandIn.Trade;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The live executor through the execution policy against a Binance stand-in, with the fault cases
 * of {@link KrakenLiveExecutionIT}: the cycle USDT → BTC (buy BTCUSDT) → ETH (buy ETHBTC) → USDT
 * (sell ETHUSDT), 1000 USDT, taker fee 0.1 %, Binance's lot sizes (BTCUSDT 0.00001, ETHBTC and
 * ETHUSDT 0.0001). Binance charges a buy's commission in the base asset bought, a sell's in the
 * quote asset, or BNB when the account pays fees with BNB; every answer is in Binance's documented
 * format (see the fixtures' README: written by hand, not recorded).
 *
 * <p>Sizes, by hand: leg 1 spends 999.9 USDT at 110000 (1000 / 110000 = 0.0090909… rounded down to
 * the lot 0.00001: 0.00909 BTC); the BTC commission 0.1 % = 0.00000909 leaves 0.00908091 BTC. Leg 2
 * buys 0.00908091 / 0.04 = 0.227022… → 0.227 ETH for 0.00908 BTC, its commission paid in BNB. Leg 3
 * sells 0.227 ETH at 4462.53 = 1012.99431 USDT, less 0.1 % (1.01299431): 1011.98131569.
 */
class BinanceLiveExecutionIT {
  private static final BigDecimal FEE = new BigDecimal("0.001");
  private static final Market BTC_USDT = market("BTC", "USDT", "0.00001");
  private static final Market ETH_BTC = market("ETH", "BTC", "0.0001");
  private static final Market ETH_USDT = market("ETH", "USDT", "0.0001");
  private static final Market BNB_USDT = market("BNB", "USDT", "0.001");
  private static final OrderBook BTC_USDT_BOOK = book(BTC_USDT, "109990", "1", "110000", "1");
  private static final OrderBook ETH_BTC_BOOK = book(ETH_BTC, "0.0399", "50", "0.0400", "50");
  private static final OrderBook ETH_USDT_BOOK = book(ETH_USDT, "4462.53", "20", "4470", "20");
  // the BNB commission is valued at the price of buying BNB back: the best ask, 600
  private static final OrderBook BNB_USDT_BOOK = book(BNB_USDT, "599.9", "100", "600", "100");
  private static final Books BOOKS =
      Books.of(List.of(BTC_USDT_BOOK, ETH_BTC_BOOK, ETH_USDT_BOOK, BNB_USDT_BOOK));

  private static final Trade LEG1 = new Trade("110000", "0.00909", "0.00000909", "BTC");
  private static final Trade LEG2_BNB = new Trade("0.04", "0.227", "0.00123818", "BNB");
  private static final Trade LEG3 = new Trade("4462.53", "0.227", "1.01299431", "USDT");

  @RegisterExtension final LiveExchange binance = LiveExchange.binance();
  private WireMockServer server;
  private BinanceStandIn standIn;

  static Market market(String base, String quote, String lot) {
    return LiveTestSupport.market("binance", base, quote, FEE, lot);
  }

  @BeforeEach
  void start() {
    server = binance.server();
    standIn = new BinanceStandIn(server);
  }

  private static TradePlan plan() {
    return LiveTestSupport.buyBuySell(1.01, BTC_USDT_BOOK, ETH_BTC_BOOK, ETH_USDT_BOOK);
  }

  private ExecutionResult run() {
    return binance.run(plan(), BOOKS);
  }

  /** The unwind's sale of BTC on BTCUSDT at the 109990 bid (order 1004), filled in full. */
  private void btcSaleFills(String qty, String commission) {
    standIn.fills(
        1004,
        "c1-u1",
        "BTCUSDT",
        "SELL",
        "109990",
        qty,
        new Trade("109990", qty, commission, "USDT"));
  }

  private void legsOneAndTwoFill() {
    standIn.fills(1001, "c1-1", "BTCUSDT", "BUY", "110000", "0.00909", LEG1);
    standIn.fills(1002, "c1-2", "ETHBTC", "BUY", "0.04", "0.227", LEG2_BNB);
  }

  @Test
  void fullFillIsExecutedWithTheFillsExactAmountsAndTheBnbCommissionCountedInProfit() {
    legsOneAndTwoFill();
    standIn.fills(1003, "c1-3", "ETHUSDT", "SELL", "4462.53", "0.227", LEG3);

    ExecutionResult r = run();

    assertThat(r.status()).isEqualTo(ExecutionStatus.EXECUTED);
    // a buy's BTC commission is taken from the BTC bought
    assertFill(r.legs().get(0), "1001", "999.9", "0.00908091", "0.00909", "110000", "0.00000909");
    // paid in BNB: the whole 0.227 ETH arrives, the BNB is the fill's other fee
    assertFill(r.legs().get(1), "1002", "0.00908", "0.227", "0.227", "0.04", "0");
    assertThat(r.legs().get(1).otherFee())
        .contains(new FeeCharge(Asset.of("BNB"), new BigDecimal("0.00123818")));
    assertFill(r.legs().get(2), "1003", "0.227", "1011.98131569", "0.227", "4462.53", "1.01299431");
    assertThat(r.startSpent()).isEqualByComparingTo("999.9");
    assertThat(r.startReturned()).isEqualByComparingTo("1011.98131569");
    // 0.00123818 BNB × 600 USDT (ask of BNB/USDT) = 0.742908 USDT
    assertThat(r.otherFees()).isEqualByComparingTo("0.742908");
    // 1011.98131569 − 999.9 − 0.742908
    assertThat(r.realizedProfit()).isEqualByComparingTo("11.33840769");

    List<String> adds = bodies(server, "/api/v3/order");
    assertThat(adds).hasSize(3);
    assertThat(adds.get(0))
        .contains("symbol=BTCUSDT", "side=BUY", "type=LIMIT", "timeInForce=IOC")
        .contains("quantity=0.00909", "price=110000", "newClientOrderId=c1-1")
        .contains("newOrderRespType=FULL", "signature=")
        .doesNotContain("type=MARKET");
    assertThat(adds.get(1)).contains("symbol=ETHBTC", "quantity=0.227", "price=0.04");
    assertThat(adds.get(2)).contains("symbol=ETHUSDT", "side=SELL", "quantity=0.227");
    // the placements' answers carried the fills: no order or trade was queried
    server.verify(0, getRequestedFor(urlPathEqualTo("/api/v3/order")));
    server.verify(0, getRequestedFor(urlPathEqualTo("/api/v3/myTrades")));

    JournalEntry j2 = binance.journal().find("c1-2").orElseThrow();
    assertThat(j2.state()).isEqualTo(OrderState.FILLED);
    assertThat(j2.venueOrderId()).contains("1002");
    assertThat(j2.spent()).isEqualByComparingTo("0.00908");
    assertThat(j2.received()).isEqualByComparingTo("0.227");
    assertThat(j2.fee()).isEqualByComparingTo("0.00123818");
    assertThat(j2.feeAsset()).isEqualTo("BNB");
    JournalEntry j1 = binance.journal().find("c1-1").orElseThrow();
    assertThat(j1.fee()).isEqualByComparingTo("0.00000909");
    assertThat(j1.feeAsset()).isEqualTo("BTC");
    assertThat(binance.journal().unresolved()).isEmpty();
  }

  @Test
  void aBnbCommissionWithoutABookToValueItIsNamedAndNotCounted() {
    legsOneAndTwoFill();
    standIn.fills(1003, "c1-3", "ETHUSDT", "SELL", "4462.53", "0.227", LEG3);

    ExecutionResult r =
        binance.run(plan(), Books.of(List.of(BTC_USDT_BOOK, ETH_BTC_BOOK, ETH_USDT_BOOK)));

    assertThat(r.status()).isEqualTo(ExecutionStatus.EXECUTED);
    assertThat(r.otherFees()).isEqualByComparingTo("0");
    assertThat(r.realizedProfit()).isEqualByComparingTo("12.08131569");
    assertThat(r.reason())
        .contains("fees not valued in USDT", "0.00123818 BNB on binance", "no BNB/USDT book");
  }

  @Test
  void partialFillOfLegTwoIsUnwoundBackToUsdt() {
    standIn.fills(1001, "c1-1", "BTCUSDT", "BUY", "110000", "0.00909", LEG1);
    // IOC: 0.1 of 0.227 ETH filled, the rest expired; commission 0.1 % of 0.1 ETH in ETH
    standIn.onPlace(
        "ETHBTC",
        "BUY",
        json(
            200,
            BinanceStandIn.placed(
                1002,
                "c1-2",
                "ETHBTC",
                "BUY",
                "EXPIRED",
                "0.04",
                "0.227",
                "0.1",
                new Trade("0.04", "0.1", "0.0001", "ETH"))));
    // unwind: 0.00908091 − 0.004 = 0.00508091 BTC unspent → 0.00508 at the lot; 0.0999 ETH bought
    btcSaleFills("0.00508", "0.5587492");
    standIn.fills(
        1005,
        "c1-u2",
        "ETHUSDT",
        "SELL",
        "4462.53",
        "0.0999",
        new Trade("4462.53", "0.0999", "0.445806747", "USDT"));

    ExecutionResult r = run();

    assertThat(r.status()).isEqualTo(ExecutionStatus.UNWOUND);
    assertThat(r.legs()).hasSize(2);
    assertFill(r.legs().get(1), "1002", "0.004", "0.0999", "0.1", "0.04", "0.0001");
    assertThat(r.legs().get(1).note()).contains("0.1 of 0.227 ETH filled", "expired");
    assertThat(r.reason()).contains("leg 2");
    assertThat(r.unwind()).hasSize(2);
    // 0.00508 × 109990 = 558.7492, less 0.5587492
    assertFill(
        r.unwind().get(0), "1004", "0.00508", "558.1904508", "0.00508", "109990", "0.5587492");
    // 0.0999 × 4462.53 = 445.806747, less 0.445806747
    assertFill(
        r.unwind().get(1), "1005", "0.0999", "445.360940253", "0.0999", "4462.53", "0.445806747");
    // 558.1904508 + 445.360940253 − 999.9
    assertThat(r.realizedProfit()).isEqualByComparingTo("3.651391053");
    assertThat(binance.journal().find("c1-2").orElseThrow().state()).isEqualTo(OrderState.PARTIAL);
    assertThat(binance.journal().find("c1-u1").orElseThrow().state()).isEqualTo(OrderState.FILLED);
    assertThat(bodies(server, "/api/v3/order").get(2))
        .contains("symbol=BTCUSDT", "side=SELL", "quantity=0.00508", "timeInForce=IOC");
  }

  @Test
  void rejectionOfLegTwoIsAnEmptyFillWithBinancesMessageAndTheBtcIsSoldBack() {
    standIn.fills(1001, "c1-1", "BTCUSDT", "BUY", "110000", "0.00909", LEG1);
    standIn.onPlace(
        "ETHBTC",
        "BUY",
        json(400, LiveTestSupport.fixture("binance/error-insufficient-balance.json")));
    // 0.00908091 BTC held → 0.00908 at the lot, sold at 109990: 998.7092, less 0.9987092
    btcSaleFills("0.00908", "0.9987092");

    ExecutionResult r = run();

    assertThat(r.status()).isEqualTo(ExecutionStatus.UNWOUND);
    Fill rejected = r.legs().get(1);
    assertThat(rejected.filled()).isFalse();
    assertThat(rejected.note())
        .contains("binance rejected the order", "insufficient balance for requested action");
    assertFill(
        r.unwind().get(0), "1004", "0.00908", "997.7104908", "0.00908", "109990", "0.9987092");
    assertThat(r.realizedProfit()).isEqualByComparingTo("-2.1895092");
    assertThat(binance.journal().find("c1-2").orElseThrow().state()).isEqualTo(OrderState.REJECTED);
    // an answer: not looked up, not sent again
    server.verify(0, getRequestedFor(urlPathEqualTo("/api/v3/order")));
    assertThat(bodies(server, "/api/v3/order")).filteredOn(b -> b.contains("ETHBTC")).hasSize(1);
  }

  @Test
  void anOrderStillOpenAtTheTimeoutIsCancelledAndItsPartialFillReadFromItsTrades() {
    // the placement answers NEW (no fills yet); queries say PARTIALLY_FILLED until the cancel
    standIn.onPlace(
        "BTCUSDT",
        "BUY",
        json(
            200,
            BinanceStandIn.placed(
                1001, "c1-1", "BTCUSDT", "BUY", "NEW", "110000", "0.00909", "0")));
    String open =
        BinanceStandIn.order(
            1001,
            "c1-1",
            "BTCUSDT",
            "BUY",
            "PARTIALLY_FILLED",
            "110000",
            "0.00909",
            "0.004",
            "440");
    String cancelled =
        BinanceStandIn.order(
            1001, "c1-1", "BTCUSDT", "BUY", "CANCELED", "110000", "0.00909", "0.004", "440");
    server.stubFor(
        get(urlPathEqualTo("/api/v3/order"))
            .withQueryParam("orderId", equalTo("1001"))
            .inScenario("order")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(json(200, open)));
    server.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.delete(urlPathEqualTo("/api/v3/order"))
            .withQueryParam("orderId", equalTo("1001"))
            .inScenario("order")
            .willReturn(json(200, BinanceStandIn.cancelled(1001, "BTCUSDT")))
            .willSetStateTo("cancelled"));
    server.stubFor(
        get(urlPathEqualTo("/api/v3/order"))
            .withQueryParam("orderId", equalTo("1001"))
            .inScenario("order")
            .whenScenarioStateIs("cancelled")
            .willReturn(json(200, cancelled)));
    standIn.onTrades(
        1001,
        BinanceStandIn.trades(
            1001, "BTCUSDT", true, new Trade("110000", "0.004", "0.000004", "BTC")));
    // unwind: 0.004 − 0.000004 = 0.003996 BTC → 0.00399 at the lot: 438.8601, less 0.4388601
    btcSaleFills("0.00399", "0.4388601");

    ExecutionResult r = run();

    assertThat(r.status()).isEqualTo(ExecutionStatus.UNWOUND);
    assertFill(r.legs().get(0), "1001", "440", "0.003996", "0.004", "110000", "0.000004");
    assertThat(r.legs().get(0).note()).contains("0.004 of 0.00909 BTC filled", "canceled");
    assertThat(r.realizedProfit()).isEqualByComparingTo("-1.5787601");
    server.verify(
        1,
        deleteRequestedFor(urlPathEqualTo("/api/v3/order"))
            .withQueryParam("orderId", equalTo("1001")));
    server.verify(
        1,
        getRequestedFor(urlPathEqualTo("/api/v3/myTrades"))
            .withQueryParam("orderId", equalTo("1001")));
    assertThat(binance.journal().find("c1-1").orElseThrow().state()).isEqualTo(OrderState.PARTIAL);
  }

  @Test
  void aPlacementWhoseAnswerWasLostIsFoundByClientIdAndNotSentAgain() {
    standIn.onPlace("BTCUSDT", "BUY", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    standIn.onLookup(
        "c1-1",
        json(
            200,
            BinanceStandIn.order(
                1001, "c1-1", "BTCUSDT", "BUY", "FILLED", "110000", "0.00909", "0.00909",
                "999.9")));
    standIn.onTrades(1001, BinanceStandIn.trades(1001, "BTCUSDT", true, LEG1));
    standIn.fills(1002, "c1-2", "ETHBTC", "BUY", "0.04", "0.227", LEG2_BNB);
    standIn.fills(1003, "c1-3", "ETHUSDT", "SELL", "4462.53", "0.227", LEG3);

    ExecutionResult r = run();

    assertThat(r.status()).isEqualTo(ExecutionStatus.EXECUTED);
    assertFill(r.legs().get(0), "1001", "999.9", "0.00908091", "0.00909", "110000", "0.00000909");
    assertThat(r.realizedProfit()).isEqualByComparingTo("11.33840769");
    assertThat(bodies(server, "/api/v3/order").stream().filter(b -> b.contains("BTCUSDT")))
        .hasSize(1);
    server.verify(
        1,
        getRequestedFor(urlPathEqualTo("/api/v3/order"))
            .withQueryParam("origClientOrderId", equalTo("c1-1"))
            .withQueryParam("symbol", equalTo("BTCUSDT")));
    assertThat(binance.journal().states("c1-1"))
        .containsExactly(OrderState.INTENT, OrderState.SENT, OrderState.FILLED);
  }

  /** Placements on BTCUSDT while scenario {@code resend} is in {@code state}. */
  private static ScenarioMappingBuilder btcPlacement(String state) {
    return com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo("/api/v3/order"))
        .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("BTCUSDT"))
        .inScenario("resend")
        .whenScenarioStateIs(state);
  }

  @Test
  void aPlacementThatDidNotLandIsSentAgainOnlyAfterTheLookupFindsNothing() {
    server.stubFor(
        btcPlacement(Scenario.STARTED)
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
            .willSetStateTo("looked up"));
    server.stubFor(
        btcPlacement("looked up")
            .willReturn(
                json(
                    200,
                    BinanceStandIn.placed(
                        1001, "c1-1", "BTCUSDT", "BUY", "FILLED", "110000", "0.00909", "0.00909",
                        LEG1))));
    standIn.onLookup(
        "c1-1", json(400, LiveTestSupport.fixture("binance/error-order-does-not-exist.json")));
    standIn.fills(1002, "c1-2", "ETHBTC", "BUY", "0.04", "0.227", LEG2_BNB);
    standIn.fills(1003, "c1-3", "ETHUSDT", "SELL", "4462.53", "0.227", LEG3);

    ExecutionResult r = run();

    assertThat(r.status()).isEqualTo(ExecutionStatus.EXECUTED);
    List<String> sends =
        bodies(server, "/api/v3/order").stream().filter(b -> b.contains("symbol=BTCUSDT")).toList();
    assertThat(sends).hasSize(2);
    assertThat(sends.get(1)).contains("quantity=0.00909", "newClientOrderId=c1-1");
    server.verify(
        1,
        getRequestedFor(urlPathEqualTo("/api/v3/order"))
            .withQueryParam("origClientOrderId", equalTo("c1-1")));
  }

  @Test
  void cancelOfAnOrderBinanceNoLongerKnowsIsAlreadyClosed() throws Exception {
    standIn.onCancel(77, json(400, LiveTestSupport.fixture("binance/error-unknown-order.json")));
    standIn.onCancel(78, json(200, BinanceStandIn.cancelled(78, "BTCUSDT")));
    standIn.onLookup(
        "zz-9", json(400, LiveTestSupport.fixture("binance/error-order-does-not-exist.json")));

    assertThat(binance.orders().cancel(BTC_USDT, "77")).isFalse();
    assertThat(binance.orders().cancel(BTC_USDT, "78")).isTrue();
    assertThat(binance.orders().findByClientId(BTC_USDT, Side.BUY, "zz-9"))
        .isEqualTo(Optional.empty());
    assertThat(binance.orders().clientIdFor("c1-1")).isEqualTo("c1-1");
    // longer than Binance's 36 characters: a stable hash in Binance's alphabet
    String longId = "x".repeat(40) + "-1";
    assertThat(binance.orders().clientIdFor(longId))
        .matches("arb-[0-9a-f]{32}")
        .isEqualTo(binance.orders().clientIdFor(longId));
  }

  @Test
  void binanceDownBeforeTheFirstLegSendsNothingTwiceAndEndsUnknown() {
    server.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo("/api/v3/order"))
            .willReturn(aResponse().withStatus(503)));
    server.stubFor(get(urlPathEqualTo("/api/v3/order")).willReturn(aResponse().withStatus(503)));

    ExecutionResult r = run();

    assertThat(r.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(r.legs().get(0).note()).contains("outcome unknown", "lookup by client id failed");
    server.verify(1, postRequestedFor(urlPathEqualTo("/api/v3/order")));
    assertThat(binance.journal().find("c1-1").orElseThrow().state()).isEqualTo(OrderState.UNKNOWN);
  }
}
