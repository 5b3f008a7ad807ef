package dev.arb.engine.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Runs outside calls: each attempt within the request budget (if any), failures classified by the
 * caller's {@code classifier}, the retryable ones tried again after a {@link RetryPolicy} wait (at
 * least the server's Retry-After; a Retry-After above the policy's limit fails the call instead),
 * at most {@link RetryPolicy#maxAttempts()} attempts in all. With a {@link CircuitBreaker}, a call
 * is not sent while it is open, a success closes it and a call that failed for a retryable reason
 * (after its retries) counts against it; a call the service refused (a rejection) does not.
 *
 * <p>The outcome is a value ({@link Outcome}); only an interrupt is thrown. Immutable and
 * thread-safe: the budget and breaker it holds are shared by every call made through it (and
 * through {@link #once()}).
 */
public final class Retry {

  /** Told about each retry, before its wait (for logs and counters). */
  @FunctionalInterface
  public interface Listener {
    /** Nothing. */
    Listener NONE = (attempt, fault, wait) -> {};

    /**
     * @param attempt the attempt that failed (1 for the first)
     * @param fault why it failed
     * @param wait the wait before the next attempt
     */
    void retrying(int attempt, Fault fault, Duration wait);
  }

  /**
   * What a call ended with: its value, or the last fault (and the exception behind it) after all
   * attempts.
   *
   * @param value the call's value; null when it failed
   * @param fault why it failed; null when it succeeded
   * @param error the exception of the last attempt; null when it succeeded or was not sent
   * @param retried the faults of the attempts that were retried, in order
   */
  public record Outcome<T>(T value, Fault fault, Throwable error, List<Fault> retried) {
    public Outcome {
      retried = List.copyOf(retried);
    }

    /** Whether the call succeeded. */
    public boolean ok() {
      return fault == null;
    }

    /**
     * The exception of the last attempt, for a caller that rethrows what it does not handle: an
     * unchecked one as it is, a checked one wrapped by {@code wrap} (an {@link Error} is thrown).
     *
     * @throws IllegalStateException when there is none (the call succeeded or was not sent)
     */
    public RuntimeException rethrow(Function<Exception, RuntimeException> wrap) {
      if (error instanceof RuntimeException r) {
        return r;
      }
      if (error instanceof Error e) {
        throw e;
      }
      if (error instanceof Exception e) {
        return wrap.apply(e);
      }
      throw new IllegalStateException(
          "no exception to rethrow: " + (ok() ? "the call succeeded" : fault.message()));
    }

    /** How many attempts were made. */
    public int attempts() {
      return retried.size() + (fault != null && fault.kind() == Fault.Kind.CIRCUIT_OPEN ? 0 : 1);
    }
  }

  private final RetryPolicy policy;
  private final Function<Throwable, Fault> classifier;
  private final TokenBucket budget;
  private final CircuitBreaker breaker;
  private final Sleeper sleeper;
  private final RandomGenerator random;

  private Retry(
      RetryPolicy policy,
      Function<Throwable, Fault> classifier,
      TokenBucket budget,
      CircuitBreaker breaker,
      Sleeper sleeper,
      RandomGenerator random) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.classifier = Objects.requireNonNull(classifier, "classifier");
    this.budget = budget;
    this.breaker = breaker;
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * Calls under {@code policy}, failures classified by {@code classifier}; no budget, no breaker,
   * real waits.
   */
  public static Retry of(RetryPolicy policy, Function<Throwable, Fault> classifier) {
    return new Retry(policy, classifier, null, null, Sleeper.SYSTEM, RandomGenerator.getDefault());
  }

  /** The same, each attempt taking a token of {@code budget} first. */
  public Retry withBudget(TokenBucket budget) {
    return new Retry(
        policy, classifier, Objects.requireNonNull(budget, "budget"), breaker, sleeper, random);
  }

  /** The same, guarded by {@code breaker}. */
  public Retry withBreaker(CircuitBreaker breaker) {
    return new Retry(
        policy, classifier, budget, Objects.requireNonNull(breaker, "breaker"), sleeper, random);
  }

  /** The same, waiting through {@code sleeper} and drawing jitter from {@code random}. */
  public Retry withTime(Sleeper sleeper, RandomGenerator random) {
    return new Retry(policy, classifier, budget, breaker, sleeper, random);
  }

  /**
   * The same budget, breaker and classifier with a single attempt: for calls whose repetition could
   * do harm (an order placement), which the caller resolves by looking the result up instead.
   */
  public Retry once() {
    return new Retry(policy.once(), classifier, budget, breaker, sleeper, random);
  }

  /** The policy. */
  public RetryPolicy policy() {
    return policy;
  }

  /** Calls {@code call} until it succeeds, fails for good, or attempts run out. */
  public <T> Outcome<T> call(Callable<T> call) throws InterruptedException {
    return call(call, Listener.NONE);
  }

  /** The same, telling {@code listener} about each retry. */
  public <T> Outcome<T> call(Callable<T> call, Listener listener) throws InterruptedException {
    if (breaker != null && !breaker.allows()) {
      Fault open =
          Fault.of(
              Fault.Kind.CIRCUIT_OPEN,
              "down after repeated failures"
                  + breaker.retryAt().map(t -> ", tried again after " + t).orElse(""));
      return new Outcome<>(null, open, null, List.of());
    }
    List<Fault> retried = new ArrayList<>();
    for (int attempt = 1; ; attempt++) {
      if (budget != null) {
        budget.acquire();
      }
      Fault fault;
      Throwable error;
      try {
        T value = call.call();
        if (breaker != null) {
          breaker.success();
        }
        return new Outcome<>(value, null, null, retried);
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception | LinkageError e) {
        error = e;
        fault = Objects.requireNonNull(classifier.apply(e), "classifier gave no fault");
      }
      if (!fault.retryable() || attempt >= policy.maxAttempts()) {
        return failed(fault, error, retried);
      }
      if (fault.retryAfter().isPresent()
          && fault.retryAfter().get().compareTo(policy.maxRetryAfter()) > 0) {
        return failed(
            fault.explained(
                "; server asks to wait "
                    + fault.retryAfter().get().toSeconds()
                    + "s, more than the "
                    + policy.maxRetryAfter().toSeconds()
                    + "s arb waits"),
            error,
            retried);
      }
      retried.add(fault);
      Duration wait = policy.delay(attempt, fault.retryAfter(), random);
      listener.retrying(attempt, fault, wait);
      sleeper.sleepNanos(wait.toNanos());
    }
  }

  /**
   * The same, for a caller that throws no checked exception: an interrupt (while waiting or in the
   * call) sets the thread's interrupt flag again and is thrown as {@code interrupted}'s exception.
   */
  public <T> Outcome<T> callUnchecked(
      Callable<T> call,
      Listener listener,
      Function<InterruptedException, RuntimeException> interrupted) {
    try {
      return call(call, listener);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted.apply(e);
    }
  }

  private <T> Outcome<T> failed(Fault fault, Throwable error, List<Fault> retried) {
    if (breaker != null && fault.retryable()) {
      breaker.failure();
    }
    return new Outcome<>(null, fault, error, retried);
  }
}
