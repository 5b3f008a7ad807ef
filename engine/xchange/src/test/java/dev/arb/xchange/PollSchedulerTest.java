package dev.arb.xchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PollSchedulerTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  final PollScheduler s =
      new PollScheduler(
          Duration.ofSeconds(1), Duration.ofSeconds(8), 0.0005, Duration.ofSeconds(60));

  static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  @Test
  void unknownMarketIsDue() {
    assertThat(s.due("k:BTC/USD", T0)).isTrue();
    assertThat(s.interval("k:BTC/USD")).isZero();
  }

  @Test
  void calmMarketIntervalDoublesUpToMax() {
    BigDecimal mid = new BigDecimal("100");
    long t = 0;
    Duration[] expected = {
      Duration.ofSeconds(1),
      Duration.ofSeconds(2),
      Duration.ofSeconds(4),
      Duration.ofSeconds(8),
      Duration.ofSeconds(8)
    };
    for (Duration e : expected) {
      s.fetched("m", mid, at(t));
      assertThat(s.interval("m")).isEqualTo(e);
      assertThat(s.due("m", at(t).plus(e).minusMillis(1))).isFalse();
      assertThat(s.due("m", at(t).plus(e))).isTrue();
      t += e.toSeconds();
    }
  }

  @Test
  void moveAtTheThresholdIsVolatileJustBelowIsCalm() {
    s.fetched("calm", new BigDecimal("100"), at(0));
    s.fetched("calm", new BigDecimal("100.04999"), at(1)); // 4.999 bp
    assertThat(s.interval("calm")).isEqualTo(Duration.ofSeconds(2));
    s.fetched("moved", new BigDecimal("100"), at(0));
    s.fetched("moved", new BigDecimal("100"), at(1));
    assertThat(s.interval("moved")).isEqualTo(Duration.ofSeconds(2));
    s.fetched("moved", new BigDecimal("99.95"), at(3)); // exactly 5 bp down
    assertThat(s.interval("moved")).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void oneSidedBookIsVolatile() {
    s.fetched("m", new BigDecimal("100"), at(0));
    s.fetched("m", new BigDecimal("100"), at(1));
    assertThat(s.interval("m")).isEqualTo(Duration.ofSeconds(2));
    s.fetched("m", null, at(3));
    assertThat(s.interval("m")).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void profitableMarketIsPolledAtMinUntilHotForHasPassed() {
    BigDecimal mid = new BigDecimal("100");
    s.fetched("m", mid, at(0));
    s.fetched("m", mid, at(1));
    s.fetched("m", mid, at(3)); // interval 4, next at 7
    assertThat(s.due("m", at(4))).isFalse();
    s.profitable("m", at(4));
    assertThat(s.due("m", at(5))).isTrue();
    s.fetched("m", mid, at(5));
    assertThat(s.interval("m")).isEqualTo(Duration.ofSeconds(1));
    s.fetched("m", mid, at(63)); // still within 60 s of the report
    assertThat(s.interval("m")).isEqualTo(Duration.ofSeconds(1));
    s.fetched("m", mid, at(64)); // 60 s after: calm again, doubling
    assertThat(s.interval("m")).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void forgottenMarketIsDueAtOnce() {
    s.fetched("m", BigDecimal.ONE, at(0));
    assertThat(s.due("m", at(0))).isFalse();
    s.forget("m");
    assertThat(s.due("m", at(0))).isTrue();
  }

  @Test
  void zeroMinPollsEveryTime() {
    PollScheduler z = new PollScheduler(Duration.ZERO, Duration.ZERO, 0.0005, Duration.ZERO);
    z.fetched("m", BigDecimal.ONE, T0);
    z.fetched("m", BigDecimal.ONE, T0);
    assertThat(z.due("m", T0)).isTrue();
  }
}
