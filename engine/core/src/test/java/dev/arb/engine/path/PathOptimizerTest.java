package dev.arb.engine.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathOptimizerTest {

  private static OrderBook book(String ex, String base, String quote, String bid, String ask) {
    return book(ex, base, quote, bid, ask, "0");
  }

  private static OrderBook book(
      String ex, String base, String quote, String bid, String ask, String fee) {
    List<BookLevel> bids = bid == null ? List.of() : List.of(BookLevel.of(bid, "1"));
    List<BookLevel> asks = ask == null ? List.of() : List.of(BookLevel.of(ask, "1"));
    return new OrderBook(
        Market.of(ex, base, quote, new BigDecimal(fee)), bids, asks, Instant.EPOCH);
  }

  private static MarketSnapshot snapshot(OrderBook... books) {
    return new MarketSnapshot(List.of(books), List.of(), "test");
  }

  private static List<String> assets(Cycle c) {
    List<String> out = new ArrayList<>();
    for (Asset a : c.assets()) {
      out.add(a.code());
    }
    return out;
  }

  /** USD -> EUR -> GBP -> USD at 0.9 · 0.9 · 1.25 = +125 bp; every other cycle loses. */
  private static MarketSnapshot triangle() {
    return snapshot(
        book("x", "USD", "EUR", "0.9", "0.91"),
        book("x", "EUR", "GBP", "0.9", "0.905"),
        book("x", "GBP", "USD", "1.25", "1.26"),
        book("x", "USD", "GBP", null, "0.82"));
  }

  @Test
  void reportsEachCycleOnceWhateverItsRotation() {
    PathSearchResult r = PathOptimizer.search(triangle(), PathQuery.defaults().withTopK(10));

    assertThat(r.cycles()).hasSize(1);
    Cycle c = r.cycles().get(0);
    assertThat(c.legs()).hasSize(3);
    assertThat(c.topOfBookReturn()).isCloseTo(0.9 * 0.9 * 1.25, within(1e-15));
    assertThat(r.nodes()).isEqualTo(3);
    assertThat(r.edges()).isEqualTo(7);
  }

  @Test
  void rotatesToTheFirstListedStartAssetTheCycleContains() {
    PathQuery q = PathQuery.defaults();
    assertThat(
            assets(PathOptimizer.search(triangle(), q.withStart(assetList("EUR"))).cycles().get(0)))
        .containsExactly("EUR", "GBP", "USD", "EUR");
    assertThat(
            assets(
                PathOptimizer.search(triangle(), q.withStart(assetList("BTC", "GBP", "USD")))
                    .cycles()
                    .get(0)))
        .containsExactly("GBP", "USD", "EUR", "GBP");
    PathSearchResult none = PathOptimizer.search(triangle(), q.withStart(assetList("BTC")));
    assertThat(none.cycles()).isEmpty();
    assertThat(none.notes()).containsExactly("start asset BTC is in no market of the snapshot");
  }

  private static List<Asset> assetList(String... codes) {
    List<Asset> out = new ArrayList<>();
    for (String c : codes) {
      out.add(Asset.of(c));
    }
    return out;
  }

  @Test
  void neverReportsANonSimpleLoop() {
    // Two profitable triangles sharing USD; the figure-eight through USD twice would beat both.
    MarketSnapshot s =
        snapshot(
            book("x", "USD", "EUR", "0.9", "0.91"),
            book("x", "EUR", "GBP", "0.9", "0.905"),
            book("x", "GBP", "USD", "1.25", "1.26"),
            book("x", "USD", "JPY", "100", "100.5"),
            book("x", "JPY", "CHF", "0.01", "0.01005"),
            book("x", "CHF", "USD", "1.01", "1.011"));
    PathSearchResult r = PathOptimizer.search(s, PathQuery.defaults().withMaxLength(6).withTopK(5));

    assertThat(r.cycles()).hasSize(2);
    assertThat(r.cycles()).allSatisfy(JGraphTReferenceTest::assertSimple);
    assertThat(r.cycles().get(0).returnBp()).isCloseTo((0.9 * 0.9 * 1.25 - 1) * 1e4, within(1e-9));
    assertThat(r.cycles().get(1).returnBp()).isCloseTo(100 * 0.01 * 1.01 * 1e4 - 1e4, within(1e-9));
  }

  @Test
  void keepsParallelMarketsAsDistinctCycles() {
    // BTC/USD and USD/BTC on one exchange: two edges each way between the same two nodes.
    MarketSnapshot s =
        snapshot(
            book("x", "BTC", "USD", "100", "101"), book("x", "USD", "BTC", "0.0102", "0.0103"));
    PathGraph g = PathGraph.of(s);
    PathSearchResult r = PathOptimizer.search(g, PathQuery.defaults().withoutMinProfit());

    assertThat(g.nodeCount()).isEqualTo(2);
    assertThat(g.edgeCount()).isEqualTo(4);
    assertThat(r.cycles()).hasSize(4);
    // Best: sell BTC for 100 USD on BTC/USD, sell USD for BTC at 0.0102 on USD/BTC: +200 bp.
    Cycle best = r.cycles().get(0);
    assertThat(best.topOfBookReturn()).isCloseTo(1.02, within(1e-12));
    assertThat(best.legs()).extracting(Leg::side).containsExactly(Side.SELL, Side.SELL);
    assertThat(r.negativeCycleExists()).isTrue();
  }

  @Test
  void emptySideGivesNoEdgeAndFeesReduceTheRate() {
    MarketSnapshot s = snapshot(book("x", "BTC", "USD", "100", null, "0.002"));
    PathGraph g = PathGraph.of(s);

    assertThat(g.edgeCount()).isEqualTo(1);
    assertThat(g.edgeLeg(0).side()).isEqualTo(Side.SELL);
    assertThat(g.edgeRate(0)).isEqualTo(99.8);
    assertThat(g.edgeWeight(0)).isEqualTo(-Math.log(99.8));
    PathGraph ask = PathGraph.of(snapshot(book("x", "BTC", "USD", null, "100", "0.002")));
    assertThat(ask.edgeRate(0)).isCloseTo(0.998 / 100, within(1e-18));
    assertThat(ask.nodeAsset(ask.edgeTo(0))).isEqualTo(Asset.of("BTC"));
  }

  @Test
  void appliesTheMinProfitThresholdStrictly() {
    double bp = (0.9 * 0.9 * 1.25 - 1) * 1e4; // 125 bp
    PathQuery q = PathQuery.defaults();
    assertThat(PathOptimizer.search(triangle(), q.withMinProfitBp(bp - 0.01)).cycles()).hasSize(1);
    assertThat(PathOptimizer.search(triangle(), q.withMinProfitBp(bp + 0.01)).cycles()).isEmpty();
    assertThat(PathOptimizer.search(triangle(), q.withoutMinProfit().withTopK(100)).cycles())
        .hasSizeGreaterThan(1);
  }

  @Test
  void transferEdgesAreOffByDefaultAndJoinExchangesWhenOn() {
    // BTC is 100 USD on exchange a and 103 USD on b.
    MarketSnapshot s =
        snapshot(book("a", "BTC", "USD", "99.9", "100"), book("b", "BTC", "USD", "103", "103.1"));
    assertThat(PathOptimizer.search(s, PathQuery.defaults()).cycles()).isEmpty();

    PathGraph g = PathGraph.build(s, GraphOptions.withTransfers(0.001));
    PathSearchResult r = PathOptimizer.search(g, PathQuery.defaults());
    assertThat(g.edgeCount()).isEqualTo(8);
    assertThat(r.cycles()).hasSize(1);
    Cycle c = r.cycles().get(0);
    assertThat(c.exchanges()).containsExactlyInAnyOrder("a", "b");
    assertThat(c.legs()).hasSize(2);
    assertThat(c.topOfBookReturn()).isCloseTo(103.0 / 100.0 * 0.999 * 0.999, within(1e-12));
  }

  @Test
  void reportsNoneAsAValue() {
    PathSearchResult empty =
        PathOptimizer.search(snapshot(), PathQuery.defaults().withoutMinProfit());
    assertThat(empty.cycles()).isEmpty();
    assertThat(empty.negativeCycleExists()).isFalse();
    assertThat(empty.nodes()).isZero();

    PathSearchResult k0 = PathOptimizer.search(triangle(), PathQuery.defaults().withTopK(0));
    assertThat(k0.cycles()).isEmpty();
    assertThat(k0.negativeCycleExists()).isTrue();
    assertThat(k0.detectedCycle().orElseThrow().topOfBookReturn())
        .isCloseTo(0.9 * 0.9 * 1.25, within(1e-12));
  }

  @Test
  void detectorIgnoresFloatingNoiseOnAFairLoop() {
    // 1/3 · 3 · 1 is exactly 1 in decimals; in doubles ln-sums may be off by 1e-16.
    MarketSnapshot s =
        snapshot(
            book("x", "A", "B", "0.333333333333333333", null),
            book("x", "B", "C", "3", null),
            book("x", "C", "A", "1.000000000000000001", null));
    assertThat(PathOptimizer.hasNegativeCycle(PathGraph.of(s))).isFalse();
    assertThat(PathOptimizer.search(s, PathQuery.defaults()).cycles()).isEmpty();
  }

  /** n assets, every ordered pair a market selling at {@code rate}: every cycle ties. */
  private static MarketSnapshot equalRates(int n, String rate) {
    List<OrderBook> books = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j) {
          books.add(book("rates", "A" + i, "A" + j, rate, null));
        }
      }
    }
    return new MarketSnapshot(books, List.of(), "equal rates");
  }

  @Test
  void stopsAtTheWorkBoundWhenNothingCanBeCutAndSaysSo() {
    PathGraph g = PathGraph.of(equalRates(12, "1.01"));
    PathQuery q = PathQuery.defaults().withMaxLength(5).withTopK(3);

    PathSearchResult bounded = PathOptimizer.search(g, q, 10_000);
    assertThat(bounded.notes())
        .anySatisfy(n -> assertThat(n).startsWith("search stopped after 10,000 steps"));
    // what it found until then is still right: 3 cycles, each of the best return there is
    assertThat(bounded.cycles()).hasSize(3);
    assertThat(bounded.cycles())
        .allSatisfy(
            c ->
                assertThat(c.topOfBookReturn())
                    .isCloseTo(Math.pow(1.01, c.legs().size()), within(1e-12)));

    PathSearchResult full = PathOptimizer.search(g, q);
    assertThat(full.notes()).noneMatch(n -> n.startsWith("search stopped"));
    assertThat(full.cyclesExamined()).isGreaterThan(bounded.cyclesExamined());
    assertThat(full.best().orElseThrow().legs()).hasSize(5);
  }
}
