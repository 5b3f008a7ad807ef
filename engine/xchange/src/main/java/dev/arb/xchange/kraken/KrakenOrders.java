package dev.arb.xchange.kraken;

import dev.arb.engine.model.Market;
import dev.arb.engine.model.Side;
import dev.arb.error.VenueException;
import dev.arb.xchange.spi.OrderStates;
import dev.arb.xchange.spi.OrderTraits;
import dev.arb.xchange.spi.VenueOrder;
import dev.arb.xchange.spi.VenueOrders;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;
import org.knowm.xchange.Exchange;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.dto.Order;
import org.knowm.xchange.dto.trade.LimitOrder;
import org.knowm.xchange.exceptions.ExchangeException;
import org.knowm.xchange.kraken.dto.trade.KrakenOrder;
import org.knowm.xchange.kraken.dto.trade.KrakenOrderFlags;
import org.knowm.xchange.kraken.dto.trade.KrakenOrderResponse;
import org.knowm.xchange.kraken.dto.trade.TimeInForce;
import org.knowm.xchange.kraken.service.KrakenTradeServiceRaw;

/**
 * Kraken ({@code POST /0/private/AddOrder}, {@code QueryOrders}, {@code OpenOrders}, {@code
 * ClosedOrders}, {@code CancelOrder}): {@code timeinforce=IOC}; {@code oflags=fciq} so the fee is
 * always charged (and reported) in the quote asset; the client order id is sent as {@code userref},
 * a 32-bit number derived from it (CRC-32, positive). The pair list ({@code /0/public/AssetPairs})
 * is loaded before the first call, and again by the next call if that failed.
 */
final class KrakenOrders implements VenueOrders {
  private static final OrderStates STATES =
      new OrderStates(Set.of("open", "pending"), Set.of("closed"));

  private final Exchange exchange;
  private final KrakenTradeServiceRaw trade;
  private boolean pairsLoaded;

  KrakenOrders(Exchange exchange) {
    this.exchange = exchange;
    this.trade = (KrakenTradeServiceRaw) exchange.getTradeService();
  }

  @Override
  public String name() {
    return "kraken";
  }

  @Override
  public synchronized void prepare() throws Exception {
    if (!pairsLoaded) {
      exchange.remoteInit();
      pairsLoaded = true;
    }
  }

  @Override
  public OrderTraits traits() {
    return OrderTraits.IOC_WITH_CLIENT_ID;
  }

  @Override
  public String clientIdFor(String clientOrderId) {
    CRC32 crc = new CRC32();
    crc.update(clientOrderId.getBytes(StandardCharsets.UTF_8));
    return Long.toString(crc.getValue() & 0x7fffffffL);
  }

  @Override
  public String place(
      Market market, Side side, BigDecimal baseAmount, BigDecimal limitPrice, String clientOrderId)
      throws Exception {
    prepare();
    LimitOrder order =
        new LimitOrder.Builder(
                side == Side.BUY ? Order.OrderType.BID : Order.OrderType.ASK, pair(market))
            .originalAmount(baseAmount)
            .limitPrice(limitPrice)
            .userReference(clientIdFor(clientOrderId))
            .flag(TimeInForce.IOC)
            .flag(KrakenOrderFlags.FCIQ)
            .build();
    KrakenOrderResponse r = trade.placeKrakenLimitOrder(order);
    if (r.getTransactionIds() == null || r.getTransactionIds().isEmpty()) {
      throw new VenueException("AddOrder answered without a txid");
    }
    return r.getTransactionIds().get(0);
  }

  @Override
  public VenueOrder query(Market market, Side side, String venueOrderId) throws Exception {
    prepare();
    Map<String, KrakenOrder> m = trade.queryKrakenOrders(venueOrderId);
    KrakenOrder o = m.get(venueOrderId);
    if (o == null) {
      throw new VenueException("QueryOrders has no order " + venueOrderId);
    }
    return adapt(venueOrderId, o);
  }

  @Override
  public Optional<VenueOrder> findByClientId(Market market, Side side, String clientOrderId)
      throws Exception {
    prepare();
    String ref = clientIdFor(clientOrderId);
    Map<String, KrakenOrder> open = trade.getKrakenOpenOrders(false, ref);
    Optional<VenueOrder> found = newest(open);
    if (found.isPresent()) {
      return found;
    }
    return newest(trade.getKrakenClosedOrders(false, ref, null, null, null, null));
  }

  private static Optional<VenueOrder> newest(Map<String, KrakenOrder> orders) {
    if (orders == null) {
      return Optional.empty();
    }
    Map.Entry<String, KrakenOrder> best = null;
    for (Map.Entry<String, KrakenOrder> e : orders.entrySet()) {
      if (best == null || e.getValue().getOpenTimestamp() > best.getValue().getOpenTimestamp()) {
        best = e;
      }
    }
    return best == null ? Optional.empty() : Optional.of(adapt(best.getKey(), best.getValue()));
  }

  @Override
  public boolean cancel(Market market, String venueOrderId) throws Exception {
    prepare();
    try {
      return trade.cancelKrakenOrder(venueOrderId).getCount() > 0;
    } catch (ExchangeException e) {
      if (e.getMessage() != null && e.getMessage().contains("Unknown order")) {
        return false;
      }
      throw e;
    }
  }

  private static VenueOrder adapt(String id, KrakenOrder o) {
    return STATES.order(
        id,
        o.getStatus() == null ? null : o.getStatus().toString(),
        o.getCloseReason(),
        o.getVolumeExecuted(),
        o.getCost(),
        o.getFee());
  }

  private static CurrencyPair pair(Market m) {
    return new CurrencyPair(m.base().code(), m.quote().code());
  }
}
