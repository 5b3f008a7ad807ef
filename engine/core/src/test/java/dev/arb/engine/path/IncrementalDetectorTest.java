package dev.arb.engine.path;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The incremental detector against the full SPFA detector on the same graph after every update, and
 * its masks, flags, potentials and allocation.
 */
class IncrementalDetectorTest {

  /** One step as the runner takes it: update the book in place, check its changed edges. */
  static boolean step(IncrementalDetector det, PathGraph g, RandomBooks.Update u) {
    det.beginStep();
    int changed = g.updateBook(u.market(), u.bid(), u.ask());
    if ((changed & 1) != 0) {
      det.edgeChanged(g.sellEdge(u.market()));
    }
    if ((changed & 2) != 0) {
      det.edgeChanged(g.buyEdge(u.market()));
    }
    return det.endStep();
  }

  @Test
  void agreesWithTheFullDetectorOnThousandsOfSeededRandomUpdateSequences() {
    int sequences = 3000;
    long steps = 0;
    long withCycle = 0;
    long opened = 0;
    long closed = 0;
    long scheduledFullRuns = 0;
    for (int seed = 1; seed <= sequences; seed++) {
      Random r = new Random(seed * 7_919L);
      MarketSnapshot s = RandomBooks.snapshot(r);
      PathGraph g = PathGraph.forUpdates(s, GraphOptions.defaults());
      double[] bid = RandomBooks.bids(s);
      double[] ask = RandomBooks.asks(s);
      IncrementalDetector det = new IncrementalDetector(g);
      assertThat(det.hasNegativeCycle())
          .as("seed %d at start", seed)
          .isEqualTo(PathOptimizer.hasNegativeCycle(g));
      // no transfers: a cycle stays on one exchange, at most 8 assets long
      EdgeCycleSearch search =
          new EdgeCycleSearch(g, new PathQuery(8, 1, List.of(), OptionalDouble.of(0), true));
      for (int i = 0; i < 40; i++) {
        boolean before = det.hasNegativeCycle();
        RandomBooks.Update u = RandomBooks.update(r, g, bid, ask);
        bid[u.market()] = u.bid();
        ask[u.market()] = u.ask();
        boolean incremental = step(det, g, u);
        boolean full = PathOptimizer.hasNegativeCycle(g);
        assertThat(incremental).as("seed %d step %d", seed, i).isEqualTo(full);
        steps++;
        if (full) {
          withCycle++;
          assertThat(det.maskedCount()).isPositive();
        }
        if (full && !before) {
          opened++;
          // a new cycle runs through a changed edge, and that edge is flagged for the search
          boolean found = false;
          for (int f = 0; f < det.flaggedCount() && !found; f++) {
            found = !search.through(det.flagged(f)).isEmpty();
          }
          assertThat(found).as("seed %d step %d: a flagged edge has the cycle", seed, i).isTrue();
        }
        if (!full && before) {
          closed++;
        }
        if (det.sure()) {
          assertFeasible(det, g, seed, i);
        }
        if (r.nextInt(15) == 0) {
          det.beginStep();
          det.fullRun();
          scheduledFullRuns++;
          assertThat(det.hasNegativeCycle()).isEqualTo(full);
          assertFeasible(det, g, seed, i);
        }
      }
    }
    // the generator exercises every branch: cycles open, last and close
    assertThat(steps).isEqualTo(sequences * 40L);
    assertThat(withCycle).isGreaterThan(steps / 50);
    assertThat(opened).isGreaterThan(1000);
    assertThat(closed).isGreaterThan(300);
    assertThat(scheduledFullRuns).isGreaterThan(1000);
  }

  /** On unmasked, enabled edges the potentials are feasible: {@code d[v] ≤ d[u] + w + ε}. */
  private static void assertFeasible(IncrementalDetector det, PathGraph g, int seed, int step) {
    for (int e = 0; e < g.edgeCount(); e++) {
      if (det.masked(e) || g.edgeDisabled(e)) {
        continue;
      }
      double r =
          g.edgeWeight(e)
              + PathOptimizer.EPSILON
              + det.potential(g.edgeFrom(e))
              - det.potential(g.edgeTo(e));
      assertThat(r).as("seed %d step %d edge %d reduced cost", seed, step, e).isGreaterThan(-1e-9);
    }
  }

  private static OrderBook book(String ex, String base, String quote, String bid, String ask) {
    return new OrderBook(
        Market.of(ex, base, quote, BigDecimal.ZERO),
        List.of(new BookLevel(new BigDecimal(bid), BigDecimal.ONE)),
        List.of(new BookLevel(new BigDecimal(ask), BigDecimal.ONE)),
        Instant.EPOCH);
  }

