package dev.arb.xchange;

import dev.arb.engine.resilience.Backoff;
import dev.arb.engine.resilience.CircuitBreaker;
import dev.arb.engine.resilience.Retry;
import dev.arb.engine.resilience.RetryPolicy;
import dev.arb.engine.resilience.Sleeper;
import dev.arb.engine.resilience.TokenBucket;
import dev.arb.xchange.spi.XChangeFaults;
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
 * @param bookTtl a book fetched less than this ago is reused instead of fetched again; the shortest
 *     polling interval
 * @param maxPollInterval longest polling interval of a calm market (adaptive polling: a calm
 *     market's interval doubles from {@code bookTtl} up to this); equal to {@code bookTtl} turns
 *     adaptive polling off
 * @param volatileMove relative mid-price move between two books (such as 0.0005, 5 bp) that brings
 *     a market back to {@code bookTtl}
 * @param profitableFor how long a market reported profitable is polled at {@code bookTtl}
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
    Duration bookTtl,
    Duration maxPollInterval,
    double volatileMove,
    Duration profitableFor) {

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
    Objects.requireNonNull(maxPollInterval, "maxPollInterval");
    Objects.requireNonNull(profitableFor, "profitableFor");
    if (!(volatileMove >= 0)) {
      throw new IllegalArgumentException("volatileMove must be at least 0, got " + volatileMove);
    }
  }

  /** Options without adaptive polling: every book is fetched again after {@code bookTtl}. */
  public VenueOptions(
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
    this(
        dataDir,
        clock,
        nanoTime,
        sleeper,
        random,
        maxAttempts,
        baseDelay,
        maxDelay,
        maxRetryAfter,
        breakerThreshold,
        breakerOpenFor,
        bookTtl,
        bookTtl,
        DEFAULT_VOLATILE_MOVE,
        DEFAULT_PROFITABLE_FOR);
  }

  /** Default relative mid move that makes a market volatile: 5 basis points. */
  public static final double DEFAULT_VOLATILE_MOVE = 0.0005;

  /** Default time a profitable market is polled at the shortest interval. */
  public static final Duration DEFAULT_PROFITABLE_FOR = Duration.ofSeconds(60);

  /**
   * The retry policy of exchange requests: {@code maxAttempts}, backoff from {@code baseDelay}
   * doubling up to {@code maxDelay} with jitter, Retry-After honoured up to {@code maxRetryAfter}.
   */
  public RetryPolicy retryPolicy() {
    return new RetryPolicy(maxAttempts, new Backoff(baseDelay, maxDelay, true), maxRetryAfter);
  }

  /**
   * Retries of one exchange's requests, XChange's failures classified by {@link XChangeFaults},
   * within a budget of {@code perSecond} requests a second (bursts of its whole part).
   */
  public Retry retry(double perSecond) {
    TokenBucket budget =
        new TokenBucket(perSecond, Math.max(1, Math.floor(perSecond)), nanoTime, sleeper);
    return Retry.of(retryPolicy(), XChangeFaults::of).withBudget(budget).withTime(sleeper, random);
  }

  /** A circuit breaker of one exchange: down after {@code breakerThreshold} failed requests. */
  public CircuitBreaker breaker() {
    return new CircuitBreaker(breakerThreshold, breakerOpenFor, clock);
  }

  /** The same options with another clock. */
  public VenueOptions withClock(Clock c) {
    return new VenueOptions(
        dataDir,
        c,
        nanoTime,
        sleeper,
        random,
        maxAttempts,
        baseDelay,
        maxDelay,
        maxRetryAfter,
        breakerThreshold,
        breakerOpenFor,
        bookTtl,
        maxPollInterval,
        volatileMove,
        profitableFor);
  }

  /**
   * Production policy: 4 attempts, backoff 250 ms doubling to 8 s with jitter, Retry-After honoured
   * up to 60 s, an exchange down after 3 failed requests in a row for 60 s, books reused for 1 s;
   * adaptive polling from 1 s to 8 s (a mid move of 5 bp or a profitable opportunity in the last 60
   * s brings a market back to 1 s).
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
        Duration.ofSeconds(1),
        Duration.ofSeconds(8),
        DEFAULT_VOLATILE_MOVE,
        DEFAULT_PROFITABLE_FOR);
  }
}
