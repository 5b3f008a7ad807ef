package dev.arb.xchange.live;

import dev.arb.engine.model.Market;
import dev.arb.engine.model.Side;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * One exchange's order calls, in arb's terms. Implementations translate to XChange at the edge and
 * let XChange's exceptions through (the executor classifies them); they never retry.
 *
 * <p>Client order ids are mapped per exchange (see {@link #clientIdFor}): Kraken's {@code userref}
 * (a 32-bit number), Coinbase's {@code client_oid} (a UUID); Bitstamp through XChange 5.2.1 has
 * none, so a Bitstamp placement whose answer is lost is never sent again.
 */
public interface VenueOrders {

  /** Lower-case exchange name as in arb's config. */
  String name();

  /** Whether the exchange takes immediate-or-cancel on a limit order (else: place, then cancel). */
  boolean nativeImmediateOrCancel();

  /** Whether an order can be found by its client order id (which makes a safe re-send possible). */
  boolean findsByClientId();

  /** Whether the fee of a buy is charged in the base asset (then the whole spend buys base). */
  boolean buyFeeInBase();

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
   * #findsByClientId}).
   */
  Optional<VenueOrder> findByClientId(Market market, Side side, String clientOrderId)
      throws Exception;

  /**
   * Cancels an order. Returns false when the exchange says there is nothing (left) to cancel: the
   * order is already closed.
   */
  boolean cancel(Market market, String venueOrderId) throws Exception;
}
