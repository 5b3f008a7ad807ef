package dev.arb.xchange.coinbase.advanced;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.Side;
import dev.arb.error.VenueException;
import dev.arb.xchange.spi.OrderTraits;
import dev.arb.xchange.spi.VenueOrder;
import dev.arb.xchange.spi.VenueOrders;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import si.mazi.rescu.HttpStatusIOException;

/**
 * Coinbase Advanced Trade orders ({@code POST /api/v3/brokerage/orders}, {@code GET
 * /orders/historical/{id}}, {@code GET /orders/historical/fills}, {@code GET
 * /orders/historical/batch}, {@code POST /orders/batch_cancel}): limit orders with {@code
 * order_configuration.sor_limit_ioc} (immediate-or-cancel), the client order id sent as {@code
 * client_order_id}, a name-based UUID of arb's id; fees are in the quote asset.
 *
 * <p>The placement's answer carries only the order id: the order and its fills are read after it.
 * Advanced Trade has no lookup by client order id, so {@link #findByClientId} reads the product's
 * orders newest first, {@value #PAGE} a page, at most {@value #MAX_PAGES} pages; when the order is
 * not among them and older ones exist the lookup fails (the outcome stays unknown for
 * reconciliation) rather than saying "not placed", which would let the order be sent again.
 */
final class AdvancedTradeOrders implements VenueOrders {
  static final int PAGE = 100;
  static final int MAX_PAGES = 10;
  private static final int MAX_FILLS = 1000;

  /** Cancel failures that mean there is nothing left to cancel. */
  private static final Set<String> CLOSED =
      Set.of("UNKNOWN_CANCEL_ORDER", "ORDER_IS_FULLY_FILLED", "COMMANDER_REJECTED_CANCEL_ORDER");

  private final AdvancedTradeExchange exchange;

  AdvancedTradeOrders(AdvancedTradeExchange exchange) {
    this.exchange = exchange;
    exchange.auth();
  }

  @Override
  public String name() {
    return "coinbase";
  }

  @Override
  public OrderTraits traits() {
    return OrderTraits.IOC_WITH_CLIENT_ID;
  }

  @Override
  public String clientIdFor(String clientOrderId) {
    return UUID.nameUUIDFromBytes(clientOrderId.getBytes(StandardCharsets.UTF_8)).toString();
  }

  @Override
  public String place(
      Market market, Side side, BigDecimal baseAmount, BigDecimal limitPrice, String clientOrderId)
      throws Exception {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("client_order_id", clientIdFor(clientOrderId));
    body.put("product_id", productId(market));
    body.put("side", side == Side.BUY ? "BUY" : "SELL");
    ObjectNode ioc = body.putObject("order_configuration").putObject("sor_limit_ioc");
    ioc.put("base_size", baseAmount.toPlainString());
    ioc.put("limit_price", limitPrice.toPlainString());
    return AdvancedTradeJson.placed(exchange.api().createOrder(body, exchange.auth()));
  }

  @Override
  public VenueOrder query(Market market, Side side, String venueOrderId) throws Exception {
    JsonNode body = exchange.api().order(venueOrderId, exchange.auth());
    JsonNode o = body == null ? null : body.get("order");
    if (o == null || !o.isObject()) {
      throw new IOException(
          "Coinbase answered GET /api/v3/brokerage/orders/historical/"
              + venueOrderId
              + " without order");
    }
    return withFills(o);
  }

  @Override
  public Optional<VenueOrder> findByClientId(Market market, Side side, String clientOrderId)
      throws Exception {
    String wanted = clientIdFor(clientOrderId);
    String cursor = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      JsonNode body = exchange.api().orders(productId(market), PAGE, cursor, exchange.auth());
      JsonNode orders = body == null ? null : body.get("orders");
      if (orders == null || !orders.isArray()) {
        throw new IOException(
            "Coinbase answered GET /api/v3/brokerage/orders/historical/batch without orders");
      }
      for (JsonNode o : orders) {
        if (wanted.equals(AdvancedTradeJson.text(o, "client_order_id"))) {
          return Optional.of(withFills(o));
        }
      }
      cursor = AdvancedTradeJson.text(body, "cursor");
      if (!body.path("has_next").asBoolean(false) || cursor.isEmpty()) {
        return Optional.empty();
      }
    }
    throw new VenueException(
        "coinbase: client order id "
            + wanted
            + " not among the newest "
            + PAGE * MAX_PAGES
            + " orders of "
            + productId(market)
            + "; older ones were not read");
  }

  @Override
  public boolean cancel(Market market, String venueOrderId) throws Exception {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.putArray("order_ids").add(venueOrderId);
    JsonNode answer;
    try {
      answer = exchange.api().cancel(body, exchange.auth());
    } catch (HttpStatusIOException e) {
      if (e.getHttpStatusCode() == 404) {
        return false;
      }
      throw e;
    }
    JsonNode results = answer == null ? null : answer.get("results");
    if (results == null || !results.isArray() || results.isEmpty()) {
      throw new IOException(
          "Coinbase answered POST /api/v3/brokerage/orders/batch_cancel without results");
    }
    JsonNode r = results.get(0);
    if (r.path("success").asBoolean(false)) {
      return true;
    }
    String reason = AdvancedTradeJson.text(r, "failure_reason");
    if (CLOSED.contains(reason)) {
      return false;
    }
    throw new VenueException("Coinbase did not cancel order " + venueOrderId + ": " + reason);
  }

  /** The order, with its fills once it is closed and has filled. */
  private VenueOrder withFills(JsonNode o) throws Exception {
    VenueOrder bare = AdvancedTradeJson.order(o, null);
    if (bare.open() || bare.baseFilled().signum() == 0) {
      return bare;
    }
    JsonNode fills = exchange.api().fills(bare.venueOrderId(), MAX_FILLS, exchange.auth());
    JsonNode list = fills == null ? null : fills.get("fills");
    if (list == null || !list.isArray()) {
      throw new IOException(
          "Coinbase answered GET /api/v3/brokerage/orders/historical/fills without fills");
    }
    return AdvancedTradeJson.order(o, list);
  }

  private static String productId(Market m) {
    return m.base().code() + "-" + m.quote().code();
  }
}
