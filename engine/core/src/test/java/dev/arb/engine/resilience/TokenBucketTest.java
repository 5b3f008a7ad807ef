package dev.arb.engine.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private final FakeTime time = new FakeTime();

  private TokenBucket bucket(double rate, double capacity) {
    return new TokenBucket(rate, capacity, time::nanoTime, time);
  }

  @Test
  void burstUpToCapacityThenPacedAtTheRate() throws InterruptedException {
    TokenBucket b = bucket(2, 2);
    for (int i = 0; i < 6; i++) {
      b.acquire();
    }
    // 2 at once, then 4 more at 2 per second: 2 seconds of waiting in all
    assertThat(time.waits).hasSize(4);
    assertThat(time.nanoTime()).isEqualTo(2_000_000_000L);
  }

  @Test
  void neverExceedsTheRateOverALongRun() throws InterruptedException {
    TokenBucket b = bucket(1, 1);
    for (int i = 0; i < 100; i++) {
      b.acquire();
    }
    // 100 requests at 1/s after a burst of 1 take at least 99 s of (fake) time
    assertThat(time.nanoTime()).isGreaterThanOrEqualTo(99_000_000_000L);
    assertThat(time.nanoTime()).isLessThan(99_000_000_000L + 100);
  }

  @Test
  void idleTimeRefillsOnlyUpToCapacity() throws InterruptedException {
    TokenBucket b = bucket(10, 3);
    time.advance(Duration.ofSeconds(60));
    for (int i = 0; i < 4; i++) {
      b.acquire();
    }
    assertThat(time.waits).singleElement().isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void tryAcquireRefusesWithoutWaitingAndRefillsAtTheRate() {
    TokenBucket b = bucket(4, 2);
    assertThat(b.tryAcquire()).isTrue();
    assertThat(b.tryAcquire()).isTrue();
    assertThat(b.tryAcquire()).isFalse();
    time.advance(Duration.ofMillis(249));
    assertThat(b.tryAcquire()).isFalse();
    time.advance(Duration.ofMillis(1));
    assertThat(b.tryAcquire()).isTrue();
    assertThat(b.tryAcquire()).isFalse();
    assertThat(time.waits).isEmpty();
  }

  @Test
  void rejectsARateThatCannotPace() {
    assertThatThrownBy(() -> bucket(0, 1)).hasMessageContaining("rate must be positive");
    assertThatThrownBy(() -> bucket(1, 0.5)).hasMessageContaining("capacity at least 1");
  }
}
