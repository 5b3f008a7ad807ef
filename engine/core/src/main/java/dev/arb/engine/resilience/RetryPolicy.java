package dev.arb.engine.resilience;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How often a call is tried and how long to wait in between.
 *
 * @param maxAttempts attempts in all, the first included (at least 1): the retry budget of one call
 * @param backoff the wait between attempts
 * @param maxRetryAfter the longest Retry-After honoured; a server asking for more fails the call
 *     instead of holding it
 */
public record RetryPolicy(int maxAttempts, Backoff backoff, Duration maxRetryAfter) {
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
  }

  /**
   * {@code attempts} tries, waiting {@code first} after the first failure and twice as long after
   * each next one, without jitter; a Retry-After is not honoured.
   */
  public static RetryPolicy doubling(int attempts, Duration first) {
    Duration longest = first.multipliedBy(1L << Math.min(Math.max(attempts - 2, 0), 20));
    return new RetryPolicy(attempts, new Backoff(first, longest, false), Duration.ZERO);
  }

  /** The same policy with one attempt only: for calls that must never be repeated blindly. */
  public RetryPolicy once() {
    return new RetryPolicy(1, backoff, maxRetryAfter);
  }

  /**
   * The wait after failed attempt {@code attempt}: the backoff, and never less than what the server
   * asked for.
   */
  public Duration delay(int attempt, Optional<Duration> retryAfter, RandomGenerator random) {
    Duration d = backoff.delay(attempt, random);
    return retryAfter.isPresent() && retryAfter.get().compareTo(d) > 0 ? retryAfter.get() : d;
  }
}
