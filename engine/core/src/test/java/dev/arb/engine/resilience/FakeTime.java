package dev.arb.engine.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Time that moves only when told or when something sleeps: a monotonic nanosecond clock, a wall
 * clock over it, and a sleeper that records each wait and advances both.
 */
final class FakeTime implements Sleeper {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private long nanos;
  final List<Duration> waits = new ArrayList<>();

  synchronized long nanoTime() {
    return nanos;
  }

  synchronized void advance(Duration d) {
    nanos += d.toNanos();
  }

  @Override
  public synchronized void sleepNanos(long n) {
    waits.add(Duration.ofNanos(n));
    nanos += n;
  }

  synchronized Instant now() {
    return START.plusNanos(nanos);
  }

  /** Waits in all so far. */
  synchronized Duration waited() {
    return waits.stream().reduce(Duration.ZERO, Duration::plus);
  }

  Clock clock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now();
      }
    };
  }
}
