package dev.arb.engine.sizing;

import dev.arb.engine.model.Decimals;
import dev.arb.engine.model.Leg;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * How one leg of a plan fills against its book, exactly.
 *
 * @param leg the leg
 * @param spent amount of {@code leg.from()} spent (quote for BUY, base for SELL), &gt; 0
 * @param received amount of {@code leg.to()} received after the fee, &gt; 0
 * @param baseAmount the order's base amount, a multiple of the market's lot size
 * @param averagePrice volume-weighted price of the fill, before fee (quote per base)
 * @param worstPrice price of the last level touched (the limit price to send)
 * @param fee fee paid, in {@code leg.to()} (the fee is taken from the amount received)
 * @param levelsUsed number of book levels the fill touches, &ge; 1
 */
public record LegFill(
    Leg leg,
    BigDecimal spent,
    BigDecimal received,
    BigDecimal baseAmount,
    BigDecimal averagePrice,
    BigDecimal worstPrice,
    BigDecimal fee,
    int levelsUsed) {
  public LegFill {
    Objects.requireNonNull(leg, "leg");
    spent = positive(spent, "spent");
    received = positive(received, "received");
    baseAmount = positive(baseAmount, "baseAmount");
    averagePrice = positive(averagePrice, "averagePrice");
    worstPrice = positive(worstPrice, "worstPrice");
    fee = Decimals.normalise(Objects.requireNonNull(fee, "fee"));
    if (fee.signum() < 0) {
      throw new IllegalArgumentException("fee must not be negative, got " + fee);
    }
    if (levelsUsed < 1) {
      throw new IllegalArgumentException("levelsUsed must be >= 1, got " + levelsUsed);
    }
  }

  private static BigDecimal positive(BigDecimal v, String name) {
    Objects.requireNonNull(v, name);
    if (v.signum() <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + v);
    }
    return Decimals.normalise(v);
  }
}
