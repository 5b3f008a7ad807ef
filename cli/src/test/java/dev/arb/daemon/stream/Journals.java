package dev.arb.daemon.stream;

import dev.arb.engine.sample.SyntheticStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Event journals for the cli's tests, written by the daemon's own {@link JournalWriter} (this
 * helper sits in its package to fill events as the runner does).
 */
public final class Journals {
  private Journals() {}

  /**
   * A journal of a synthetic stream ({@link SyntheticStream}, 400 markets on 5 exchanges): its
   * first snapshot, then {@code books} streamed books {@code gapMillis} of receive time apart.
   */
  public static void synthetic(Path dir, int books, long gapMillis) throws IOException {
    SyntheticStream s = SyntheticStream.generate(400, 5, 4_242);
    try (JournalWriter w = new JournalWriter(dir, 100_000)) {
      long t0 = EventRing.epochNanos(s.initial().books().get(0).observedAt());
      MarketEvent snap = new MarketEvent();
      snap.clear();
      snap.kind = MarketEvent.Kind.SNAPSHOT;
      snap.snapshot = s.initial();
      snap.origin = "poll";
      snap.receivedEpochNanos = t0;
      w.onEvent(snap, 0, false);
      MarketEvent e = new MarketEvent();
      for (int i = 0; i < books; i++) {
        e.clear();
        e.kind = MarketEvent.Kind.BOOK;
        e.book = s.next();
        e.receivedEpochNanos = t0 + (i + 1) * gapMillis * 1_000_000L;
        e.exchangeEpochNanos = MarketEvent.NO_TIME;
        w.onEvent(e, i + 1, false);
      }
    }
  }
}
