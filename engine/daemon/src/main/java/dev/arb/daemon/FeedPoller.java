package dev.arb.daemon;

import dev.arb.daemon.stream.EventRing;
import dev.arb.daemon.stream.EventSink;
import dev.arb.daemon.stream.MarketEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timer of the daemon, on its own thread: while running, waits until the feed's next update is
 * due (a live poll every interval, a replayed snapshot or event at its recorded pace) and publishes
 * it into the event ring; pause, resume, kill switch and stop are seen between two updates.
 * Streamed books do not pass here: the feed pushes them into the ring as they arrive ({@link
 * SnapshotFeed#stream}). At the end of the input it publishes the end and waits for the stop.
 */
final class FeedPoller {
  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

  /** Waits shorter than this are spun, not slept (a replay's events are microseconds apart). */
  private static final long SPIN_NANOS = 2_000_000;

  private final Lifecycle lifecycle;
  private final SnapshotFeed feed;
  private final EventSink sink;
  private final Clock clock;

  FeedPoller(Lifecycle lifecycle, SnapshotFeed feed, EventSink sink, Clock clock) {
    this.lifecycle = lifecycle;
    this.feed = feed;
    this.sink = sink;
    this.clock = clock;
  }

  /**
   * The loop, until a stop is asked for.
   *
   * @param pending an update read but not published yet, or null
   * @param endedAtStart whether the feed was empty from the start
   */
  void loop(SnapshotFeed.Update pending, boolean endedAtStart) {
    try {
      if (endedAtStart) {
        endOfFeed();
      }
      while (!lifecycle.stopping()) {
        if (!lifecycle.active()) {
          lifecycle.awaitActiveOrStop(Duration.ofSeconds(1));
          continue;
        }
        if (pending == null) {
          Duration due = feed.untilNext();
          if (!due.isZero() && !lifecycle.sleep(due)) {
            continue; // state changed while waiting for the next poll: look again
          }
          Optional<SnapshotFeed.Update> next = feed.next();
          if (next.isEmpty()) {
            endOfFeed();
            continue;
          }
          pending = next.get();
        }
        if (!await(pending.delay())) {
          continue; // state changed while waiting: look again, keep the update
        }
        if (!lifecycle.active()) {
          continue; // paused or stopped just before the wait: keep the update for later
        }
        publish(pending);
        pending = null;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      lifecycle.requestStop("interrupted");
    }
  }

  /** Waits {@code d}: spun when short; false when the state changed meanwhile. */
  private boolean await(Duration d) throws InterruptedException {
    long nanos = d.toNanos();
    if (nanos <= 0) {
      return true;
    }
    if (nanos >= SPIN_NANOS) {
      return lifecycle.sleep(d);
    }
    long until = System.nanoTime() + nanos;
    while (System.nanoTime() - until < 0) {
      Thread.onSpinWait();
    }
    return true;
  }

  /** Publishes one update into the ring, stamped with its receive times. */
  void publish(SnapshotFeed.Update u) {
    long nanos = System.nanoTime();
    if (u instanceof SnapshotFeed.Book b) {
      sink.book(
          b.book(),
          nanos,
          EventRing.epochNanos(b.receivedAt()),
          b.exchangeTime().map(EventRing::epochNanos).orElse(MarketEvent.NO_TIME));
    } else if (u instanceof SnapshotFeed.PoolState p) {
      sink.pool(p.pool(), p.at(), p.block(), nanos, EventRing.epochNanos(p.receivedAt()));
    } else if (u instanceof SnapshotFeed.Recorded r) {
      sink.snapshot(r.snapshot(), r.origin(), false, nanos, EventRing.epochNanos(r.receivedAt()));
    } else if (u instanceof SnapshotFeed.Snapshot s) {
      sink.snapshot(s.snapshot(), s.origin(), false, nanos, EventRing.epochNanos(clock.instant()));
    } else if (u instanceof SnapshotFeed.Unreadable bad) {
      sink.unreadable(bad.origin(), bad.problem(), nanos, EventRing.epochNanos(clock.instant()));
    }
  }

  /** Publishes the end of the input, then waits until the daemon stops. */
  private void endOfFeed() throws InterruptedException {
    sink.end(System.nanoTime(), EventRing.epochNanos(clock.instant()));
    LOG.debug("end of input published");
    while (!lifecycle.stopping()) {
      lifecycle.sleep(Duration.ofSeconds(1));
    }
  }
}
