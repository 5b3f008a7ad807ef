package dev.arb.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Pool;
import dev.arb.engine.model.Token;
import dev.arb.engine.path.PathOptimizer;
import dev.arb.engine.path.PathQuery;
import dev.arb.engine.pool.SyntheticPools;
import dev.arb.engine.sample.SampleSnapshot;
import dev.arb.engine.sample.SyntheticStream;
import dev.arb.engine.scan.Opportunity;
import dev.arb.engine.scan.ScanReport;
import dev.arb.engine.scan.ScanRequest;
import dev.arb.engine.scan.Scanner;
import dev.arb.engine.scan.Snapshots;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming engine on the real Binance.US sample (45 books, fees set to 0.1 %: no arbitrage
 * until a book is lifted): a streamed update is decided as a scan of the same books decides the
 * cycles through it; snapshots, new markets, stale markets; no allocation per update.
 */
class StreamEngineTest {
  private static final BigDecimal FEE = new BigDecimal("0.001");
  private static final long T0 = Instant.parse("2023-03-02T15:36:10Z").toEpochMilli() * 1_000_000;

  private static MarketSnapshot sample() {
    return Snapshots.withTakerFee(SampleSnapshot.load(), FEE);
  }

  private static ScanRequest request(int topK) {
    return new ScanRequest(
        PathQuery.defaults().withMaxLength(4).withTopK(topK), Optional.empty(), Optional.empty());
  }

  private static OrderBook find(MarketSnapshot s, String id) {
    return s.books().stream().filter(b -> b.market().id().equals(id)).findFirst().orElseThrow();
  }

  /** The book with both sides moved by {@code factor}, observed at {@code at}. */
  private static OrderBook moved(OrderBook b, double factor, Instant at) {
    List<BookLevel> bids = new ArrayList<>();
    for (BookLevel l : b.bids()) {
      bids.add(new BookLevel(l.price().multiply(BigDecimal.valueOf(factor)), l.amount()));
    }
    List<BookLevel> asks = new ArrayList<>();
    for (BookLevel l : b.asks()) {
      asks.add(new BookLevel(l.price().multiply(BigDecimal.valueOf(factor)), l.amount()));
    }
    return new OrderBook(b.market(), bids, asks, at);
  }

