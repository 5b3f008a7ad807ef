package dev.arb.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The daemon's pace, stop bound, record retention and how its streaming runner waits ({@code
 * arb.run}).
 *
 * @param interval time between scans when market data does not set the pace (replayed snapshots
 *     without timestamps, or {@code --replay-speed 0}); positive
 * @param shutdownTimeout how long a clean stop may take (finish the current scan, flush the
 *     records) before the process exits at once; positive
 * @param retention records detected longer ago than this are deleted by the daemon at start and
 *     then every {@link #RETENTION_EVERY} ({@code arb.run.retention}); empty: every record is kept
 * @param runnerWait how the streaming runner waits for the next event ({@code arb.run.wait})
 */
public record RunConfig(
    Duration interval, Duration shutdownTimeout, Optional<Duration> retention, Wait runnerWait) {

  /** How the streaming runner waits for the next event. */
  public enum Wait {
    /**
     * Spins about 20 µs, then yields for up to 1 ms, then sleeps: no core is held while the market
     * is quiet (the default).
     */
    PHASED,
    /**
     * Never sleeps: the runner keeps one core busy for the lowest tick-to-decision latency, and the
     * decision stage (sizing) runs at idle priority so that it never takes that core.
     */
    SPIN
  }

  /** How often the daemon applies {@link #retention} after start. */
  public static final Duration RETENTION_EVERY = Duration.ofHours(1);

  public RunConfig {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(runnerWait, "runnerWait");
    if (retention.isPresent() && (retention.get().isNegative() || retention.get().isZero())) {
      throw new IllegalArgumentException("retention must be positive, got " + retention.get());
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive, got " + interval);
    }
    if (shutdownTimeout.isNegative() || shutdownTimeout.isZero()) {
      throw new IllegalArgumentException(
          "shutdownTimeout must be positive, got " + shutdownTimeout);
    }
  }

  /** Keeping every record. */
  public RunConfig(Duration interval, Duration shutdownTimeout) {
    this(interval, shutdownTimeout, Optional.empty(), Wait.PHASED);
  }

  /** The defaults of {@code reference.conf}: a scan a second, 20 s to stop, records kept. */
  public static RunConfig defaults() {
    return new RunConfig(Duration.ofSeconds(1), Duration.ofSeconds(20));
  }
}
