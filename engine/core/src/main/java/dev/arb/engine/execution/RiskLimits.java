package dev.arb.engine.execution;

import dev.arb.config.RiskConfig;
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
 * @param maxOpenCycles most cycles in progress at once (started and not yet recorded), &ge; 1
 */
public record RiskLimits(
    Optional<BigDecimal> maxTradeNotional,
    Optional<BigDecimal> maxDailyNotional,
    ProfitThreshold threshold,
    Optional<Duration> maxDataAge,
    Optional<BigDecimal> dailyLossLimit,
    int maxOpenCycles) {
  public RiskLimits {
    Objects.requireNonNull(maxTradeNotional, "maxTradeNotional");
    Objects.requireNonNull(maxDailyNotional, "maxDailyNotional");
    Objects.requireNonNull(threshold, "threshold");
    Objects.requireNonNull(maxDataAge, "maxDataAge");
    Objects.requireNonNull(dailyLossLimit, "dailyLossLimit");
    if (maxOpenCycles < 1) {
      throw new IllegalArgumentException("maxOpenCycles must be at least 1, got " + maxOpenCycles);
    }
  }

  /** Limits with at most one cycle open at a time (the default of {@code arb.risk}). */
  public RiskLimits(
      Optional<BigDecimal> maxTradeNotional,
      Optional<BigDecimal> maxDailyNotional,
      ProfitThreshold threshold,
      Optional<Duration> maxDataAge,
      Optional<BigDecimal> dailyLossLimit) {
    this(maxTradeNotional, maxDailyNotional, threshold, maxDataAge, dailyLossLimit, 1);
  }

  /** No limits beyond any positive profit (and any number of open cycles). */
  public static RiskLimits none() {
    return new RiskLimits(
        Optional.empty(),
        Optional.empty(),
        ProfitThreshold.anyProfit(),
        Optional.empty(),
        Optional.empty(),
        Integer.MAX_VALUE);
  }

  /** The limits of {@code arb.risk}. */
  public static RiskLimits of(RiskConfig r) {
    return new RiskLimits(
        r.maxTradeNotional(),
        r.maxDailyNotional(),
        new ProfitThreshold(r.minProfit(), r.slippageBufferBp()),
        r.maxDataAge(),
        r.dailyLossLimit(),
        r.maxOpenCycles());
  }
}