  @Test
  void aStreamedUpdateIsDecidedAsAScanOfTheSameBooksDecidesTheCyclesThroughIt() {
    MarketSnapshot s = sample();
    StreamEngine engine = new StreamEngine(s, request(10), StreamEngine.Settings.defaults(), T0);
    assertThat(engine.hasNegativeCycle()).isFalse();
    assertThat(engine.markets()).isEqualTo(45);

    // a small move: nothing to search
    OrderBook eth = find(s, "binanceus:ETH/USD");
    Instant t = Instant.parse("2023-03-02T15:36:10Z");
    assertThat(engine.book(moved(eth, 1.00001, t), T0 + 1)).isZero();
    assertThat(engine.decide()).isEmpty();

    // ETH/USD lifted by 1.5 %: sell ETH for USD there, buy it back elsewhere
    OrderBook lifted = moved(eth, 1.015, t.plusMillis(1));
    assertThat(engine.book(lifted, T0 + 2)).isPositive();
    assertThat(engine.hasNegativeCycle()).isTrue();
    List<Opportunity> decided = engine.decide();
    assertThat(decided).isNotEmpty().hasSizeLessThanOrEqualTo(10);

    // a scan of the same books, all cycles: those through ETH/USD, best first, are the decision
    ScanReport scan = Scanner.scan(engine.current(false), request(10_000));
    List<Opportunity> through = new ArrayList<>();
    for (Opportunity o : scan.opportunities()) {
      for (Leg l : o.cycle().legs()) {
        if (l.market().id().equals("binanceus:ETH/USD")) {
          through.add(o);
          break;
        }
      }
    }
    assertThat(through).hasSizeGreaterThanOrEqualTo(decided.size());
    for (int i = 0; i < decided.size(); i++) {
      Opportunity d = decided.get(i);
      Opportunity f = through.get(i);
      assertThat(d.rank()).isEqualTo(i + 1);
      assertThat(d.cycle()).as("cycle %d", i).isEqualTo(f.cycle());
      assertThat(d.status()).isEqualTo(f.status());
      assertThat(d.reason()).isEqualTo(f.reason());
      assertThat(d.plan().map(p -> p.profit())).isEqualTo(f.plan().map(p -> p.profit()));
    }
    assertThat(decided.get(0).plan()).isPresent();
    assertThat(decided.get(0).plan().get().profit()).isPositive();
    assertThat(engine.decidedSnapshot().books()).contains(lifted);

    // another market's spread widens (both its weights rise): the lasting cycle is not decided
    // again
    OrderBook btc = find(s, "binanceus:BTC/USD");
    OrderBook wider =
        new OrderBook(
            btc.market(),
            List.of(new BookLevel(new BigDecimal("23370"), BigDecimal.ONE)),
            List.of(new BookLevel(new BigDecimal("23380"), BigDecimal.ONE)),
            t.plusMillis(2));
    assertThat(engine.book(wider, T0 + 3)).isZero();
    assertThat(engine.hasNegativeCycle()).isTrue();
    // while it lasts, a market whose rate improves is searched: the cycles through it
    OrderBook cheaper = moved(btc, 0.9999, t.plusMillis(3));
    assertThat(engine.book(cheaper, T0 + 4)).isPositive();
    List<Opportunity> again = engine.decide();
    assertThat(again).isNotEmpty();
    for (Opportunity o : again) {
      assertThat(o.cycle().legs()).anyMatch(l -> l.market().id().equals("binanceus:BTC/USD"));
    }
    // the lifted book falls back: the cycle is gone
    assertThat(engine.book(moved(eth, 1.0, t.plusMillis(4)), T0 + 5)).isZero();
    assertThat(engine.hasNegativeCycle()).isFalse();
    assertThat(PathOptimizer.hasNegativeCycle(engine.graph())).isFalse();
  }

  @Test
  void aSnapshotReplacesTheStateButKeepsABookStreamedAfterIt() {
    MarketSnapshot s = sample();
    StreamEngine engine = new StreamEngine(s, request(10), StreamEngine.Settings.defaults(), T0);
    OrderBook eth = find(s, "binanceus:ETH/USD");
    OrderBook newer = moved(eth, 1.001, Instant.parse("2023-03-02T15:40:00Z"));
    engine.book(newer, T0 + 1);
    long before = engine.rebuilds();
    engine.reset(s, T0 + 2); // the same markets, ETH/USD older than the streamed one
    assertThat(engine.rebuilds()).as("same markets: updated in place").isEqualTo(before);
    assertThat(find(engine.current(true), "binanceus:ETH/USD")).isEqualTo(newer);
    assertThat(engine.detector().flaggedCount()).as("a snapshot is decided by its scan").isZero();

    // a snapshot with fewer markets rebuilds the graph without them
    MarketSnapshot fewer = s.withBooks(s.books().subList(0, 40));
    engine.reset(fewer, T0 + 3);
    assertThat(engine.markets()).isEqualTo(40);
    assertThat(engine.rebuilds()).isEqualTo(before + 1);
  }

  @Test
  void aNewMarketRebuildsTheGraphAndItsCyclesAreDecided() {
    MarketSnapshot s = sample();
    MarketSnapshot without =
        s.withBooks(
            s.books().stream().filter(b -> !b.market().id().equals("binanceus:ETH/USD")).toList());
    StreamEngine engine =
        new StreamEngine(without, request(10), StreamEngine.Settings.defaults(), T0);
    assertThat(engine.markets()).isEqualTo(44);
    OrderBook lifted = moved(find(s, "binanceus:ETH/USD"), 1.015, Instant.EPOCH.plusSeconds(1));
    assertThat(engine.book(lifted, T0 + 1)).isPositive();
    assertThat(engine.markets()).isEqualTo(45);
    assertThat(engine.rebuilds()).isEqualTo(2);
    assertThat(engine.decide()).isNotEmpty();
  }

