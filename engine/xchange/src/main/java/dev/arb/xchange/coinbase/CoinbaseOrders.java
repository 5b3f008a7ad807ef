package dev.arb.xchange.coinbase;

import dev.arb.engine.model.Market;
import dev.arb.engine.model.Side;
import dev.arb.error.VenueException;
import dev.arb.xchange.spi.OrderStates;
import dev.arb.xchange.spi.OrderTraits;
import dev.arb.xchange.spi.VenueOrder;
import dev.arb.xchange.spi.VenueOrders;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.knowm.xchange.Exchange;
import org.knowm.xchange.coinbasepro.dto.CoinbaseProException;
import org.knowm.xchange.coinbasepro.dto.trade.CoinbaseProOrder;
import org.knowm.xchange.coinbasepro.dto.trade.CoinbaseProPlaceLimitOrder;
import org.knowm.xchange.coinbasepro.dto.trade.CoinbaseProPlaceOrder;
import org.knowm.xchange.coinbasepro.service.CoinbaseProTradeServiceRaw;
import org.knowm.xchange.exceptions.ExchangeException;
import si.mazi.rescu.HttpStatusExceptionSupport;

/**
 * Coinbase Exchange ({@code POST /orders}, {@code GET /orders/<id>}, {@code GET
 * /orders/client:<client_oid>}, {@code DELETE /orders/<id>}): {@code time_in_force=IOC}; the client
 * order id is sent as {@code client_oid}, a name-based UUID of arb's id; fees are in the quote
 * asset.
 */
final class CoinbaseOrders implements VenueOrders {
  private static final OrderStates STATES =
      new OrderStates(Set.of("open", "pending", "active"), Set.of("done", "filled"));

  private final CoinbaseProTradeServiceRaw trade;

  CoinbaseOrders(Exchange exchange) {
    this.trade = (CoinbaseProTradeServiceRaw) exchange.getTradeService();
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
    CoinbaseProPlaceLimitOrder order =
        new CoinbaseProPlaceLimitOrder.Builder()
            .productId(market.base().code() + "-" + market.quote().code())
            .side(
                side == Side.BUY ? CoinbaseProPlaceOrder.Side.buy : CoinbaseProPlaceOrder.Side.sell)
            .type(CoinbaseProPlaceOrder.Type.limit)
            .size(baseAmount)
            .price(limitPrice)
            .timeInForce(CoinbaseProPlaceLimitOrder.TimeInForce.IOC)
            .clientOid(clientIdFor(clientOrderId))
            .build();
    String id = trade.placeCoinbaseProOrder(order).getId();
    if (id == null || id.isEmpty()) {
      throw new VenueException("POST /orders answered without an order id");
    }
    return id;
  }

  @Override
  public VenueOrder query(Market market, Side side, String venueOrderId) throws Exception {
    return adapt(trade.getOrder(venueOrderId));
  }

  @Override
  public Optional<VenueOrder> findByClientId(Market market, Side side, String clientOrderId)
      throws Exception {
    try {
      return Optional.of(adapt(trade.getOrder("client:" + clientIdFor(clientOrderId))));
    } catch (ExchangeException | CoinbaseProException e) {
      if (notFound(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public boolean cancel(Market market, String venueOrderId) throws Exception {
    try {
      return trade.cancelCoinbaseProOrder(venueOrderId);
    } catch (ExchangeException | CoinbaseProException e) {
      if (notFound(e) || String.valueOf(e.getMessage()).contains("done")) {
        return false;
      }
      throw e;
    }
  }

  private static boolean notFound(Exception e) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof HttpStatusExceptionSupport h && h.getHttpStatusCode() == 404) {
        return true;
      }
      if (c.getMessage() != null && c.getMessage().toLowerCase(Locale.ROOT).contains("not found")) {
        return true;
      }
    }
    return false;
  }

  private static VenueOrder adapt(CoinbaseProOrder o) {
    return STATES.order(
        o.getId(),
        o.getStatus(),
        o.getDoneReason(),
        o.getFilledSize(),
        o.getExecutedvalue(),
        o.getFillFees());
  }
}
