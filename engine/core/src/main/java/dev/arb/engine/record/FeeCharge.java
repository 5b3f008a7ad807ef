package dev.arb.engine.record;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Decimals;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A fee an exchange charged in an asset the order neither spent nor received, such as Binance's
 * commission in BNB. It is not part of the order's spent or received amounts; execution values it
 * in the cycle's start asset and counts it in the realized profit.
 *
 * @param asset the asset charged
 * @param amount exact, &gt; 0
 */
public record FeeCharge(Asset asset, BigDecimal amount) {
  public FeeCharge {
    Objects.requireNonNull(asset, "asset");
    amount = Decimals.normalise(Objects.requireNonNull(amount, "amount"));
    if (amount.signum() <= 0) {
      throw new IllegalArgumentException("amount must be positive, got " + amount);
    }
  }
}
