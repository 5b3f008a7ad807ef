package dev.arb.engine.resilience;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff: {@code first * 2^(attempt-1)}, never more than {@code max}; with {@code
 * jitter}, "equal jitter" (a random wait between half and all of it, so many clients do not retry
 * in step).
 *
 * @param first the wait after the first failure
 * @param max the longest wait
 * @param jitter whether waits are spread at random
 */
public record Backoff(Duration first, Duration max, boolean jitter) {
  public Backoff {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(max, "max");
    if (first.isNegative() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException(
          "backoff needs 0 <= first <= max, got " + first + " and " + max);
    }
  }

  /**
   * The wait after failed attempt {@code attempt} (1 for the first). Draws one random number when
   * {@code jitter} is on, none otherwise.
   */
  public Duration delay(int attempt, RandomGenerator random) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1, got " + attempt);
    }
    long cap = max.toNanos();
    long exp = first.toNanos() << Math.min(attempt - 1, 30);
    long backoff = exp < 0 || exp > cap ? cap : exp;
    if (!jitter) {
      return Duration.ofNanos(backoff);
    }
    return Duration.ofNanos(backoff / 2 + (long) (random.nextDouble() * (backoff - backoff / 2)));
  }

  /** The wait after failed attempt {@code attempt}, for a backoff without jitter. */
  public Duration delay(int attempt) {
    if (jitter) {
      throw new IllegalStateException("a jittered backoff needs a random source");
    }
    return delay(attempt, null);
  }
}
