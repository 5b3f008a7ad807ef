package dev.arb.xchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetrierTest {
  private final Retrier retrier =
      new Retrier(
          new TokenBucket(1000, 1000, System::nanoTime, n -> {}),
          n -> {},
          new SplittableRandom(7),
          5,
          Duration.ofMillis(100),
          Duration.ofSeconds(1),
          Duration.ofSeconds(30));

  private static Fault fault(Optional<Duration> retryAfter) {
    return new Fault(Fault.Kind.SERVER_ERROR, 500, retryAfter, "server error");
  }

  @Test
  void backoffDoublesWithJitterAndIsCapped() {
    for (int attempt = 1; attempt <= 6; attempt++) {
      long full = Math.min(100L << (attempt - 1), 1000L);
      Duration d = retrier.delay(attempt, fault(Optional.empty()));
      assertThat(d.toMillis()).isBetween(full / 2, full);
    }
  }

  @Test
  void retryAfterIsAFloor() {
    assertThat(retrier.delay(1, fault(Optional.of(Duration.ofSeconds(5)))))
        .isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void circuitBreakerOpensAtThresholdAndHalfOpensLater() {
    var clock = new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.EPOCH);
    java.time.Clock c =
        new java.time.Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
          }

          @Override
          public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public java.time.Instant instant() {
            return clock.get();
          }
        };
    CircuitBreaker b = new CircuitBreaker(2, Duration.ofSeconds(60), c);
    b.failure();
    assertThat(b.allows()).isTrue();
    b.failure();
    assertThat(b.allows()).isFalse();
    assertThat(b.retryAt()).contains(java.time.Instant.EPOCH.plusSeconds(60));
    clock.set(java.time.Instant.EPOCH.plusSeconds(60));
    assertThat(b.allows()).isTrue();
    b.failure(); // the half-open trial failed: open again at once
    assertThat(b.allows()).isFalse();
    clock.set(java.time.Instant.EPOCH.plusSeconds(120));
    b.success();
    assertThat(b.allows()).isTrue();
    assertThat(b.retryAt()).isEmpty();
  }
}
