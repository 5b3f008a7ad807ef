package dev.arb.engine.venue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * How the exchange adapters behave beyond the per-exchange config: where metadata is cached, the
 * clocks, and the retry and circuit-breaker policy. Tests pass their own clock, sleeper and random
 * source; {@link #defaults(Path)} is the production setting.
 *
 * @param dataDir arb's data directory; metadata is cached under {@code exchanges/}
 * @param clock wall clock for receive times, staleness, the breaker and the cache TTL
 * @param nanoTime monotonic clock of the request budgets
 * @param sleeper how waits happen
 * @param random jitter source
 * @param maxAttempts attempts per request, first one included (at least 1)
 * @param baseDelay first backoff delay; doubles per attempt
 * @param maxDelay longest backoff delay
 * @param maxRetryAfter longest Retry-After arb waits; a longer one fails the request
 * @param breakerThreshold failed requests in a row (after retries) that mark an exchange down
 * @param breakerOpenFor how long an exchange stays down before one request tries it again
 * @param bookTtl a book fetched less than this ago is reused instead of fetched again
 */
public record VenueOptions(
    Path dataDir,
    Clock clock,
    LongSupplier nanoTime,
    Sleeper sleeper,
    RandomGenerator random,
    int maxAttempts,
    Duration baseDelay,
    Duration maxDelay,
    Duration maxRetryAfter,
    int breakerThreshold,
    Duration breakerOpenFor,
    Duration bookTtl) {

  public VenueOptions {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(nanoTime, "nanoTime");
    Objects.requireNonNull(sleeper, "sleeper");
    Objects.requireNonNull(random, "random");
    if (maxAttempts < 1 || breakerThreshold < 1) {
      throw new IllegalArgumentException("maxAttempts and breakerThreshold must be at least 1");
    }
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    Objects.requireNonNull(breakerOpenFor, "breakerOpenFor");
    Objects.requireNonNull(bookTtl, "bookTtl");
  }

  /**
   * Production policy: 4 attempts, backoff 250 ms doubling to 8 s with jitter, Retry-After honoured
   * up to 60 s, an exchange down after 3 failed requests in a row for 60 s, books reused for 1 s.
   */
  public static VenueOptions defaults(Path dataDir) {
    return new VenueOptions(
        dataDir,
        Clock.systemUTC(),
        System::nanoTime,
        Sleeper.SYSTEM,
        RandomGenerator.getDefault(),
        4,
        Duration.ofMillis(250),
        Duration.ofSeconds(8),
        Duration.ofSeconds(60),
        3,
        Duration.ofSeconds(60),
        Duration.ofSeconds(1));
  }
}
