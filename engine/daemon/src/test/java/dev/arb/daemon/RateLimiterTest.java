package dev.arb.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  @Test
  void allowsTheBurstThenRefillsAtTheRate() {
    AtomicLong now = new AtomicLong(0);
    RateLimiter r = new RateLimiter(10, 3, now::get);
    assertThat(r.tryAcquire()).isTrue();
    assertThat(r.tryAcquire()).isTrue();
    assertThat(r.tryAcquire()).isTrue();
    assertThat(r.tryAcquire()).isFalse();
    now.addAndGet(50_000_000); // 50 ms: half a token
    assertThat(r.tryAcquire()).isFalse();
    now.addAndGet(50_000_000); // 100 ms: one token
    assertThat(r.tryAcquire()).isTrue();
    assertThat(r.tryAcquire()).isFalse();
    now.addAndGet(10_000_000_000L); // long idle: refills to the burst, not beyond
    int allowed = 0;
    for (int i = 0; i < 10; i++) {
      allowed += r.tryAcquire() ? 1 : 0;
    }
    assertThat(allowed).isEqualTo(3);
  }
}
