package dev.arb.engine.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void doublesWithJitterBetweenHalfAndAllAndIsCapped() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), true);
    SplittableRandom random = new SplittableRandom(7);
    for (int attempt = 1; attempt <= 40; attempt++) {
      long full = attempt > 4 ? 1000L : 100L << (attempt - 1);
      assertThat(b.delay(attempt, random).toMillis()).isBetween(full / 2, full);
    }
  }

  @Test
  void withoutJitterDoublesExactlyUpToTheCap() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), false);
    assertThat(b.delay(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(b.delay(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(b.delay(5)).isEqualTo(Duration.ofSeconds(16));
    assertThat(b.delay(6)).isEqualTo(Duration.ofSeconds(30));
    assertThat(b.delay(1_000)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void retryAfterIsAFloorOfThePolicyWait() {
    RetryPolicy p =
        new RetryPolicy(
            5,
            new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), true),
            Duration.ofSeconds(30));
    assertThat(p.delay(1, java.util.Optional.of(Duration.ofSeconds(5)), new SplittableRandom(1)))
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(
            p.delay(1, java.util.Optional.of(Duration.ofMillis(1)), new SplittableRandom(1))
                .toMillis())
        .isBetween(50L, 100L);
  }

  @Test
  void doublingPolicyIsBoundedByItsLastWait() {
    RetryPolicy p = RetryPolicy.doubling(4, Duration.ofMillis(100));
    assertThat(p.backoff().max()).isEqualTo(Duration.ofMillis(400));
    assertThat(p.backoff().delay(3)).isEqualTo(Duration.ofMillis(400));
    assertThat(p.backoff().delay(30)).isEqualTo(Duration.ofMillis(400));
  }

  @Test
  void rejectsAFirstWaitAboveTheCap() {
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), false))
        .hasMessageContaining("first <= max");
  }
}
