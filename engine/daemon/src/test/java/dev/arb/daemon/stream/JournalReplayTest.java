package dev.arb.daemon.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.lmax.disruptor.EventHandler;
import dev.arb.daemon.trade.ScanResult;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.path.PathQuery;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.sample.SyntheticStream;
import dev.arb.engine.scan.ScanRequest;
import dev.arb.engine.stream.StreamEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal recorded while a runner decided a stream gives, replayed through a new runner, the same
 * decisions: the same opportunities (path, sizing, profit, status) stamped with the same times,
 * after the same events.
 */
class JournalReplayTest {
  @TempDir Path dir;

  private static final ScanRequest REQUEST =
      new ScanRequest(PathQuery.defaults(), Optional.empty(), Optional.of(Duration.ofSeconds(5)));
  // full runs every 500 events or 100 ms of event time: several during the stream
  private static final StreamEngine.Settings SETTINGS =
      new StreamEngine.Settings(500, Duration.ofMillis(100));

  /** The runner's decision step, keeping every decision with the event it followed. */
  static final class Decisions implements EventHandler<MarketEvent> {
    final EventDecider decider =
        new EventDecider(REQUEST, SETTINGS, (snapshot, at) -> ScanResult.of(snapshot, REQUEST, at));
    final List<String> decided = new ArrayList<>();
    long events;

    @Override
    public void onEvent(MarketEvent e, long sequence, boolean endOfBatch) {
      events++;
      ScanResult r =
          switch (e.kind()) {
            case BOOK -> decider.book(e);
            case SNAPSHOT ->
                decider.snapshot(
                    e.snapshot(),
                    EventRing.instant(e.receivedEpochNanos()),
                    e.receivedEpochNanos(),
                    false);
            default -> null;
          };
      if (r == null) {
        return;
      }
      for (OpportunityRecord o : r.records()) {
        decided.add(
            events
                + " "
                + o.detectedAt()
                + " "
                + o.status()
                + " "
                + o.estimatedProfit().toPlainString()
                + " "
                + o.pathJson()
                + " "
                + o.solutionJson());
      }
    }
  }

  @Test
  void aReplayedJournalDecidesWhatTheRecordingRunDecided() throws Exception {
    SyntheticStream s = SyntheticStream.generate(400, 5, 4_242);
    Decisions live = new Decisions();
    JournalWriter journal = new JournalWriter(dir, 1_000);
    EventRing ring =
        new EventRing(
            1 << 10,
            EventRing.Wait.BLOCKING,
            "test-live",
            (ex, ev) -> {
              throw new AssertionError(ex);
            },
            live,
            journal);
    ring.start();
    long t0 = EventRing.epochNanos(s.initial().books().get(0).observedAt());
    ring.snapshot(s.initial(), "poll", false, System.nanoTime(), t0);
    for (int i = 0; i < 4_000; i++) {
      OrderBook b = s.next();
      ring.book(
          b, System.nanoTime(), EventRing.epochNanos(b.observedAt()) + 7, MarketEvent.NO_TIME);
    }
    assertThat(ring.close(Duration.ofSeconds(30))).isTrue();
    assertThat(live.events).isEqualTo(4_001);
    // lifts of 1-2 % happen about 8 times in 4,000 updates: decisions were made
    assertThat(live.decided).hasSizeGreaterThan(3);

    Decisions replay = new Decisions();
    EventRing again =
        new EventRing(
            1 << 10,
            EventRing.Wait.BLOCKING,
            "test-replay",
            (ex, ev) -> {
              throw new AssertionError(ex);
            },
            replay);
    again.start();
    List<JournalEvent> events = JournalReader.readAll(dir);
    assertThat(events).hasSize(4_001);
    for (JournalEvent e : events) {
      if (e instanceof JournalEvent.Snapshot snap) {
        again.snapshot(
            snap.snapshot(), snap.origin(), false, System.nanoTime(), e.receivedEpochNanos());
      } else if (e instanceof JournalEvent.Book b) {
        again.book(b.book(), System.nanoTime(), b.receivedEpochNanos(), b.exchangeEpochNanos());
      }
    }
    assertThat(again.close(Duration.ofSeconds(30))).isTrue();
    assertThat(replay.decided).isEqualTo(live.decided);
    assertThat(replay.decider.engine().orElseThrow().fullRuns())
        .isEqualTo(live.decider.engine().orElseThrow().fullRuns())
        .isGreaterThan(5);
  }
}
