package dev.arb.xchange.spi;

import dev.arb.engine.model.Market;
import dev.arb.engine.model.Side;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * One exchange's order calls, in arb's terms. Implementations translate to XChange at the edge and
 * let XChange's exceptions through to the caller's {@link dev.arb.engine.resilience.Retry}, which
 * classifies them ({@link XChangeFaults}); they never retry.
 *
 * <p>Client order ids are mapped per exchange (see {@link #clientIdFor}): Kraken's {@code userref}
 * (a 32-bit number), Coinbase's {@code client_oid} (a UUID); Bitstamp through XChange 5.2.1 has
 * none, so a Bitstamp placement whose answer is lost is never sent again.
 */
public interface VenueOrders {

  /** Lower-case exchange name as in arb's config. */
  String name();

  /** How the exchange's orders behave: immediate-or-cancel, lookup by client id, fee asset. */
  OrderTraits traits();

  /**
   * Loads what the adapter needs before its first call (Kraken: its pair list); does nothing once
   * done. A failure leaves it to be tried again by the next call.
   */
  default void prepare() throws Exception {}

  /** The exchange's form of arb's client order id, as sent with the order. */
  String clientIdFor(String clientOrderId);

  /**
   * Places a limit order, immediate-or-cancel where the exchange supports it.
   *
   * @return the exchange's order id
   */
  String place(
      Market market, Side side, BigDecimal baseAmount, BigDecimal limitPrice, String clientOrderId)
      throws Exception;

  /** The order's current state; {@code market} and {@code side} say how to read it. */
  VenueOrder query(Market market, Side side, String venueOrderId) throws Exception;

  /**
   * The order placed with this client order id, if the exchange has one (see {@link
   * OrderTraits#findsByClientId}).
   */
  Optional<VenueOrder> findByClientId(Market market, Side side, String clientOrderId)
      throws Exception;

  /**
   * Cancels an order. Returns false when the exchange says there is nothing (left) to cancel: the
   * order is already closed.
   */
  boolean cancel(Market market, String venueOrderId) throws Exception;
}
