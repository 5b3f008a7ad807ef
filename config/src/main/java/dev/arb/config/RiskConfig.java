package dev.arb.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Risk limits of execution ({@code arb.risk}). Amounts are in the cycle's start asset; empty means
 * no limit.
 *
 * @param maxTradeNotional most start asset one cycle may spend
 * @param maxDailyNotional most start asset all cycles of a UTC day may spend
 * @param minProfit least profit after fees, in the start asset, &ge; 0
 * @param slippageBufferBp extra profit margin in basis points of the amount spent, &ge; 0
 * @param maxDataAge oldest a cycle's book may be when it is traded
 * @param dailyLossLimit realized loss of a UTC day that trips the kill switch, &gt; 0
 * @param maxOpenCycles most cycles in progress at once, &ge; 1
 */
public record RiskConfig(
    Optional<BigDecimal> maxTradeNotional,
    Optional<BigDecimal> maxDailyNotional,
    BigDecimal minProfit,
    BigDecimal slippageBufferBp,
    Optional<Duration> maxDataAge,
    Optional<BigDecimal> dailyLossLimit,
    int maxOpenCycles) {
  public RiskConfig {
    Objects.requireNonNull(maxTradeNotional, "maxTradeNotional");
    Objects.requireNonNull(maxDailyNotional, "maxDailyNotional");
    Objects.requireNonNull(minProfit, "minProfit");
    Objects.requireNonNull(slippageBufferBp, "slippageBufferBp");
    Objects.requireNonNull(maxDataAge, "maxDataAge");
    Objects.requireNonNull(dailyLossLimit, "dailyLossLimit");
    if (maxOpenCycles < 1) {
      throw new IllegalArgumentException("maxOpenCycles must be at least 1, got " + maxOpenCycles);
    }
  }

  /** The defaults of {@code reference.conf}. */
  public static RiskConfig defaults() {
    return new RiskConfig(
        Optional.empty(),
        Optional.empty(),
        BigDecimal.ZERO,
        BigDecimal.valueOf(5),
        Optional.empty(),
        Optional.empty(),
        1);
  }
}
