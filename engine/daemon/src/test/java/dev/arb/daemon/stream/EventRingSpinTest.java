package dev.arb.daemon.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.lmax.disruptor.EventHandler;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.sample.SyntheticStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * {@code arb.run.wait = spin}: the runner (the ring's first consumer) spins on its core, every
 * other consumer (a journal) still sleeps when idle, and both see every event in order.
 */
class EventRingSpinTest {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Records the books it sees and the thread it runs on. */
  private static final class Seen implements EventHandler<MarketEvent> {
    final List<OrderBook> books = new ArrayList<>();
    volatile long thread = -1;

    volatile boolean started;

    @Override
    public void onStart() {
      started = true;
    }

    @Override
    public void onEvent(MarketEvent e, long sequence, boolean endOfBatch) {
      thread = Thread.currentThread().getId();
      books.add(e.book());
    }
  }

  /** A ring to a runner and a journal; a consumer that throws fails the test. */
  private static EventRing ring(
      int size,
      EventRing.Wait wait,
      String name,
      EventHandler<MarketEvent> runner,
      EventHandler<MarketEvent> journal) {
    return new EventRing(
        size,
        wait,
        name,
        (ex, ev) -> {
          throw new AssertionError(ex);
        },
        runner,
        journal);
  }

  /** Publishes {@code b} as received now. */
  private static void publish(EventRing ring, OrderBook b) {
    ring.book(b, System.nanoTime(), EventRing.epochNanos(b.observedAt()), MarketEvent.NO_TIME);
  }

  /** A runner with idle work: counts the steps, on its own thread only. */
  private static final class Warming implements EventHandler<MarketEvent>, EventRing.Idle {
    final List<OrderBook> books = new ArrayList<>();
    volatile long idleSteps;
    volatile long idleOnOtherThreads;
    volatile Thread thread;

    @Override
    public void onStart() {
      thread = Thread.currentThread();
    }

    @Override
    public void onEvent(MarketEvent e, long sequence, boolean endOfBatch) {
      books.add(e.book());
    }

    @Override
    public void idle() {
      if (Thread.currentThread() != thread) {
        idleOnOtherThreads++;
      }
      idleSteps++;
    }
  }

  @Test
  void aSpinningRunnerDoesItsIdleWorkBetweenEventsAndOnlyWhenItSpins() {
    SyntheticStream s = SyntheticStream.generate(120, 5, 5);
    for (EventRing.Wait wait : new EventRing.Wait[] {EventRing.Wait.SPIN, EventRing.Wait.PHASED}) {
      Warming runner = new Warming();
      Warming journal = new Warming();
      EventRing ring = ring(1 << 8, wait, "test-idle", runner, journal);
      ring.start();
      List<OrderBook> sent = new ArrayList<>();
      try {
        for (int i = 0; i < 1_000; i++) {
          OrderBook b = s.next();
          sent.add(b);
          publish(ring, b);
          if (i % 100 == 0) {
            LockSupport.parkNanos(2_000_000); // quiet spells
          }
        }
      } finally {
        assertThat(ring.close(Duration.ofSeconds(10))).isTrue();
      }
      assertThat(runner.books).as("%s: the runner's events", wait).containsExactlyElementsOf(sent);
      assertThat(journal.books)
          .as("%s: the journal's events", wait)
          .containsExactlyElementsOf(sent);
      assertThat(journal.idleSteps).as("%s: a consumer after the first never spins", wait).isZero();
      assertThat(runner.idleOnOtherThreads).isZero();
      if (wait == EventRing.Wait.SPIN) {
        assertThat(runner.idleSteps).as("idle steps of the spinning runner").isGreaterThan(1_000);
      } else {
        assertThat(runner.idleSteps).as("idle steps of a runner that does not spin").isZero();
      }
    }
  }

  @Test
  void aRingClosedRightAfterItStartedHandsEveryEventToEveryConsumer() {
    SyntheticStream s = SyntheticStream.generate(60, 5, 9);
    for (int round = 0; round < 100; round++) {
      Seen runner = new Seen();
      Seen journal = new Seen();
      EventRing ring =
          ring(
              1 << 6,
              round % 2 == 0 ? EventRing.Wait.PHASED : EventRing.Wait.SPIN,
              "test-short",
              runner,
              journal);
      // as the daemon: the first state is published before the ring starts, the end right after
      List<OrderBook> sent = List.of(s.next(), s.next(), s.next());
      for (OrderBook b : sent) {
        publish(ring, b);
      }
      ring.start();
      assertThat(runner.started && journal.started)
          .as("round %d: every consumer running once start returns", round)
          .isTrue();
      assertThat(ring.close(Duration.ofSeconds(10))).isTrue();
      assertThat(journal.books).as("round %d: the journal's events", round).isEqualTo(sent);
      assertThat(runner.books).as("round %d: the runner's events", round).isEqualTo(sent);
    }
  }

  @Test
  void theRunnerSpinsWhileAJournalConsumerSleepsAndBothSeeEveryEventInOrder() {
    SyntheticStream s = SyntheticStream.generate(300, 5, 3);
    Seen runner = new Seen();
    Seen journal = new Seen();
    EventRing ring = ring(1 << 10, EventRing.Wait.SPIN, "test-spin", runner, journal);
    ring.start();
    List<OrderBook> sent = new ArrayList<>();
    try {
      for (int i = 0; i < 2_000; i++) {
        OrderBook b = s.next();
        sent.add(b);
        publish(ring, b);
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while ((runner.books.size() < sent.size() || journal.books.size() < sent.size())
          && System.nanoTime() - deadline < 0) {
        LockSupport.parkNanos(1_000_000);
      }
      // then a quiet market: the runner's thread keeps its core, the journal's sleeps
      long r0 = THREADS.getThreadCpuTime(runner.thread);
      long j0 = THREADS.getThreadCpuTime(journal.thread);
      LockSupport.parkNanos(Duration.ofMillis(400).toNanos());
      long runnerCpu = THREADS.getThreadCpuTime(runner.thread) - r0;
      long journalCpu = THREADS.getThreadCpuTime(journal.thread) - j0;
      assertThat(runnerCpu)
          .as("runner CPU %d ns vs journal %d ns while idle", runnerCpu, journalCpu)
          .isGreaterThan(10 * Math.max(journalCpu, 1_000_000));
    } finally {
      assertThat(ring.close(Duration.ofSeconds(10))).isTrue();
    }
    assertThat(runner.books).containsExactlyElementsOf(sent);
    assertThat(journal.books).containsExactlyElementsOf(sent);
    assertThat(runner.thread).isNotEqualTo(journal.thread);
  }
}
