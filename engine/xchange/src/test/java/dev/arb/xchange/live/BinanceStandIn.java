package dev.arb.xchange.live;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Binance order answers for the live tests, built from the bodies written by hand in Binance's
 * documented format ({@code live/binance/}, see its README): each keeps every field of the
 * documentation's example and sets the symbol, ids, status, amounts and fills of the case.
 */
final class BinanceStandIn {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One trade of an order: price, quantity, commission and its asset. */
  record Trade(String price, String qty, String commission, String asset) {}

  private final WireMockServer server;

  BinanceStandIn(WireMockServer server) {
    this.server = server;
  }

  private static ObjectNode template(String name) {
    try {
      return (ObjectNode) JSON.readTree(LiveTestSupport.fixture("binance/" + name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  /** The {@code newOrderRespType=FULL} answer of a limit IOC order. */
  static String placed(
      long orderId,
      String clientId,
      String symbol,
      String side,
      String status,
      String price,
      String origQty,
      String executedQty,
      Trade... fills) {
    ObjectNode o = template("new-order-full.json");
    o.put("symbol", symbol)
        .put("orderId", orderId)
        .put("clientOrderId", clientId)
        .put("price", price)
        .put("origQty", origQty)
        .put("executedQty", executedQty)
        .put("status", status)
        .put("timeInForce", "IOC")
        .put("type", "LIMIT")
        .put("side", side);
    java.math.BigDecimal quote = java.math.BigDecimal.ZERO;
    ArrayNode list = o.putArray("fills");
    long tradeId = orderId * 10;
    for (Trade t : fills) {
      quote =
          quote.add(
              new java.math.BigDecimal(t.price()).multiply(new java.math.BigDecimal(t.qty())));
      list.addObject()
          .put("price", t.price())
          .put("qty", t.qty())
          .put("commission", t.commission())
          .put("commissionAsset", t.asset())
          .put("tradeId", tradeId++);
    }
    o.put("cummulativeQuoteQty", quote.toPlainString());
    return o.toString();
  }

  /** A {@code GET /api/v3/order} answer. */
  static String order(
      long orderId,
      String clientId,
      String symbol,
      String side,
      String status,
      String price,
      String origQty,
      String executedQty,
      String cumQuote) {
    ObjectNode o = template("query-order.json");
    o.put("symbol", symbol)
        .put("orderId", orderId)
        .put("clientOrderId", clientId)
        .put("price", price)
        .put("origQty", origQty)
        .put("executedQty", executedQty)
        .put("cummulativeQuoteQty", cumQuote)
        .put("status", status)
        .put("timeInForce", "IOC")
        .put("side", side)
        .put("isWorking", status.equals("NEW") || status.equals("PARTIALLY_FILLED"));
    return o.toString();
  }

  /** A {@code GET /api/v3/myTrades?orderId=} answer. */
  static String trades(long orderId, String symbol, boolean buyer, Trade... fills) {
    try {
      ObjectNode one =
          (ObjectNode) JSON.readTree(LiveTestSupport.fixture("binance/my-trades.json")).get(0);
      ArrayNode out = JSON.createArrayNode();
      long id = orderId * 10;
      for (Trade t : fills) {
        ObjectNode o = one.deepCopy();
        o.put("symbol", symbol)
            .put("id", id++)
            .put("orderId", orderId)
            .put("price", t.price())
            .put("qty", t.qty())
            .put(
                "quoteQty",
                new java.math.BigDecimal(t.price())
                    .multiply(new java.math.BigDecimal(t.qty()))
                    .toPlainString())
            .put("commission", t.commission())
            .put("commissionAsset", t.asset())
            .put("isBuyer", buyer);
        out.add(o);
      }
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String cancelled(long orderId, String symbol) {
    return template("cancel-order.json").put("symbol", symbol).put("orderId", orderId).toString();
  }

  /** The answer to a placement of {@code symbol} on {@code side}. */
  void onPlace(String symbol, String side, ResponseDefinitionBuilder answer) {
    server.stubFor(
        post(urlPathEqualTo("/api/v3/order"))
            .withRequestBody(containing("symbol=" + symbol))
            .withRequestBody(containing("side=" + side))
            .willReturn(answer));
  }

  void onQuery(long orderId, String body) {
    server.stubFor(
        get(urlPathEqualTo("/api/v3/order"))
            .withQueryParam("orderId", equalTo(Long.toString(orderId)))
            .willReturn(json(200, body)));
  }

  void onTrades(long orderId, String body) {
    server.stubFor(
        get(urlPathEqualTo("/api/v3/myTrades"))
            .withQueryParam("orderId", equalTo(Long.toString(orderId)))
            .willReturn(json(200, body)));
  }

  void onLookup(String clientId, ResponseDefinitionBuilder answer) {
    server.stubFor(
        get(urlPathEqualTo("/api/v3/order"))
            .withQueryParam("origClientOrderId", equalTo(clientId))
            .willReturn(answer));
  }

  void onCancel(long orderId, ResponseDefinitionBuilder answer) {
    server.stubFor(
        delete(urlPathEqualTo("/api/v3/order"))
            .withQueryParam("orderId", equalTo(Long.toString(orderId)))
            .willReturn(answer));
  }

  /** A filled placement answered in full: the order and nothing else to ask. */
  void fills(
      long orderId,
      String clientId,
      String symbol,
      String side,
      String price,
      String qty,
      Trade... fills) {
    onPlace(
        symbol,
        side,
        json(200, placed(orderId, clientId, symbol, side, "FILLED", price, qty, qty, fills)));
  }
}