  @Test
  void aMarketOlderThanMaxAgeIsLeftOutAtTheNextFullRun() {
    MarketSnapshot s = sample(); // observed between 15:36:06 and 15:36:09
    ScanRequest r =
        new ScanRequest(
            PathQuery.defaults().withMaxLength(4),
            Optional.empty(),
            Optional.of(Duration.ofSeconds(30)));
    StreamEngine engine =
        new StreamEngine(s, r, new StreamEngine.Settings(2, Duration.ofHours(1)), T0);
    OrderBook eth = find(s, "binanceus:ETH/USD");
    int m = engine.graph().market("binanceus:ETH/USD");
    assertThat(engine.graph().edgeDisabled(engine.graph().sellEdge(m))).isFalse();
    // another market a minute later: ETH/USD, untouched since 15:36:08, is stale after a full run
    OrderBook btc = find(s, "binanceus:BTC/USD");
    engine.book(moved(btc, 1.0, Instant.parse("2023-03-02T15:37:30Z")), T0 + 1);
    engine.book(moved(btc, 1.00001, Instant.parse("2023-03-02T15:37:31Z")), T0 + 2);
    assertThat(engine.graph().edgeDisabled(engine.graph().sellEdge(m))).isTrue();
    assertThat(engine.current(false).books()).doesNotContain(eth);
    // its next update brings it back
    engine.book(moved(eth, 1.0, Instant.parse("2023-03-02T15:37:32Z")), T0 + 3);
    assertThat(engine.graph().edgeDisabled(engine.graph().sellEdge(m))).isFalse();
  }

