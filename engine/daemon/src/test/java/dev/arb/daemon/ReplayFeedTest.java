package dev.arb.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.error.ConfigException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplayFeedTest {
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  private static final Duration INTERVAL = Duration.ofMillis(250);

  private static MarketSnapshot at(Instant t) {
    Market m = Market.of("kraken", "BTC", "USD", BigDecimal.ZERO);
    OrderBook b =
        new OrderBook(
            m,
            List.of(new BookLevel(new BigDecimal("100"), BigDecimal.ONE)),
            List.of(new BookLevel(new BigDecimal("101"), BigDecimal.ONE)),
            t);
    return new MarketSnapshot(List.of(b), List.of(), "test");
  }

  private static ReplayFeed.Source src(String name, MarketSnapshot s) {
    return new ReplayFeed.Source(name, () -> s);
  }

  @Test
  void afterGivesTheLatestFollowingSnapshotWithinTheLatencyAndReadsEachInputOnce() {
    MarketSnapshot a = at(T0);
    MarketSnapshot b = at(T0.plusMillis(40));
    MarketSnapshot c = at(T0.plusMillis(90));
    MarketSnapshot d = at(T0.plusMillis(500));
    java.util.concurrent.atomic.AtomicInteger reads =
        new java.util.concurrent.atomic.AtomicInteger();
    List<ReplayFeed.Source> sources =
        List.of(a, b, c, d).stream()
            .map(
                s ->
                    new ReplayFeed.Source(
                        "s",
                        () -> {
                          reads.incrementAndGet();
                          return s;
                        }))
            .toList();
    ReplayFeed f = new ReplayFeed(sources, 0, INTERVAL, Duration.ofMinutes(1), false);
    SnapshotFeed.Snapshot first = (SnapshotFeed.Snapshot) f.next().orElseThrow();
    assertThat(first.snapshot()).isSameAs(a);

    // 100 ms after a: b and c have arrived, d not yet
    assertThat(f.after(a, Duration.ofMillis(100))).containsSame(c);
    // 10 ms after a: nothing new yet, the books are still a's
    assertThat(f.after(a, Duration.ofMillis(10))).isEmpty();
    assertThat(((SnapshotFeed.Snapshot) f.next().orElseThrow()).snapshot()).isSameAs(b);
    assertThat(((SnapshotFeed.Snapshot) f.next().orElseThrow()).snapshot()).isSameAs(c);
    assertThat(f.after(c, Duration.ofSeconds(1))).containsSame(d);
    assertThat(((SnapshotFeed.Snapshot) f.next().orElseThrow()).snapshot()).isSameAs(d);
    // at the end of the replay there is nothing later
    assertThat(f.after(d, Duration.ofSeconds(1))).isEmpty();
    assertThat(reads.get()).isEqualTo(4);
  }

  @Test
  void pacesByRecordedTimesDividedBySpeed() {
    ReplayFeed f =
        new ReplayFeed(
            List.of(
                src("a", at(T0)),
                src("b", at(T0.plusSeconds(10))),
                src("c", at(T0.plusSeconds(12)))),
            4,
            INTERVAL,
            Duration.ofMinutes(1),
            false);
    assertThat(f.next().orElseThrow().delay()).isEqualTo(Duration.ZERO);
    assertThat(f.next().orElseThrow().delay()).isEqualTo(Duration.ofMillis(2500));
    SnapshotFeed.Update c = f.next().orElseThrow();
    assertThat(c.origin()).isEqualTo("c");
    assertThat(c.delay()).isEqualTo(Duration.ofMillis(500));
    assertThat(f.next()).isEmpty();
  }

  @Test
  void speedZeroUsesTheIntervalAndLoopStartsOver() {
    ReplayFeed f =
        new ReplayFeed(
            List.of(src("a", at(T0)), src("b", at(T0.plusSeconds(10)))),
            0,
            INTERVAL,
            Duration.ofMinutes(1),
            true);
    assertThat(f.describe()).isEqualTo("replay of 2 inputs every 250 ms, looping");
    assertThat(f.next().orElseThrow().origin()).isEqualTo("a");
    assertThat(f.next().orElseThrow().delay()).isEqualTo(INTERVAL);
    SnapshotFeed.Update again = f.next().orElseThrow();
    assertThat(again.origin()).isEqualTo("a");
    assertThat(again.delay()).isEqualTo(INTERVAL);
  }

  @Test
  void anUnreadableInputIsAnUpdateAndTheReplayGoesOn() {
    ReplayFeed f =
        new ReplayFeed(
            List.of(
                src("a", at(T0)),
                new ReplayFeed.Source(
                    "bad.json",
                    () -> {
                      throw new ConfigException("bad.json: not JSON at line 1");
                    }),
                src("c", at(T0.plusSeconds(1)))),
            1,
            INTERVAL,
            Duration.ofMinutes(1),
            false);
    f.next();
    Optional<SnapshotFeed.Update> bad = f.next();
    assertThat(bad).containsInstanceOf(SnapshotFeed.Unreadable.class);
    assertThat(((SnapshotFeed.Unreadable) bad.get()).problem())
        .isEqualTo("bad.json: not JSON at line 1");
    SnapshotFeed.Update c = f.next().orElseThrow();
    assertThat(c).isInstanceOf(SnapshotFeed.Snapshot.class);
    assertThat(c.delay()).isEqualTo(INTERVAL); // no recorded gap across the bad one
  }

  @Test
  void longRecordedGapsAreCapped() {
    ReplayFeed f =
        new ReplayFeed(
            List.of(src("a", at(T0)), src("b", at(T0.plusSeconds(3600)))),
            1,
            INTERVAL,
            Duration.ofSeconds(30),
            false);
    f.next();
    assertThat(f.next().orElseThrow().delay()).isEqualTo(Duration.ofSeconds(30));
  }
}
