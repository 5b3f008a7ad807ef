package dev.arb.xchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  /** A fake clock that advances when the bucket sleeps. */
  private final AtomicLong nanos = new AtomicLong();

  private final List<Long> waits = new ArrayList<>();

  private TokenBucket bucket(double rate, double capacity) {
    return new TokenBucket(
        rate,
        capacity,
        nanos::get,
        n -> {
          waits.add(n);
          nanos.addAndGet(n);
        });
  }

  @Test
  void burstUpToCapacityThenPacedAtTheRate() throws InterruptedException {
    TokenBucket b = bucket(2, 2);
    for (int i = 0; i < 6; i++) {
      b.acquire();
    }
    // 2 at once, then 4 more at 2 per second: 2 seconds of waiting in all
    assertThat(waits).hasSize(4);
    assertThat(nanos.get()).isEqualTo(2_000_000_000L);
  }

  @Test
  void neverExceedsTheRateOverALongRun() throws InterruptedException {
    TokenBucket b = bucket(1, 1);
    for (int i = 0; i < 100; i++) {
      b.acquire();
    }
    // 100 requests at 1/s after a burst of 1 take at least 99 s of (fake) time
    assertThat(nanos.get()).isGreaterThanOrEqualTo(99_000_000_000L);
  }

  @Test
  void idleTimeRefillsOnlyUpToCapacity() throws InterruptedException {
    TokenBucket b = bucket(10, 3);
    nanos.addAndGet(60_000_000_000L);
    for (int i = 0; i < 4; i++) {
      b.acquire();
    }
    assertThat(waits).singleElement().isEqualTo(100_000_000L);
  }
}
