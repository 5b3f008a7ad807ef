package dev.arb.engine.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Marks an outside service down after {@code threshold} failed calls in a row (each after its
 * retries): while open, no call is sent; after {@code openFor} calls are let through again
 * (half-open) and the next result closes the breaker (a success) or opens it again at once (a
 * failure). Thread-safe; time comes from the injected clock.
 */
public final class CircuitBreaker {

  /** Where the breaker stands. */
  public enum State {
    /** Calls go out; failures are counted. */
    CLOSED,
    /** Calls are refused until {@link #retryAt()}. */
    OPEN,
    /** The open time is over: calls go out, and one failure opens the breaker again. */
    HALF_OPEN
  }

  private final int threshold;
  private final Duration openFor;
  private final Clock clock;
  private int failures;
  private Instant openUntil;

  /**
   * @param threshold failed calls in a row that open the breaker, at least 1
   * @param openFor how long it stays open
   * @param clock the time
   */
  public CircuitBreaker(int threshold, Duration openFor, Clock clock) {
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be at least 1, got " + threshold);
    }
    this.threshold = threshold;
    this.openFor = Objects.requireNonNull(openFor, "openFor");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Whether a call may be sent now. */
  public synchronized boolean allows() {
    return openUntil == null || !clock.instant().isBefore(openUntil);
  }

  /** The breaker's state now. */
  public synchronized State state() {
    if (openUntil == null) {
      return State.CLOSED;
    }
    return clock.instant().isBefore(openUntil) ? State.OPEN : State.HALF_OPEN;
  }

  /** Records a successful call: closes the breaker. */
  public synchronized void success() {
    failures = 0;
    openUntil = null;
  }

  /** Records a failed call; opens the breaker at the threshold, or again when half-open. */
  public synchronized void failure() {
    failures++;
    if (failures >= threshold || openUntil != null) {
      openUntil = clock.instant().plus(openFor);
    }
  }

  /** While open, when calls will be let through again. */
  public synchronized Optional<Instant> retryAt() {
    return openUntil != null && clock.instant().isBefore(openUntil)
        ? Optional.of(openUntil)
        : Optional.empty();
  }
}
