package dev.arb.xchange;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;

/**
 * Runs a request within the exchange's budget and retries the failures worth retrying (timeouts,
 * 429, 5xx, connection resets) with exponential backoff and jitter, at most {@code maxAttempts}
 * times in all. A 429's Retry-After is honoured: the wait is at least what the server asked for; if
 * it asks for more than {@code maxRetryAfter} the request is given up instead.
 */
public final class Retrier {
  private final TokenBucket budget;
  private final Sleeper sleeper;
  private final RandomGenerator random;
  private final int maxAttempts;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final Duration maxRetryAfter;

  /** What a call ended with: the value, or the last fault after all attempts. */
  public record Outcome<T>(T value, Fault fault, List<Fault> retried) {
    public Outcome {
      retried = List.copyOf(retried);
    }

    /** Whether the call succeeded. */
    public boolean ok() {
      return fault == null;
    }
  }

  public Retrier(
      TokenBucket budget,
      Sleeper sleeper,
      RandomGenerator random,
      int maxAttempts,
      Duration baseDelay,
      Duration maxDelay,
      Duration maxRetryAfter) {
    this.budget = Objects.requireNonNull(budget, "budget");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.random = Objects.requireNonNull(random, "random");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    this.maxAttempts = maxAttempts;
    this.baseDelay = baseDelay;
    this.maxDelay = maxDelay;
    this.maxRetryAfter = maxRetryAfter;
  }

  /** Calls {@code call} until it succeeds, fails for good, or attempts run out. */
  public <T> Outcome<T> call(Callable<T> call) throws InterruptedException {
    List<Fault> retried = new ArrayList<>();
    for (int attempt = 1; ; attempt++) {
      budget.acquire();
      Fault fault;
      try {
        return new Outcome<>(call.call(), null, retried);
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception | LinkageError e) {
        fault = Fault.of(e);
      }
      if (!fault.kind().retryable() || attempt >= maxAttempts) {
        return new Outcome<>(null, fault, retried);
      }
      if (fault.retryAfter().isPresent() && fault.retryAfter().get().compareTo(maxRetryAfter) > 0) {
        Fault giveUp =
            new Fault(
                fault.kind(),
                fault.status(),
                fault.retryAfter(),
                fault.message()
                    + "; server asks to wait "
                    + fault.retryAfter().get().toSeconds()
                    + "s, more than the "
                    + maxRetryAfter.toSeconds()
                    + "s arb waits");
        return new Outcome<>(null, giveUp, retried);
      }
      retried.add(fault);
      sleeper.sleepNanos(delay(attempt, fault).toNanos());
    }
  }

  /**
   * Backoff before attempt {@code attempt + 1}: {@code baseDelay * 2^(attempt-1)}, capped at {@code
   * maxDelay}, with "equal jitter" (between half and all of it), and never less than the server's
   * Retry-After.
   */
  Duration delay(int attempt, Fault fault) {
    long cap = maxDelay.toNanos();
    long exp = baseDelay.toNanos() << Math.min(attempt - 1, 30);
    long backoff = exp <= 0 || exp > cap ? cap : exp;
    long jittered = backoff / 2 + (long) (random.nextDouble() * (backoff - backoff / 2));
    long floor = fault.retryAfter().map(Duration::toNanos).orElse(0L);
    return Duration.ofNanos(Math.max(jittered, floor));
  }
}
