package dev.arb.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The daemon's pace and stop bound ({@code arb.run}).
 *
 * @param interval time between scans when market data does not set the pace (replayed snapshots
 *     without timestamps, or {@code --replay-speed 0}); positive
 * @param shutdownTimeout how long a clean stop may take (finish the current scan, flush the
 *     records) before the process exits at once; positive
 */
public record RunConfig(Duration interval, Duration shutdownTimeout) {
  public RunConfig {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive, got " + interval);
    }
    if (shutdownTimeout.isNegative() || shutdownTimeout.isZero()) {
      throw new IllegalArgumentException(
          "shutdownTimeout must be positive, got " + shutdownTimeout);
    }
  }

  /** The defaults of {@code reference.conf}: a scan a second, 20 s to stop. */
  public static RunConfig defaults() {
    return new RunConfig(Duration.ofSeconds(1), Duration.ofSeconds(20));
  }
}
