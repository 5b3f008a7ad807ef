package dev.arb.xchange.live;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import dev.arb.xchange.coinbase.advanced.TestCdpKeys;
import java.net.URI;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A Coinbase Advanced Trade stand-in: every private stub answers only a request whose {@code
 * Authorization: Bearer JWT} verifies with the test key's public half and whose {@code uri} claim
 * names this request (method, host, path), so an unsigned or wrongly signed request gets no answer
 * (WireMock's 404). Bodies are the hand-made fixtures of {@code live/coinbase-advanced/} with each
 * case's values.
 */
final class AdvancedTradeStandIn {
  static final String BASE = "/api/v3/brokerage";

  private final WireMockServer server;
  private final PublicKey key;
  private final String host;
  final List<String> refused = Collections.synchronizedList(new ArrayList<>());

  AdvancedTradeStandIn(WireMockServer server, PublicKey key) {
    this.server = server;
    this.key = key;
    this.host = URI.create(server.baseUrl()).getAuthority();
  }

  /** Whether the request carries a valid JWT for itself. */
  MatchResult signed(Request r) {
    String path = URI.create(r.getUrl()).getPath();
    String uri = r.getMethod().getName() + " " + host + path;
    var problem = TestCdpKeys.problem(r.getHeader("Authorization"), key, uri);
    problem.ifPresent(p -> refused.add(uri + ": " + p));
    return MatchResult.of(problem.isEmpty());
  }

  static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  private static String fixture(String name) {
    return LiveTestSupport.fixture("coinbase-advanced/" + name);
  }

  static String placed(String id, String clientId, String product, String side) {
    return fixture("create-order-success.json")
        .replace("CLIENT_ORDER_ID", clientId)
        .replace("ORDER_ID", id)
        .replace("PRODUCT_ID", product)
        .replace("SIDE", side);
  }

  static String refusedOrder() {
    return fixture("create-order-failure.json");
  }

  static String order(
      String id,
      String clientId,
      String product,
      String side,
      String status,
      String size,
      String limit,
      String filled,
      String value,
      String fees) {
    return fixture("order.json")
        .replace("CLIENT_ORDER_ID", clientId)
        .replace("ORDER_ID", id)
        .replace("PRODUCT_ID", product)
        .replace("\"SIDE\"", "\"" + side + "\"")
        .replace("\"STATUS\"", "\"" + status + "\"")
        .replace("BASE_SIZE", size)
        .replace("LIMIT_PRICE", limit)
        .replace("FILLED_SIZE", filled)
        .replace("FILLED_VALUE", value)
        .replace("TOTAL_FEES", fees);
  }

  /** A page of {@code orders/historical/batch}: the order entries of {@link #order}. */
  static String page(boolean hasNext, String cursor, String... orders) {
    List<String> entries = new ArrayList<>();
    for (String o : orders) {
      String inner = o.trim();
      inner = inner.substring(inner.indexOf('{', 1), inner.lastIndexOf('}')).trim();
      entries.add(inner);
    }
    return "{\"orders\": ["
        + String.join(",", entries)
        + "], \"sequence\": \"0\", \"has_next\": "
        + hasNext
        + ", \"cursor\": \""
        + cursor
        + "\"}";
  }

  /** A fill of {@code orders/historical/fills}. */
  record Fill(String price, String size, String commission) {}

  static String fills(String orderId, String product, String side, Fill... fills) {
    List<String> entries = new ArrayList<>();
    int n = 1;
    for (Fill f : fills) {
      entries.add(
          fixture("fill.json")
              .replace("ENTRY_ID", orderId + "-e" + n)
              .replace("TRADE_ID", orderId + "-t" + n++)
              .replace("ORDER_ID", orderId)
              .replace("PRODUCT_ID", product)
              .replace("\"SIDE\"", "\"" + side + "\"")
              .replace("\"PRICE\"", "\"" + f.price() + "\"")
              .replace("\"SIZE\"", "\"" + f.size() + "\"")
              .replace("COMMISSION", f.commission()));
    }
    return "{\"fills\": [" + String.join(",", entries) + "], \"cursor\": \"\"}";
  }

  static String cancelled(String orderId, boolean success, String reason) {
    return fixture("batch-cancel.json")
        .replace("SUCCESS", Boolean.toString(success))
        .replace("FAILURE_REASON", reason)
        .replace("ORDER_ID", orderId);
  }

  static String notFound() {
    return fixture("error-not-found.json");
  }

  void onPlace(String product, String side, ResponseDefinitionBuilder answer) {
    server.stubFor(
        post(urlPathEqualTo(BASE + "/orders"))
            .withRequestBody(matchingJsonPath("$.product_id", equalTo(product)))
            .withRequestBody(matchingJsonPath("$.side", equalTo(side)))
            .andMatching(this::signed)
            .willReturn(answer));
  }

  void onOrder(String id, ResponseDefinitionBuilder answer) {
    server.stubFor(
        get(urlPathEqualTo(BASE + "/orders/historical/" + id))
            .andMatching(this::signed)
            .willReturn(answer));
  }

  void onFills(String id, String body) {
    server.stubFor(
        get(urlPathEqualTo(BASE + "/orders/historical/fills"))
            .withQueryParam("order_ids", equalTo(id))
            .andMatching(this::signed)
            .willReturn(json(200, body)));
  }

  void onList(String product, ResponseDefinitionBuilder answer) {
    server.stubFor(
        get(urlPathEqualTo(BASE + "/orders/historical/batch"))
            .withQueryParam("product_ids", equalTo(product))
            .andMatching(this::signed)
            .willReturn(answer));
  }

  void onCancel(String id, ResponseDefinitionBuilder answer) {
    server.stubFor(
        post(urlPathEqualTo(BASE + "/orders/batch_cancel"))
            .withRequestBody(matchingJsonPath("$.order_ids[0]", equalTo(id)))
            .andMatching(this::signed)
            .willReturn(answer));
  }

  /**
   * An order that fills at once: placed, then {@code FILLED} with its fills ({@code filled_value}
   * and {@code total_fees} as their sums).
   */
  void fills(
      String id,
      String clientId,
      String product,
      String side,
      String limit,
      String size,
      Fill... fills) {
    java.math.BigDecimal base = java.math.BigDecimal.ZERO;
    java.math.BigDecimal value = java.math.BigDecimal.ZERO;
    java.math.BigDecimal fee = java.math.BigDecimal.ZERO;
    for (Fill f : fills) {
      base = base.add(new java.math.BigDecimal(f.size()));
      value =
          value.add(
              new java.math.BigDecimal(f.price()).multiply(new java.math.BigDecimal(f.size())));
      fee = fee.add(new java.math.BigDecimal(f.commission()));
    }
    onPlace(product, side, json(200, placed(id, clientId, product, side)));
    onOrder(
        id,
        json(
            200,
            order(
                id,
                clientId,
                product,
                side,
                "FILLED",
                size,
                limit,
                base.toPlainString(),
                value.toPlainString(),
                fee.toPlainString())));
    onFills(id, fills(id, product, side, fills));
  }
}
