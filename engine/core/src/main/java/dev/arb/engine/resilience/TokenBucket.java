package dev.arb.engine.resilience;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A request budget (rate limit): {@code capacity} tokens refilled at {@code perSecond}; every
 * request takes one. {@link #acquire()} waits (through the {@link Sleeper}) when none is left, for
 * calls that must go out; {@link #tryAcquire()} refuses at once, for requests that may be turned
 * away. Thread-safe; waiters are served in the order they reserve, so the long-run rate never
 * exceeds {@code perSecond}.
 */
public final class TokenBucket {
  private final double perSecond;
  private final double capacity;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private double tokens;
  private long last;

  /**
   * @param perSecond refill rate, requests per second, &gt; 0
   * @param capacity most requests in a burst, &ge; 1
   * @param nanoTime monotonic clock in nanoseconds ({@link System#nanoTime} outside tests)
   * @param sleeper how to wait
   */
  public TokenBucket(double perSecond, double capacity, LongSupplier nanoTime, Sleeper sleeper) {
    if (!(perSecond > 0) || !(capacity >= 1)) {
      throw new IllegalArgumentException(
          "rate must be positive and capacity at least 1, got " + perSecond + ", " + capacity);
    }
    this.perSecond = perSecond;
    this.capacity = capacity;
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.tokens = capacity;
    this.last = nanoTime.getAsLong();
  }

  /** Takes one token, waiting until it is available. */
  public void acquire() throws InterruptedException {
    long waitNanos;
    synchronized (this) {
      refill();
      tokens -= 1;
      waitNanos = tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perSecond * 1e9);
    }
    if (waitNanos > 0) {
      sleeper.sleepNanos(waitNanos);
    }
  }

  /** Takes one token if there is one now; never waits. */
  public synchronized boolean tryAcquire() {
    refill();
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  private void refill() {
    long now = nanoTime.getAsLong();
    tokens = Math.min(capacity, tokens + (now - last) * perSecond / 1e9);
    last = now;
  }

  /** Requests per second. */
  public double rate() {
    return perSecond;
  }
}
