package dev.arb.xchange.spi;

import dev.arb.engine.model.Decimals;
import dev.arb.engine.record.FeeCharge;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * An order as the exchange reports it. Amounts are exact as the exchange sent them.
 *
 * @param venueOrderId the exchange's order id
 * @param open whether it can still trade (new, pending, open)
 * @param baseFilled base amount executed
 * @param quoteFilled quote value executed, before any fee
 * @param fee fee charged in the base or quote asset
 * @param feeInBase true when {@code fee} was taken from the base asset, false from the quote asset
 * @param note the exchange's reason when it closed the order without a full fill ({@code ""} when
 *     none)
 * @param otherFee a fee charged in a third asset besides {@code fee} (Binance's commission in BNB);
 *     empty when none
 */
public record VenueOrder(
    String venueOrderId,
    boolean open,
    BigDecimal baseFilled,
    BigDecimal quoteFilled,
    BigDecimal fee,
    boolean feeInBase,
    String note,
    Optional<FeeCharge> otherFee) {
  /** An order whose whole fee is in its base or quote asset. */
  public VenueOrder(
      String venueOrderId,
      boolean open,
      BigDecimal baseFilled,
      BigDecimal quoteFilled,
      BigDecimal fee,
      boolean feeInBase,
      String note) {
    this(venueOrderId, open, baseFilled, quoteFilled, fee, feeInBase, note, Optional.empty());
  }

  public VenueOrder {
    Objects.requireNonNull(venueOrderId, "venueOrderId");
    baseFilled = Decimals.normalise(Objects.requireNonNull(baseFilled, "baseFilled"));
    quoteFilled = Decimals.normalise(Objects.requireNonNull(quoteFilled, "quoteFilled"));
    fee = Decimals.normalise(Objects.requireNonNull(fee, "fee"));
    Objects.requireNonNull(note, "note");
    Objects.requireNonNull(otherFee, "otherFee");
  }
}
