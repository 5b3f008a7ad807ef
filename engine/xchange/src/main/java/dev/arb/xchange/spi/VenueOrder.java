package dev.arb.xchange.spi;

import dev.arb.engine.model.Decimals;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * An order as the exchange reports it. Amounts are exact as the exchange sent them.
 *
 * @param venueOrderId the exchange's order id
 * @param open whether it can still trade (new, pending, open)
 * @param baseFilled base amount executed
 * @param quoteFilled quote value executed, before any fee
 * @param fee fee charged
 * @param feeInBase true when the fee was taken from the base asset, false from the quote asset
 * @param note the exchange's reason when it closed the order without a full fill ({@code ""} when
 *     none)
 */
public record VenueOrder(
    String venueOrderId,
    boolean open,
    BigDecimal baseFilled,
    BigDecimal quoteFilled,
    BigDecimal fee,
    boolean feeInBase,
    String note) {
  public VenueOrder {
    Objects.requireNonNull(venueOrderId, "venueOrderId");
    baseFilled = Decimals.normalise(Objects.requireNonNull(baseFilled, "baseFilled"));
    quoteFilled = Decimals.normalise(Objects.requireNonNull(quoteFilled, "quoteFilled"));
    fee = Decimals.normalise(Objects.requireNonNull(fee, "fee"));
    Objects.requireNonNull(note, "note");
  }
}
