package dev.arb.daemon;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code perSecond} requests a second on average, bursts up to {@code burst}.
 * Thread-safe; the clock is injected so tests need no sleeping.
 */
final class RateLimiter {
  private final double perNano;
  private final double burst;
  private final LongSupplier nanoTime;
  private double tokens;
  private long last;

  RateLimiter(double perSecond, int burst, LongSupplier nanoTime) {
    if (!(perSecond > 0) || burst < 1) {
      throw new IllegalArgumentException("rate limit needs perSecond > 0 and burst >= 1");
    }
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.nanoTime = nanoTime;
    this.tokens = burst;
    this.last = nanoTime.getAsLong();
  }

  /** Takes one token if there is one. */
  synchronized boolean tryAcquire() {
    long now = nanoTime.getAsLong();
    tokens = Math.min(burst, tokens + (now - last) * perNano);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
