package dev.arb.engine.record;

import dev.arb.engine.model.Decimals;
import dev.arb.engine.model.Leg;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * What one order actually did. Amounts are exact and scale-normalised; a fill may be partial or
 * empty (nothing filled: {@code spent = received = 0}).
 *
 * @param leg the market and side
 * @param orderId the venue's order id (paper: {@code paper-<client id>})
 * @param requested amount of {@code leg.from()} the order was allowed to spend, &gt; 0
 * @param spent amount of {@code leg.from()} actually spent, 0 &le; spent &le; requested
 * @param received amount of {@code leg.to()} received after the fee, &ge; 0
 * @param baseAmount base amount traded, &ge; 0
 * @param averagePrice volume-weighted price before fee (quote per base); 0 when nothing filled
 * @param fee fee paid, in {@code leg.to()}, &ge; 0
 * @param note why the fill is short or empty ({@code ""} when it is not)
 * @param otherFee a fee charged in a third asset (Binance's BNB), not in {@code fee}; empty when
 *     none
 */
public record Fill(
    Leg leg,
    String orderId,
    BigDecimal requested,
    BigDecimal spent,
    BigDecimal received,
    BigDecimal baseAmount,
    BigDecimal averagePrice,
    BigDecimal fee,
    String note,
    Optional<FeeCharge> otherFee) {
  /** A fill whose fee is all in {@code leg.to()}. */
  public Fill(
      Leg leg,
      String orderId,
      BigDecimal requested,
      BigDecimal spent,
      BigDecimal received,
      BigDecimal baseAmount,
      BigDecimal averagePrice,
      BigDecimal fee,
      String note) {
    this(
        leg,
        orderId,
        requested,
        spent,
        received,
        baseAmount,
        averagePrice,
        fee,
        note,
        Optional.empty());
  }

  public Fill {
    Objects.requireNonNull(leg, "leg");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(note, "note");
    requested = nonNegative(requested, "requested");
    spent = nonNegative(spent, "spent");
    received = nonNegative(received, "received");
    baseAmount = nonNegative(baseAmount, "baseAmount");
    averagePrice = nonNegative(averagePrice, "averagePrice");
    fee = nonNegative(fee, "fee");
    Objects.requireNonNull(otherFee, "otherFee");
    if (spent.compareTo(requested) > 0) {
      throw new IllegalArgumentException("spent " + spent + " exceeds requested " + requested);
    }
  }

  /** An order that filled nothing. */
  public static Fill empty(Leg leg, String orderId, BigDecimal requested, String note) {
    BigDecimal z = BigDecimal.ZERO;
    return new Fill(leg, orderId, requested, z, z, z, z, z, note);
  }

  /** Whether anything filled. */
  public boolean filled() {
    return spent.signum() > 0;
  }

  private static BigDecimal nonNegative(BigDecimal v, String name) {
    Objects.requireNonNull(v, name);
    if (v.signum() < 0) {
      throw new IllegalArgumentException(name + " must not be negative, got " + v);
    }
    return Decimals.normalise(v);
  }
}
