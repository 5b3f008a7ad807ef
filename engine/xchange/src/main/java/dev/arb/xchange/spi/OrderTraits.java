package dev.arb.xchange.spi;

/**
 * How one exchange's orders behave, as far as the live executor must know.
 *
 * @param nativeImmediateOrCancel whether the exchange takes immediate-or-cancel on a limit order
 *     (else: place, then cancel what did not fill)
 * @param findsByClientId whether an order can be found by its client order id (which makes a safe
 *     re-send possible)
 * @param buyFeeInBase whether the fee of a buy is charged in the base asset (then the whole spend
 *     buys base)
 */
public record OrderTraits(
    boolean nativeImmediateOrCancel, boolean findsByClientId, boolean buyFeeInBase) {

  /** An IOC flag and lookup by client id; fees in the quote asset (Kraken, Coinbase). */
  public static final OrderTraits IOC_WITH_CLIENT_ID = new OrderTraits(true, true, false);

  /** Neither an IOC flag nor lookup by client id; fees in the quote asset (Bitstamp). */
  public static final OrderTraits PLACE_THEN_CANCEL = new OrderTraits(false, false, false);
}
