package dev.arb.xchange.bitstamp;

import dev.arb.engine.model.Market;
import dev.arb.engine.model.Side;
import dev.arb.error.VenueException;
import dev.arb.xchange.spi.OrderStates;
import dev.arb.xchange.spi.OrderTraits;
import dev.arb.xchange.spi.VenueOrder;
import dev.arb.xchange.spi.VenueOrders;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.knowm.xchange.Exchange;
import org.knowm.xchange.bitstamp.BitstampAuthenticatedV2;
import org.knowm.xchange.bitstamp.dto.trade.BitstampOrder;
import org.knowm.xchange.bitstamp.dto.trade.BitstampOrderStatusResponse;
import org.knowm.xchange.bitstamp.dto.trade.BitstampOrderTransaction;
import org.knowm.xchange.bitstamp.service.BitstampTradeServiceRaw;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.exceptions.ExchangeException;

/**
 * Bitstamp ({@code POST /api/v2/buy|sell/<pair>/}, {@code order_status/}, {@code cancel_order/}).
 * XChange 5.2.1 sends neither Bitstamp's {@code ioc_order} nor its {@code client_order_id}: the
 * executor places a plain limit order and cancels what did not fill at once, and never re-sends a
 * placement whose answer was lost (there is no client id to look it up by). Fees are in the quote
 * asset.
 */
final class BitstampOrders implements VenueOrders {
  private static final OrderStates STATES =
      new OrderStates(Set.of("open", "queue"), Set.of("finished"));

  private final BitstampTradeServiceRaw trade;

  BitstampOrders(Exchange exchange) {
    this.trade = (BitstampTradeServiceRaw) exchange.getTradeService();
  }

  @Override
  public String name() {
    return "bitstamp";
  }

  @Override
  public OrderTraits traits() {
    return OrderTraits.PLACE_THEN_CANCEL;
  }

  @Override
  public String clientIdFor(String clientOrderId) {
    return clientOrderId;
  }

  @Override
  public String place(
      Market market, Side side, BigDecimal baseAmount, BigDecimal limitPrice, String clientOrderId)
      throws Exception {
    BitstampOrder o =
        trade.placeBitstampOrder(
            new CurrencyPair(market.base().code(), market.quote().code()),
            side == Side.BUY ? BitstampAuthenticatedV2.Side.buy : BitstampAuthenticatedV2.Side.sell,
            baseAmount,
            limitPrice);
    if (o.getErrorMessage() != null) {
      throw new VenueException(o.getErrorMessage());
    }
    if (o.getId() <= 0) {
      throw new VenueException("order placed without an id");
    }
    return Long.toString(o.getId());
  }

  @Override
  public VenueOrder query(Market market, Side side, String venueOrderId) throws Exception {
    BitstampOrderStatusResponse r = trade.getBitstampOrder(Long.valueOf(venueOrderId));
    if (r.getError() != null) {
      throw new VenueException(r.getError());
    }
    String b = market.base().code().toLowerCase(Locale.ROOT);
    String q = market.quote().code().toLowerCase(Locale.ROOT);
    BigDecimal base = BigDecimal.ZERO;
    BigDecimal quote = BigDecimal.ZERO;
    BigDecimal fee = BigDecimal.ZERO;
    if (r.getTransactions() != null) {
      for (BitstampOrderTransaction t : r.getTransactions()) {
        base = base.add(nz(t.getAmount(b)).abs());
        quote = quote.add(nz(t.getAmount(q)).abs());
        fee = fee.add(nz(t.getFee()));
      }
    }
    return STATES.order(
        venueOrderId, r.getStatus() == null ? null : r.getStatus().name(), null, base, quote, fee);
  }

  @Override
  public Optional<VenueOrder> findByClientId(Market market, Side side, String clientOrderId) {
    return Optional.empty();
  }

  @Override
  public boolean cancel(Market market, String venueOrderId) throws Exception {
    try {
      return trade.cancelBitstampOrder(Long.parseLong(venueOrderId));
    } catch (ExchangeException e) {
      if (e.getMessage() != null
          && e.getMessage().toLowerCase(Locale.ROOT).contains("order not found")) {
        return false;
      }
      throw e;
    }
  }

  private static BigDecimal nz(BigDecimal v) {
    return v == null ? BigDecimal.ZERO : v;
  }
}
