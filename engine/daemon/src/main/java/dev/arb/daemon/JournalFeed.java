package dev.arb.daemon;

import dev.arb.daemon.stream.EventRing;
import dev.arb.daemon.stream.JournalEvent;
import dev.arb.daemon.stream.JournalReader;
import dev.arb.daemon.stream.MarketEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Replays an event journal ({@code arb run --replay DIR}): every recorded book, pool and snapshot
 * in its recorded order, with its recorded receive time (so the runner's full detector runs fall on
 * the same events and decisions are stamped as they were). Pacing: with {@code speed > 0} the wait
 * between two events is their recorded distance divided by {@code speed} (at most {@code maxWait});
 * with {@code speed} 0 the events follow each other as fast as the runner takes them.
 */
public final class JournalFeed implements SnapshotFeed {
  private final Path dir;
  private final JournalReader reader;
  private final double speed;
  private final Duration maxWait;
  private long previous = Long.MIN_VALUE;

  /**
   * @param dir the journal's folder
   * @param speed times the recorded pace, 0 for as fast as possible
   * @param maxWait the longest recorded gap that is waited out
   * @throws dev.arb.error.ConfigException if {@code dir} holds no journal
   */
  public JournalFeed(Path dir, double speed, Duration maxWait) {
    if (!(speed >= 0) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("replay speed must be 0 or more, got " + speed);
    }
    this.dir = dir;
    this.reader = new JournalReader(dir);
    this.speed = speed;
    this.maxWait = maxWait;
  }

  @Override
  public String describe() {
    String pace =
        speed == 0
            ? "as fast as possible"
            : String.format(
                Locale.ROOT,
                "at %sx recorded pace",
                speed == Math.rint(speed) ? Long.toString((long) speed) : Double.toString(speed));
    return "replay of journal " + dir + " " + pace;
  }

  @Override
  public synchronized Optional<Update> next() {
    Optional<JournalEvent> next = reader.next();
    if (next.isEmpty()) {
      return Optional.empty();
    }
    JournalEvent e = next.get();
    Duration delay = Duration.ZERO;
    long rx = e.receivedEpochNanos();
    if (speed > 0 && previous != Long.MIN_VALUE && rx > previous) {
      delay = Duration.ofNanos((long) (Math.min(rx - previous, maxWait.toNanos()) / speed));
    }
    if (rx != 0) {
      previous = rx;
    }
    String origin = "journal";
    Update u;
    if (e instanceof JournalEvent.Book b) {
      u =
          new Book(
              b.book(),
              EventRing.instant(rx),
              b.exchangeEpochNanos() == MarketEvent.NO_TIME
                  ? Optional.empty()
                  : Optional.of(EventRing.instant(b.exchangeEpochNanos())),
              origin,
              delay);
    } else if (e instanceof JournalEvent.PoolState p) {
      u = new PoolState(p.pool(), p.observedAt(), p.block(), EventRing.instant(rx), origin, delay);
    } else if (e instanceof JournalEvent.Snapshot s) {
      u = new Recorded(s.snapshot(), EventRing.instant(rx), s.origin(), delay);
    } else {
      JournalEvent.Unreadable bad = (JournalEvent.Unreadable) e;
      u = new Unreadable(bad.origin(), bad.problem(), delay);
    }
    return Optional.of(u);
  }

  /** Journal files that ended before their trailer (a recorder killed), seen so far. */
  public int truncated() {
    return reader.truncated();
  }

  @Override
  public void close() {
    reader.close();
  }
}
