package dev.arb.engine.execution;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Limits every trade must pass. Amounts are in the cycle's start asset (a day's totals are kept per
 * start asset); empty means no limit.
 *
 * @param maxTradeNotional most start asset one cycle may spend
 * @param maxDailyNotional most start asset all cycles of one UTC day may spend together
 * @param threshold least profit after fees plus the slippage buffer, at sizing and at every
 *     re-check
 * @param maxDataAge oldest a cycle's book may be, relative to the trade's clock
 * @param dailyLossLimit realized losses of one UTC day (per start asset) at or beyond this trip the
 *     kill switch; positive
 */
public record RiskLimits(
    Optional<BigDecimal> maxTradeNotional,
    Optional<BigDecimal> maxDailyNotional,
    ProfitThreshold threshold,
    Optional<Duration> maxDataAge,
    Optional<BigDecimal> dailyLossLimit) {
  public RiskLimits {
    Objects.requireNonNull(maxTradeNotional, "maxTradeNotional");
    Objects.requireNonNull(maxDailyNotional, "maxDailyNotional");
    Objects.requireNonNull(threshold, "threshold");
    Objects.requireNonNull(maxDataAge, "maxDataAge");
    Objects.requireNonNull(dailyLossLimit, "dailyLossLimit");
  }

  /** No limits beyond any positive profit. */
  public static RiskLimits none() {
    return new RiskLimits(
        Optional.empty(),
        Optional.empty(),
        ProfitThreshold.anyProfit(),
        Optional.empty(),
        Optional.empty());
  }
}
