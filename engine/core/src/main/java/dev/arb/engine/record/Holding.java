package dev.arb.engine.record;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Decimals;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * An amount of an asset held on an exchange.
 *
 * @param exchange lower-case exchange name
 * @param asset the asset
 * @param amount exact, &gt; 0
 */
public record Holding(String exchange, Asset asset, BigDecimal amount) {
  public Holding {
    Objects.requireNonNull(exchange, "exchange");
    Objects.requireNonNull(asset, "asset");
    amount = Decimals.normalise(Objects.requireNonNull(amount, "amount"));
    if (amount.signum() <= 0) {
      throw new IllegalArgumentException("amount must be positive, got " + amount);
    }
  }
}