  /** BTC at 30000 USD, ETH at 2000 USD, BTC/ETH at 15: no arbitrage after the spreads. */
  private static MarketSnapshot triangle() {
    return new MarketSnapshot(
        List.of(
            book("x", "BTC", "USD", "29990", "30010"),
            book("x", "ETH", "USD", "1999", "2001"),
            book("x", "BTC", "ETH", "14.99", "15.01")),
        List.of(),
        "triangle");
  }

  @Test
  void aLiftedBookOpensACycleThroughItsEdgeWhichIsMaskedUntilTheBookFallsBack() {
    PathGraph g = PathGraph.forUpdates(triangle(), GraphOptions.defaults());
    IncrementalDetector det = new IncrementalDetector(g);
    assertThat(det.hasNegativeCycle()).isFalse();
    int btcEth = g.market("x:BTC/ETH");

    // BTC/ETH bid 15.2: buy BTC for 30010 USD, sell for 15.2 ETH, sell ETH for 1999 USD = 30385
    boolean open = step(det, g, new RandomBooks.Update(btcEth, 15.2, 15.3));
    assertThat(open).isTrue();
    assertThat(PathOptimizer.hasNegativeCycle(g)).isTrue();
    assertThat(det.flaggedCount()).isEqualTo(1);
    assertThat(det.flagged(0)).isEqualTo(g.sellEdge(btcEth));
    assertThat(det.masked(g.sellEdge(btcEth))).isTrue();
    List<Cycle> cycles = new EdgeCycleSearch(g, PathQuery.defaults()).through(det.flagged(0));
    assertThat(cycles).hasSize(1);
    assertThat(cycles.get(0).returnBp()).isGreaterThan(100);

    // another market moves a little against the cycle: it lasts, nothing new is flagged
    int ethUsd = g.market("x:ETH/USD");
    assertThat(step(det, g, new RandomBooks.Update(ethUsd, 1998.5, 2001))).isTrue();
    assertThat(det.masked(g.sellEdge(btcEth))).isTrue();
    assertThat(det.flaggedCount()).as("ETH/USD bid fell: its edge's weight rose").isZero();
    // and the other way: a weight that falls while a cycle is masked is worth a search
    assertThat(step(det, g, new RandomBooks.Update(ethUsd, 1999.5, 2001))).isTrue();
    assertThat(det.flaggedCount()).isEqualTo(1);
    assertThat(det.flagged(0)).isEqualTo(g.sellEdge(ethUsd));

    // the lifted book falls back: unmasked, no cycle, potentials repaired
    assertThat(step(det, g, new RandomBooks.Update(btcEth, 14.99, 15.01))).isFalse();
    assertThat(det.maskedCount()).isZero();
    assertThat(PathOptimizer.hasNegativeCycle(g)).isFalse();
    assertFeasible(det, g, 0, 3);
  }

  @Test
  void aFullRunMasksOneEdgePerCycleAndKeepsTheMaskOfALastingCycle() {
    PathGraph g = PathGraph.forUpdates(triangle(), GraphOptions.defaults());
    int btcEth = g.market("x:BTC/ETH");
    g.updateBook(btcEth, 15.2, 15.3); // changed behind the detector's back: only a full run sees it
    IncrementalDetector det = new IncrementalDetector(g);
    assertThat(det.hasNegativeCycle()).isTrue();
    assertThat(det.maskedCount()).isEqualTo(1);
    assertThat(det.flaggedCount()).as("found by the first full run: new").isEqualTo(1);
    int masked = det.flagged(0);

    det.beginStep();
    det.fullRun();
    assertThat(det.maskedCount()).isEqualTo(1);
    assertThat(det.masked(masked)).as("the lasting cycle keeps its mask").isTrue();
    assertThat(det.flaggedCount()).as("a lasting cycle is not new").isZero();
    assertThat(det.fullRuns()).isEqualTo(2);
  }

