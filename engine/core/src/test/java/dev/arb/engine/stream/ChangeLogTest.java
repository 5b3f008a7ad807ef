package dev.arb.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Pool;
import dev.arb.engine.path.GraphOptions;
import dev.arb.engine.path.PathGraph;
import dev.arb.engine.sample.SyntheticStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChangeLogTest {

  @Test
  void aTwinReplayingTheLoggedChangesEndsBitForBitWhereTheGraphIs() {
    SyntheticStream stream = SyntheticStream.generate(600, 5, 7);
    PathGraph live = PathGraph.forUpdates(stream.initial(), GraphOptions.defaults());
    PathGraph twin = live.twin();
    int markets = live.marketCount();
    OrderBook[] books = new OrderBook[markets];
    Pool[] pools = new Pool[markets];
    boolean[] stale = new boolean[markets];
    ChangeLog log = new ChangeLog(1024); // wraps many times over 30,000 changes
    ChangeLog.Delta delta = new ChangeLog.Delta();
    Random rnd = new Random(11);
    long captured = 0;
    long nextCapture = 1 + rnd.nextInt(1000);
    int captures = 0;
    int staleOnes = 0;
    for (int i = 0; i < 30_000; i++) {
      if (rnd.nextInt(40) == 0) {
        // a market left out as stale, as the engine's full run does
        int m = rnd.nextInt(markets);
        live.setRate(live.sellEdge(m), 0);
        live.setRate(live.buyEdge(m), 0);
        log.stale(m);
        staleOnes++;
      } else {
        OrderBook b = stream.next();
        int m = live.market(b.market().id());
        double bid = StreamEngine.bestBid(b);
        double ask = StreamEngine.bestAsk(b);
        live.updateBook(m, bid, ask);
        log.book(m, bid, ask, b);
      }
      if (log.count() == nextCapture) {
        log.copyTo(captured, log.count(), delta);
        assertThat(delta.size()).isEqualTo((int) (log.count() - captured));
        // a later change before the replay does not reach the copy
        OrderBook later = stream.next();
        int lm = live.market(later.market().id());
        live.updateBook(lm, StreamEngine.bestBid(later), StreamEngine.bestAsk(later));
        log.book(lm, StreamEngine.bestBid(later), StreamEngine.bestAsk(later), later);
        delta.replay(twin, books, pools, stale);
        assertThat(delta.size()).isZero();
        assertSameRates(live, twin, lm);
        // then the twin catches up on it, through the log
        log.copyTo(log.count() - 1, log.count(), delta);
        delta.replay(twin, books, pools, stale);
        assertSameRates(live, twin, -1);
        assertThat(books[lm]).isSameAs(later);
        captured = log.count();
        nextCapture = captured + 1 + rnd.nextInt(1000);
        captures++;
      }
    }
    assertThat(captures).isGreaterThan(40);
    assertThat(staleOnes).isGreaterThan(500);
  }

  /** Every edge's weight and rate the same, bit for bit, except market {@code skip}'s. */
  private static void assertSameRates(PathGraph live, PathGraph twin, int skip) {
    for (int e = 0; e < live.edgeCount(); e++) {
      if (live.edgeMarket(e) == skip) {
        continue;
      }
      assertThat(Double.doubleToRawLongBits(twin.edgeWeight(e)))
          .as("edge %d's weight", e)
          .isEqualTo(Double.doubleToRawLongBits(live.edgeWeight(e)));
      assertThat(Double.doubleToRawLongBits(twin.edgeRate(e)))
          .as("edge %d's rate", e)
          .isEqualTo(Double.doubleToRawLongBits(live.edgeRate(e)));
    }
  }

  @Test
  void aRangeTheRingNoLongerHoldsIsRefused() {
    ChangeLog log = new ChangeLog(8);
    for (int i = 0; i < 20; i++) {
      log.stale(i % 3);
    }
    ChangeLog.Delta delta = new ChangeLog.Delta();
    log.copyTo(12, 20, delta); // the last 8: still held
    assertThat(delta.size()).isEqualTo(8);
    assertThatThrownBy(() -> log.copyTo(11, 20, new ChangeLog.Delta()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not all in the log");
    assertThatThrownBy(() -> log.copyTo(15, 21, new ChangeLog.Delta()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ChangeLog(12)).isInstanceOf(IllegalArgumentException.class);
  }
}
