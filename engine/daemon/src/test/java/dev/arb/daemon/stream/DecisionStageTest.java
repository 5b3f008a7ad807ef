package dev.arb.daemon.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.daemon.trade.ScanResult;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.path.PathQuery;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.sample.SyntheticStream;
import dev.arb.engine.scan.ScanRequest;
import dev.arb.engine.stream.StreamEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The decision stage decides exactly what the runner would have decided itself: the same seeded
 * stream of updates, decided once on one thread ({@link EventDecider#book}) and once split (the
 * state a search reads copied on this thread; search, sizing and judging on the stage's, while this
 * thread goes on with the next updates), gives the same records in the same order.
 */
class DecisionStageTest {

  private static final ScanRequest REQUEST =
      new ScanRequest(PathQuery.defaults(), Optional.empty(), Optional.empty());
  private static final StreamEngine.Settings SETTINGS =
      new StreamEngine.Settings(500, Duration.ofSeconds(1));

  @Test
  void splitDecisionsEqualTheRunnersOwn() throws Exception {
    SyntheticStream stream = SyntheticStream.generate(600, 5, 23);
    List<OrderBook> books = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      books.add(stream.next());
    }

    EventDecider alone = decider(stream);
    List<List<OpportunityRecord>> expected = new ArrayList<>();
    MarketEvent slot = new MarketEvent();
    for (int i = 0; i < books.size(); i++) {
      ScanResult r = alone.book(fill(slot, books.get(i), i));
      if (r != null) {
        expected.add(r.records());
      }
    }

    EventDecider split = decider(stream);
    StreamEngine.Sizing sizing = split.sizing();
    List<List<OpportunityRecord>> staged = Collections.synchronizedList(new ArrayList<>());
    DecisionStage stage = new DecisionStage("test-decide");
    int handedOver = 0;
    int onFrames = 0;
    try {
      for (int i = 0; i < books.size(); i++) {
        EventDecider.Pending p = split.search(fill(slot, books.get(i), i), true);
        if (p != null) {
          handedOver++;
          onFrames += p.search().onFrame() ? 1 : 0;
          Runnable sized =
              () -> {
                ScanResult r = split.finish(p, sizing);
                if (r != null) {
                  staged.add(r.records());
                }
              };
          assertThat(stage.offer(sized)).as("the stage takes decision %d", handedOver).isTrue();
        }
      }
    } finally {
      assertThat(stage.close(Duration.ofSeconds(30))).as("every decision finished").isTrue();
    }

    assertThat(handedOver).as("decisions handed to the stage").isGreaterThan(5);
    assertThat(onFrames).as("searches left to the stage, on a copy of the state").isPositive();
    assertThat(expected).as("decisions with opportunities").isNotEmpty();
    assertThat(staged).containsExactlyElementsOf(expected);
    assertThat(split.streamDecisions()).isEqualTo(alone.streamDecisions());
    assertThat(split.opportunities()).isEqualTo(alone.opportunities());
  }

  @Test
  void aFullStageRefusesAndAClosedOneTakesNothing() throws Exception {
    DecisionStage stage = new DecisionStage("test-full");
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(1);
    try {
      // runs, holding the thread
      assertThat(
              stage.offer(
                  () -> {
                    running.countDown();
                    await(release);
                  }))
          .isTrue();
      assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
      int taken = 0;
      while (taken <= DecisionStage.CAPACITY && stage.offer(() -> {})) {
        taken++;
      }
      assertThat(taken).as("decisions waiting").isEqualTo(DecisionStage.CAPACITY);
      assertThat(stage.offer(() -> {})).as("full").isFalse();
    } finally {
      release.countDown();
      assertThat(stage.close(Duration.ofSeconds(10))).isTrue();
    }
    assertThat(stage.offer(() -> {})).as("closed").isFalse();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static EventDecider decider(SyntheticStream stream) {
    EventDecider d = new EventDecider(REQUEST, SETTINGS, (snapshot, at) -> null);
    d.adopt(stream.initial(), EventRing.epochNanos(stream.initial().books().get(0).observedAt()));
    return d;
  }

  private static MarketEvent fill(MarketEvent e, OrderBook book, int i) {
    e.clear();
    e.setBook(book);
    e.receivedNanos = i;
    e.receivedEpochNanos = EventRing.epochNanos(book.observedAt());
    return e;
  }
}