  @Test
  void moreCyclesThanMasksSaturateTheDetectorUntilAFullRunFindsFewer() {
    // 70 exchanges with one triangle each, all lifted: 70 cycles at once
    List<OrderBook> books = new java.util.ArrayList<>();
    for (int x = 0; x < 70; x++) {
      String ex = "x" + x;
      books.add(book(ex, "BTC", "USD", "29990", "30010"));
      books.add(book(ex, "ETH", "USD", "1999", "2001"));
      books.add(book(ex, "BTC", "ETH", "14.99", "15.01"));
    }
    PathGraph g =
        PathGraph.forUpdates(
            new MarketSnapshot(books, List.of(), "70 triangles"), GraphOptions.defaults());
    IncrementalDetector det = new IncrementalDetector(g);
    for (int x = 0; x < 70; x++) {
      step(det, g, new RandomBooks.Update(g.market("x" + x + ":BTC/ETH"), 15.2, 15.3));
    }
    assertThat(det.saturated()).isTrue();
    assertThat(det.sure()).isFalse();
    assertThat(det.hasNegativeCycle()).isTrue();
    assertThat(det.maskedCount()).isEqualTo(IncrementalDetector.MAX_MASKED);
    // saturated: every edge that falls is flagged for a search, nothing else is checked
    int ethUsd = g.market("x3:ETH/USD");
    det.beginStep();
    g.updateBook(ethUsd, 1999.5, 2001);
    det.edgeChanged(g.sellEdge(ethUsd));
    assertThat(det.endStep()).isTrue();
    assertThat(det.flaggedCount()).isEqualTo(1);
    // every lift falls back; the next scheduled full run ends the saturation
    for (int x = 0; x < 70; x++) {
      step(det, g, new RandomBooks.Update(g.market("x" + x + ":BTC/ETH"), 14.99, 15.01));
    }
    assertThat(det.saturated()).as("only a full run ends it").isTrue();
    det.beginStep();
    det.fullRun();
    assertThat(det.saturated()).isFalse();
    assertThat(det.hasNegativeCycle()).isFalse();
    assertThat(PathOptimizer.hasNegativeCycle(g)).isFalse();
  }

  @Test
  void anEmptiedSideDisablesItsEdgeAndARefillEnablesIt() {
    PathGraph g = PathGraph.forUpdates(triangle(), GraphOptions.defaults());
    IncrementalDetector det = new IncrementalDetector(g);
    int btcEth = g.market("x:BTC/ETH");
    step(det, g, new RandomBooks.Update(btcEth, 0, 15.01));
    assertThat(g.edgeDisabled(g.sellEdge(btcEth))).isTrue();
    assertThat(g.edgeWeight(g.sellEdge(btcEth))).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(step(det, g, new RandomBooks.Update(btcEth, 15.2, 15.3))).isTrue();
    assertThat(g.edgeDisabled(g.sellEdge(btcEth))).isFalse();
  }

  @Test
  void updateAndDetectAllocateNothing() {
    Random r = new Random(42);
    MarketSnapshot s = RandomBooks.snapshot(r);
    PathGraph g = PathGraph.forUpdates(s, GraphOptions.defaults());
    IncrementalDetector det = new IncrementalDetector(g);
    int updates = 20_000;
    int[] market = new int[updates];
    double[] bids = new double[updates];
    double[] asks = new double[updates];
    double[] bid = RandomBooks.bids(s);
    double[] ask = RandomBooks.asks(s);
    for (int i = 0; i < updates; i++) {
      RandomBooks.Update u = RandomBooks.update(r, g, bid, ask);
      bid[u.market()] = u.bid();
      ask[u.market()] = u.ask();
      market[i] = u.market();
      bids[i] = u.bid();
      asks[i] = u.ask();
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    int cycles = run(det, g, market, bids, asks); // warm-up: the same updates once
    long before = threads.getThreadAllocatedBytes(id);
    cycles += run(det, g, market, bids, asks);
    long allocated = threads.getThreadAllocatedBytes(id) - before;
    assertThat(cycles).as("the updates open cycles too").isPositive();
    assertThat(det.fullRuns()).as("some steps end in a full run").isGreaterThan(1);
    // the measuring calls themselves allocate a little; 20,000 steps allocate nothing
    assertThat(allocated).as("bytes allocated by 20,000 steps").isLessThan(4_096);
  }

  private static int run(
      IncrementalDetector det, PathGraph g, int[] market, double[] bids, double[] asks) {
    int cycles = 0;
    for (int i = 0; i < market.length; i++) {
      det.beginStep();
      int changed = g.updateBook(market[i], bids[i], asks[i]);
      if ((changed & 1) != 0) {
        det.edgeChanged(g.sellEdge(market[i]));
      }
      if ((changed & 2) != 0) {
        det.edgeChanged(g.buyEdge(market[i]));
      }
      if (det.endStep()) {
        cycles++;
      }
      if (i % 1000 == 999) {
        det.beginStep();
        det.fullRun();
      }
    }
    return cycles;
  }
}
