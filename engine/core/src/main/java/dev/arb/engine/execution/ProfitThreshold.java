package dev.arb.engine.execution;

import dev.arb.engine.model.Decimals;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The least profit a cycle must still promise, at every re-check, to be traded: {@code minProfit +
 * start · slippageBufferBp / 10⁴}, in the start asset.
 *
 * @param minProfit least profit after fees, in the start asset, &ge; 0
 * @param slippageBufferBp extra margin in basis points of the start amount, &ge; 0
 */
public record ProfitThreshold(BigDecimal minProfit, BigDecimal slippageBufferBp) {
  private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);

  public ProfitThreshold {
    minProfit = Decimals.normalise(Objects.requireNonNull(minProfit, "minProfit"));
    slippageBufferBp =
        Decimals.normalise(Objects.requireNonNull(slippageBufferBp, "slippageBufferBp"));
    if (minProfit.signum() < 0 || slippageBufferBp.signum() < 0) {
      throw new IllegalArgumentException(
          "minProfit and slippageBufferBp must not be negative, got "
              + minProfit
              + " and "
              + slippageBufferBp);
    }
  }

  /** Any positive profit. */
  public static ProfitThreshold anyProfit() {
    return new ProfitThreshold(BigDecimal.ZERO, BigDecimal.ZERO);
  }

  /** The least profit required when {@code start} of the start asset is spent. */
  public BigDecimal required(BigDecimal start) {
    return Decimals.normalise(minProfit.add(start.multiply(slippageBufferBp).divide(TEN_THOUSAND)));
  }
}
