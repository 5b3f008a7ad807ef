package dev.arb.engine.record;

import dev.arb.engine.model.Decimals;
import dev.arb.engine.model.Leg;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One taker order: spend at most {@code spend} of {@code leg.from()}, never at a price worse than
 * {@code limitPrice} (immediate-or-cancel: what does not fill at once is cancelled).
 *
 * @param clientOrderId idempotency key, unique per order
 * @param leg market and side
 * @param spend most of {@code leg.from()} to spend, &gt; 0
 * @param limitPrice worst acceptable price in quote per base (highest for BUY, lowest for SELL)
 */
public record OrderRequest(String clientOrderId, Leg leg, BigDecimal spend, BigDecimal limitPrice) {
  public OrderRequest {
    Objects.requireNonNull(clientOrderId, "clientOrderId");
    Objects.requireNonNull(leg, "leg");
    spend = Decimals.normalise(Objects.requireNonNull(spend, "spend"));
    limitPrice = Decimals.normalise(Objects.requireNonNull(limitPrice, "limitPrice"));
    if (spend.signum() <= 0) {
      throw new IllegalArgumentException("spend must be positive, got " + spend);
    }
    if (limitPrice.signum() <= 0) {
      throw new IllegalArgumentException("limitPrice must be positive, got " + limitPrice);
    }
  }
}
