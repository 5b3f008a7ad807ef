package dev.arb.engine.paper;

import dev.arb.engine.model.Decimals;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * How far paper fills are from the books the trader saw ({@code arb.paper.latency} and {@code
 * arb.paper.slippage-bp}).
 *
 * @param latency how long an order takes to reach the simulated exchange, &ge; 0: when it is
 *     positive and the books as they are after it are known (a replay's next snapshot), orders fill
 *     on those; otherwise on the books the trader saw
 * @param slippageBp every fill price made worse by this many basis points, &ge; 0: a BUY pays
 *     {@code price · (1 + bp/10⁴)}, a SELL gets {@code price · (1 − bp/10⁴)}. A cost model, not a
 *     price move: the levels an order may touch are still those within its limit price
 */
public record PaperModel(Duration latency, BigDecimal slippageBp) {
  private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);

  public PaperModel {
    Objects.requireNonNull(latency, "latency");
    slippageBp = Decimals.normalise(Objects.requireNonNull(slippageBp, "slippageBp"));
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative, got " + latency);
    }
    if (slippageBp.signum() < 0 || slippageBp.compareTo(TEN_THOUSAND) >= 0) {
      throw new IllegalArgumentException(
          "slippageBp must be in [0, 10000), got " + slippageBp.toPlainString());
    }
  }

  /** Fills exactly on the books the trader saw. */
  public static PaperModel none() {
    return new PaperModel(Duration.ZERO, BigDecimal.ZERO);
  }

  /** The factor a BUY price is multiplied by: {@code 1 + bp/10⁴}. */
  BigDecimal buyFactor() {
    return BigDecimal.ONE.add(slippageBp.divide(TEN_THOUSAND));
  }

  /** The factor a SELL price is multiplied by: {@code 1 − bp/10⁴}. */
  BigDecimal sellFactor() {
    return BigDecimal.ONE.subtract(slippageBp.divide(TEN_THOUSAND));
  }
}
