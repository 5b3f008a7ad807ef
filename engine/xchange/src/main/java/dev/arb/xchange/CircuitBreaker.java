package dev.arb.xchange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Marks an exchange down after {@code threshold} failed requests in a row (each after its retries):
 * while open, no request is sent; after {@code openFor} one request is let through (half-open) and
 * its result closes or re-opens the breaker. Thread-safe.
 */
public final class CircuitBreaker {
  private final int threshold;
  private final Duration openFor;
  private final Clock clock;
  private int failures;
  private Instant openUntil;

  public CircuitBreaker(int threshold, Duration openFor, Clock clock) {
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be at least 1");
    }
    this.threshold = threshold;
    this.openFor = openFor;
    this.clock = clock;
  }

  /** Whether a request may be sent now. */
  public synchronized boolean allows() {
    return openUntil == null || !clock.instant().isBefore(openUntil);
  }

  /** Records a successful request: closes the breaker. */
  public synchronized void success() {
    failures = 0;
    openUntil = null;
  }

  /** Records a failed request; opens the breaker at the threshold (or again when half-open). */
  public synchronized void failure() {
    failures++;
    if (failures >= threshold || openUntil != null) {
      openUntil = clock.instant().plus(openFor);
    }
  }

  /** While open, when the next request will be let through. */
  public synchronized Optional<Instant> retryAt() {
    return openUntil != null && clock.instant().isBefore(openUntil)
        ? Optional.of(openUntil)
        : Optional.empty();
  }
}
