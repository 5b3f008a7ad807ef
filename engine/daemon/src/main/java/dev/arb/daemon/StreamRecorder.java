package dev.arb.daemon;

import com.lmax.disruptor.EventHandler;
import dev.arb.daemon.stream.EventRing;
import dev.arb.daemon.stream.JournalWriter;
import dev.arb.daemon.stream.MarketEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code arb record --stream}: every event of a live feed (books pushed by the WebSocket streams as
 * they arrive, and a polled snapshot every interval) passes the same event ring as in {@code arb
 * run} into an event journal, without deciding anything, until the duration is over or a stop is
 * asked for. The journal is flushed after every batch of the ring and finished on the way out.
 */
public final class StreamRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(StreamRecorder.class);

  /** What was recorded. */
  public record Summary(long books, long pools, long snapshots, long unreadable, long written) {}

  private StreamRecorder() {}

  /**
   * Records until {@code duration} is over (when given) or {@code stop} is counted down.
   *
   * @param feed the live feed (polled every its interval, streamed books pushed)
   */
  public static Summary record(
      SnapshotFeed feed,
      JournalWriter journal,
      Optional<Duration> duration,
      CountDownLatch stop,
      Clock clock)
      throws InterruptedException {
    Counter counter = new Counter();
    EventRing ring =
        new EventRing(
            1 << 14,
            EventRing.Wait.BLOCKING,
            "arb-record",
            (ex, ev) -> LOG.warn("journal: {}", ex.getMessage(), ex),
            counter,
            journal);
    ring.start();
    long until = duration.map(d -> System.nanoTime() + d.toNanos()).orElse(Long.MAX_VALUE);
    try {
      feed.stream(ring);
      while (stop.getCount() > 0 && System.nanoTime() - until < 0) {
        Duration due = feed.untilNext();
        long left = until == Long.MAX_VALUE ? Long.MAX_VALUE : until - System.nanoTime();
        long wait = Math.min(due.toNanos(), left);
        if (wait > 0 && stop.await(wait, TimeUnit.NANOSECONDS)) {
          break;
        }
        if (System.nanoTime() - until >= 0) {
          break;
        }
        Optional<SnapshotFeed.Update> next = feed.next();
        if (next.isEmpty()) {
          break;
        }
        long nanos = System.nanoTime();
        long epoch = EventRing.epochNanos(clock.instant());
        if (next.get() instanceof SnapshotFeed.Snapshot s) {
          ring.snapshot(s.snapshot(), s.origin(), false, nanos, epoch);
        } else if (next.get() instanceof SnapshotFeed.Unreadable bad) {
          ring.unreadable(bad.origin(), bad.problem(), nanos, epoch);
        }
      }
    } finally {
      feed.close(); // no more pushes
      ring.close(Duration.ofSeconds(10));
      journal.close();
    }
    return new Summary(
        counter.books, counter.pools, counter.snapshots, counter.unreadable, journal.written());
  }

  /** Counts the events by kind (on its own consumer thread; read after the ring is closed). */
  private static final class Counter implements EventHandler<MarketEvent> {
    long books;
    long pools;
    long snapshots;
    long unreadable;

    @Override
    public void onEvent(MarketEvent e, long sequence, boolean endOfBatch) {
      switch (e.kind()) {
        case BOOK -> books++;
        case POOL -> pools++;
        case SNAPSHOT -> snapshots++;
        case UNREADABLE -> unreadable++;
        case END -> {
          // nothing to count
        }
      }
    }
  }
}
