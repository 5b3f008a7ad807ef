package dev.arb.engine.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
  private final FakeTime time = new FakeTime();
  private final CircuitBreaker breaker =
      new CircuitBreaker(2, Duration.ofSeconds(60), time.clock());

  @Test
  void opensAtTheThresholdOfFailuresInARow() {
    breaker.failure();
    assertThat(breaker.allows()).isTrue();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    breaker.failure();
    assertThat(breaker.allows()).isFalse();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(breaker.retryAt()).contains(time.now().plusSeconds(60));
  }

  @Test
  void aSuccessInBetweenResetsTheCount() {
    breaker.failure();
    breaker.success();
    breaker.failure();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void halfOpensAfterTheOpenTimeAndOneFailureOpensItAgain() {
    breaker.failure();
    breaker.failure();
    time.advance(Duration.ofSeconds(59));
    assertThat(breaker.allows()).isFalse();
    time.advance(Duration.ofSeconds(1));
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    assertThat(breaker.allows()).isTrue();
    assertThat(breaker.retryAt()).isEmpty();
    breaker.failure(); // the trial failed: open again at once, for another minute
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(breaker.retryAt()).contains(time.now().plusSeconds(60));
  }

  @Test
  void aSuccessWhileHalfOpenClosesIt() {
    breaker.failure();
    breaker.failure();
    time.advance(Duration.ofSeconds(60));
    breaker.success();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    breaker.failure();
    assertThat(breaker.allows()).isTrue();
  }
}