  @Test
  void bookUpdatesWithoutACycleAllocateNothing() {
    MarketSnapshot s = sample();
    StreamEngine engine =
        new StreamEngine(s, request(10), new StreamEngine.Settings(1_000, Duration.ofHours(1)), T0);
    Random r = new Random(11);
    int updates = 20_000;
    OrderBook[] events = new OrderBook[updates];
    double[] bids = new double[updates];
    double[] asks = new double[updates];
    for (int i = 0; i < updates; i++) {
      OrderBook b = s.books().get(r.nextInt(s.books().size()));
      events[i] = moved(b, 1 + r.nextGaussian() * 0.00005, Instant.parse("2023-03-02T15:36:10Z"));
      bids[i] = StreamEngine.bestBid(events[i]);
      asks[i] = StreamEngine.bestAsk(events[i]);
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    int flagged = 0;
    for (int i = 0; i < updates; i++) {
      flagged += engine.book(events[i], bids[i], asks[i], T0 + i);
    }
    long before = threads.getThreadAllocatedBytes(id);
    for (int i = 0; i < updates; i++) {
      flagged += engine.book(events[i], bids[i], asks[i], T0 + i);
      engine.warm(); // what a spinning runner does between events
    }
    long allocated = threads.getThreadAllocatedBytes(id) - before;
    assertThat(flagged).as("small moves never open a cycle here").isZero();
    assertThat(engine.fullRuns()).as("full runs happened in between").isGreaterThan(30);
    assertThat(allocated).as("bytes allocated by 20,000 book updates").isLessThan(4_096);
  }

  @Test
  void warmingBetweenEventsChangesNoDecision() {
    SyntheticStream stream = SyntheticStream.generate(600, 5, 17);
    ScanRequest request = new ScanRequest(PathQuery.defaults(), Optional.empty(), Optional.empty());
    StreamEngine.Settings settings = new StreamEngine.Settings(700, Duration.ofSeconds(1));
    StreamEngine warmed = new StreamEngine(stream.initial(), request, settings, T0);
    StreamEngine plain = new StreamEngine(stream.initial(), request, settings, T0);
    int decided = 0;
    for (int i = 0; i < 6_000; i++) {
      OrderBook b = stream.next();
      for (int k = 0; k < 1 + i % 300; k++) {
        warmed.warm(); // from one step to more than a whole round of the 600-edge graph
      }
      int fw = warmed.book(b, T0 + i * 100_000L);
      int fp = plain.book(b, T0 + i * 100_000L);
      assertThat(fw).as("flagged edges at update %d", i).isEqualTo(fp);
      assertThat(warmed.hasNegativeCycle()).isEqualTo(plain.hasNegativeCycle());
      if (fw > 0) {
        List<Opportunity> w = warmed.decide();
        assertThat(w).isEqualTo(plain.decide());
        decided += w.isEmpty() ? 0 : 1;
      }
    }
    assertThat(decided).as("updates decided with opportunities").isPositive();
    assertThat(warmed.fullRuns()).isEqualTo(plain.fullRuns());
  }

  @Test
  void aDeferredSearchFindsWhatTheEngineFoundAtItsEventAfterLaterUpdates() {
    SyntheticStream stream = SyntheticStream.generate(600, 5, 31);
    StreamEngine engine =
        new StreamEngine(
            stream.initial(),
            new ScanRequest(PathQuery.defaults(), Optional.empty(), Optional.empty()),
            new StreamEngine.Settings(500, Duration.ofSeconds(1)),
            T0);
    // searches in flight: each with what candidates() found at its event, run some updates later
    List<StreamEngine.Deferred> inFlight = new ArrayList<>();
    List<StreamEngine.Candidates> expected = new ArrayList<>();
    int onFrames = 0;
    int onEngine = 0;
    int found = 0;
    for (int i = 0; i < 20_000; i++) {
      OrderBook b = stream.next();
      // between 5,000 and 14,000 nothing is searched: a frame's next capture is then more changes
      // behind than the engine keeps a log of, and copies everything
      if (engine.book(b, T0 + i * 100_000L) == 0 || (i >= 5_000 && i < 14_000)) {
        continue;
      }
      StreamEngine.Deferred d = engine.defer();
      expected.add(engine.candidates()); // the engine's own search, at the same event
      inFlight.add(d);
      if (d.onFrame()) {
        onFrames++;
      } else {
        onEngine++;
      }
      if (inFlight.size() > StreamEngine.FRAMES + 1 || i % 7 == 0) {
        StreamEngine.Candidates c = inFlight.remove(0).candidates();
        StreamEngine.Candidates e = expected.remove(0);
        assertThat(c).isEqualTo(e);
        found += c == null ? 0 : c.cycles().size();
      }
    }
    for (int i = 0; i < inFlight.size(); i++) {
      assertThat(inFlight.get(i).candidates()).isEqualTo(expected.get(i));
    }
    assertThat(found).as("cycles found by deferred searches").isPositive();
    assertThat(onFrames).as("searches on frames").isGreaterThan(10);
    assertThat(onEngine).as("searches on the engine's thread, every frame in flight").isPositive();
  }

  @Test
  void aFrameCatchesUpOnTheMarketsChangedSinceItsLastCapture() {
    MarketSnapshot s = sample();
    StreamEngine engine = new StreamEngine(s, request(10), StreamEngine.Settings.defaults(), T0);
    OrderBook eth = find(s, "binanceus:ETH/USD");
    Instant t = Instant.parse("2023-03-02T15:36:10Z");
    OrderBook lifted = moved(eth, 1.015, t.plusMillis(1));
    assertThat(engine.book(lifted, T0 + 1)).isPositive();
    StreamEngine.Deferred first = engine.defer();
    StreamEngine.Candidates before = first.candidates(); // the frame is free again
    assertThat(before).isNotNull();
    // the lift falls back; three other books of the cycles found move a little; the lift again:
    // five changes since the frame's capture, which it replays from the engine's change log
    assertThat(engine.book(moved(eth, 1.0, t.plusMillis(2)), T0 + 2)).isZero();
    int moved = 0;
    for (OrderBook b : before.books()) {
      if (moved < 3 && !b.market().equals(eth.market())) {
        engine.book(moved(b, 0.9995, t.plusMillis(3 + moved)), T0 + 3 + moved);
        moved++;
      }
    }
    assertThat(moved).isEqualTo(3);
    assertThat(engine.book(moved(eth, 1.015, t.plusMillis(9)), T0 + 9)).isPositive();
    StreamEngine.Deferred second = engine.defer();
    StreamEngine.Candidates expected = engine.candidates();
    engine.book(moved(eth, 1.0, t.plusMillis(10)), T0 + 10);
    assertThat(second.onFrame()).isTrue();
    assertThat(expected).isNotNull().isNotEqualTo(before);
    assertThat(second.candidates()).isEqualTo(expected);
  }

  @Test
  void aDeferredSearchThroughPoolsSizesOnThePoolsOfItsEvent() {
    Token a = SyntheticPools.token(1, "A", 18);
    Token b = SyntheticPools.token(2, "B", 18);
    Token c = SyntheticPools.token(3, "C", 18);
    List<Pool> balanced =
        List.of(
            SyntheticPools.pool(1, a, b, "1000", "1000", "0.003"),
            SyntheticPools.pool(2, b, c, "1000", "1000", "0.003"),
            SyntheticPools.pool(3, a, c, "1000", "1000", "0.003"));
    MarketSnapshot s =
        new MarketSnapshot(
            List.of(),
            List.of(),
            "pools",
            List.of(SyntheticPools.chain(List.of(a, b, c), balanced)));
    StreamEngine engine =
        new StreamEngine(
            s,
            new ScanRequest(PathQuery.defaults(), Optional.empty(), Optional.empty()),
            StreamEngine.Settings.defaults(),
            T0);
    // pool 3 lifted: C → A now pays 1.21, a cycle A → B → C → A opens through it
    Pool lifted = SyntheticPools.pool(3, a, c, "1210", "1000", "0.003");
    assertThat(engine.pool(lifted, SyntheticPools.AT.plusSeconds(12), T0 + 1)).isPositive();
    StreamEngine.Deferred d = engine.defer();
    StreamEngine.Candidates expected = engine.candidates();
    assertThat(d.onFrame()).isTrue();
    assertThat(expected).isNotNull();
    assertThat(expected.withPools()).as("a pool leg: every pool handed over").isNotNull();
    // then it closes again, before the stage gets to the search
    assertThat(engine.pool(balanced.get(2), SyntheticPools.AT.plusSeconds(24), T0 + 2)).isZero();
    StreamEngine.Candidates found = d.candidates();
    assertThat(found).isEqualTo(expected);
    assertThat(found.withPools().chains().get(0).pools())
        .as("the pools of the event, not of later ones")
        .contains(lifted)
        .doesNotContain(balanced.get(2));
  }

  @Test
  void anEmptiedBookSideDisablesItsEdge() {
    MarketSnapshot s = sample();
    StreamEngine engine = new StreamEngine(s, request(10), StreamEngine.Settings.defaults(), T0);
    OrderBook eth = find(s, "binanceus:ETH/USD");
    Market m = eth.market();
    engine.book(new OrderBook(m, List.of(), eth.asks(), eth.observedAt()), T0 + 1);
    int i = engine.graph().market(m.id());
    assertThat(engine.graph().edgeDisabled(engine.graph().sellEdge(i))).isTrue();
    assertThat(engine.graph().edgeDisabled(engine.graph().buyEdge(i))).isFalse();
  }
}
