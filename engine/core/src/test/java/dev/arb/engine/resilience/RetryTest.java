package dev.arb.engine.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryTest {
  private final FakeTime time = new FakeTime();
  private final AtomicInteger calls = new AtomicInteger();

  /** IOException: retryable; "429 n": rate limited, Retry-After n s; anything else: rejected. */
  private static Fault classify(Throwable t) {
    if (t instanceof IOException) {
      return Fault.of(Fault.Kind.CONNECTION, t.getMessage());
    }
    if (t.getMessage() != null && t.getMessage().startsWith("429 ")) {
      long s = Long.parseLong(t.getMessage().substring(4));
      return Fault.of(
          Fault.Kind.RATE_LIMITED, 429, Optional.of(Duration.ofSeconds(s)), "slow down");
    }
    return Fault.of(Fault.Kind.REJECTED, 400, Optional.empty(), String.valueOf(t.getMessage()));
  }

  private Retry retry(int attempts) {
    return Retry.of(
            new RetryPolicy(
                attempts,
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), true),
                Duration.ofSeconds(30)),
            RetryTest::classify)
        .withTime(time, new SplittableRandom(3));
  }

  /** Fails with {@code failures} in order, then answers "ok". */
  private java.util.concurrent.Callable<String> failing(Exception... failures) {
    return () -> {
      int i = calls.getAndIncrement();
      if (i < failures.length) {
        throw failures[i];
      }
      return "ok";
    };
  }

  @Test
  void retriesTransientFailuresAndReturnsTheValue() throws InterruptedException {
    Retry.Outcome<String> o =
        retry(4).call(failing(new IOException("reset"), new IOException("reset")));
    assertThat(o.ok()).isTrue();
    assertThat(o.value()).isEqualTo("ok");
    assertThat(o.retried()).hasSize(2);
    assertThat(o.attempts()).isEqualTo(3);
    assertThat(calls).hasValue(3);
    assertThat(time.waits).hasSize(2);
  }

  @Test
  void theRetryBudgetBoundsTheAttemptsAndTheLastFaultIsKept() throws InterruptedException {
    IOException last = new IOException("reset 5");
    Retry.Outcome<String> o =
        retry(3)
            .call(
                failing(
                    new IOException("reset 1"),
                    new IOException("reset 2"),
                    new IOException("reset 3"),
                    new IOException("reset 4"),
                    last));
    assertThat(o.ok()).isFalse();
    assertThat(calls).hasValue(3);
    assertThat(o.fault().message()).isEqualTo("cannot connect: reset 3");
    assertThat(o.error()).hasMessage("reset 3");
    assertThat(time.waits).hasSize(2);
  }

  @Test
  void backoffBetweenAttemptsIsBoundedByTheCap() throws InterruptedException {
    IOException[] failures = new IOException[20];
    for (int i = 0; i < failures.length; i++) {
      failures[i] = new IOException("reset");
    }
    Retry.Outcome<String> o = retry(10).call(failing(failures));
    assertThat(o.ok()).isFalse();
    assertThat(time.waits).hasSize(9);
    for (int i = 0; i < time.waits.size(); i++) {
      long full = Math.min(100L << i, 1000L);
      assertThat(time.waits.get(i).toMillis()).isBetween(full / 2, full);
    }
    // 9 waits of at most 1 s each: the whole call is bounded
    assertThat(time.waited()).isLessThanOrEqualTo(Duration.ofSeconds(9));
  }

  @Test
  void aRejectionIsNotRetried() throws InterruptedException {
    Retry.Outcome<String> o = retry(5).call(failing(new IllegalStateException("bad pair")));
    assertThat(o.ok()).isFalse();
    assertThat(o.fault().kind()).isEqualTo(Fault.Kind.REJECTED);
    assertThat(o.fault().message()).isEqualTo("request rejected (HTTP 400): bad pair");
    assertThat(calls).hasValue(1);
    assertThat(time.waits).isEmpty();
  }

  @Test
  void retryAfterIsWaitedAtLeastAndTooLongAnAskFailsTheCall() throws InterruptedException {
    Retry.Outcome<String> o = retry(5).call(failing(new IllegalStateException("429 5")));
    assertThat(o.ok()).isTrue();
    assertThat(time.waits).containsExactly(Duration.ofSeconds(5));

    calls.set(0);
    Retry.Outcome<String> tooLong =
        retry(5).call(failing(new IllegalStateException("429 120"), new IOException("x")));
    assertThat(tooLong.ok()).isFalse();
    assertThat(tooLong.fault().message())
        .contains("server asks to wait 120s, more than the 30s arb waits");
    assertThat(calls).hasValue(1);
    assertThat(time.waits).hasSize(1);
  }

  @Test
  void onceSendsASingleAttemptEvenForARetryableFailure() throws InterruptedException {
    Retry.Outcome<String> o = retry(5).once().call(failing(new IOException("no answer")));
    assertThat(o.ok()).isFalse();
    assertThat(o.fault().retryable()).isTrue();
    assertThat(calls).hasValue(1);
  }

  @Test
  void everyAttemptTakesATokenOfTheBudget() throws InterruptedException {
    TokenBucket budget = new TokenBucket(2, 1, time::nanoTime, time);
    Retry r =
        Retry.of(
                new RetryPolicy(
                    3, new Backoff(Duration.ZERO, Duration.ZERO, false), Duration.ofSeconds(30)),
                RetryTest::classify)
            .withBudget(budget)
            .withTime(time, new SplittableRandom(3));
    r.call(failing(new IOException("a"), new IOException("b")));
    // three attempts at 2 per second after a burst of 1: waits of 0.5 s twice
    assertThat(calls).hasValue(3);
    assertThat(time.waited()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void theBreakerOpensAfterFailedCallsThenHalfOpensAndASuccessClosesIt()
      throws InterruptedException {
    CircuitBreaker breaker = new CircuitBreaker(2, Duration.ofSeconds(60), time.clock());
    Retry r = retry(2).withBreaker(breaker);
    List<Retry.Outcome<String>> outcomes = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      calls.set(0);
      outcomes.add(r.call(failing(new IOException("down"), new IOException("down"))));
    }
    assertThat(outcomes).noneMatch(Retry.Outcome::ok);
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);

    calls.set(0);
    Retry.Outcome<String> refused = r.call(failing());
    assertThat(refused.fault().kind()).isEqualTo(Fault.Kind.CIRCUIT_OPEN);
    assertThat(refused.attempts()).isZero();
    assertThat(calls).hasValue(0);

    time.advance(Duration.ofSeconds(60));
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    Retry.Outcome<String> trial = r.call(failing());
    assertThat(trial.ok()).isTrue();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void aRejectionDoesNotCountAgainstTheBreaker() throws InterruptedException {
    CircuitBreaker breaker = new CircuitBreaker(1, Duration.ofSeconds(60), time.clock());
    Retry r = retry(2).withBreaker(breaker);
    r.call(failing(new IllegalStateException("bad pair")));
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    calls.set(0);
    r.call(failing(new IOException("a"), new IOException("b")));
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
  }

  @Test
  void theListenerHearsOfEachRetryWithItsWait() throws InterruptedException {
    List<String> heard = new ArrayList<>();
    retry(3)
        .call(
            failing(new IOException("a"), new IOException("b")),
            (attempt, fault, wait) -> heard.add(attempt + " " + fault.message() + " " + wait));
    assertThat(heard).hasSize(2);
    assertThat(heard.get(0)).startsWith("1 cannot connect: a PT0.");
    assertThat(heard.get(1)).startsWith("2 cannot connect: b PT0.");
  }

  @Test
  void rethrowGivesAnUncheckedFailureAsItIsAndWrapsACheckedOne() throws InterruptedException {
    IllegalStateException refused = new IllegalStateException("bad pair");
    assertThat(retry(1).call(failing(refused)).rethrow(IllegalArgumentException::new))
        .isSameAs(refused);
    calls.set(0);
    IOException reset = new IOException("reset");
    assertThat(retry(1).call(failing(reset)).rethrow(IllegalArgumentException::new))
        .isInstanceOf(IllegalArgumentException.class)
        .hasCause(reset);
    calls.set(0);
    Retry.Outcome<String> ok = retry(1).call(failing());
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ok.rethrow(IllegalArgumentException::new))
        .hasMessageContaining("the call succeeded");
  }

  @Test
  void callUncheckedTurnsAnInterruptIntoTheCallersExceptionAndKeepsTheFlag() {
    Retry r =
        retry(3)
            .withTime(
                n -> {
                  throw new InterruptedException("stop");
                },
                new SplittableRandom(1));
    try {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  r.callUnchecked(
                      failing(new IOException("reset")),
                      Retry.Listener.NONE,
                      e -> new IllegalStateException("interrupted while retrying", e)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("interrupted while retrying");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(calls).hasValue(1);
    } finally {
      Thread.interrupted();
    }
  }
}
