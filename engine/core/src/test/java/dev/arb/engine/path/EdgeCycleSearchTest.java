package dev.arb.engine.path;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The search restricted to one edge finds exactly the cycles through that edge that the full top-K
 * search finds, in the same order and rotation, on seeded random snapshots: with and without a
 * profit threshold, start assets and transfer edges, and after in-place updates.
 */
class EdgeCycleSearchTest {

  @Test
  void findsExactlyTheFullSearchsCyclesThroughEachEdgeOnRandomSnapshots() {
    Random r = new Random(20_261_207L);
    int compared = 0;
    int nonEmpty = 0;
    for (int round = 0; round < 250; round++) {
      MarketSnapshot s = RandomBooks.snapshot(r);
      boolean transfers = round % 5 == 4;
      PathGraph g =
          PathGraph.forUpdates(
              s, transfers ? GraphOptions.withTransfers(0.0005) : GraphOptions.defaults());
      // lift a few books so that some cycles are profitable
      double[] bid = RandomBooks.bids(s);
      double[] ask = RandomBooks.asks(s);
      for (int k = 0; k < 3; k++) {
        RandomBooks.Update u = RandomBooks.update(r, g, bid, ask);
        bid[u.market()] = u.bid();
        ask[u.market()] = u.ask();
        g.updateBook(u.market(), u.bid(), u.ask());
      }
      int maxLength = 2 + r.nextInt(transfers ? 2 : 4);
      boolean threshold = r.nextInt(3) != 0;
      List<Asset> start =
          r.nextInt(4) == 0 ? List.of(Asset.of(RandomBooks.ASSETS[r.nextInt(4)])) : List.of();
      PathQuery all =
          new PathQuery(
              maxLength,
              100_000,
              start,
              threshold ? OptionalDouble.of(0) : OptionalDouble.empty(),
              true);
      List<Cycle> full = PathOptimizer.search(g, all).cycles();
      int topK = 1 + r.nextInt(4);
      EdgeCycleSearch every = new EdgeCycleSearch(g, all);
      EdgeCycleSearch topOnly = new EdgeCycleSearch(g, all.withTopK(topK));
      for (int e = 0; e < g.edgeCount(); e++) {
        if (g.edgeLeg(e) == null) {
          continue; // a transfer edge has no leg to recognise it by in the full results
        }
        List<Cycle> expected = new ArrayList<>();
        for (Cycle c : full) {
          if (c.legs().contains(g.edgeLeg(e))) {
            expected.add(c);
          }
        }
        List<Cycle> got = every.through(e);
        assertThat(got).as("round %d edge %d", round, e).isEqualTo(expected);
        assertThat(topOnly.through(e))
            .as("round %d edge %d top %d", round, e, topK)
            .isEqualTo(expected.subList(0, Math.min(topK, expected.size())));
        compared++;
        nonEmpty += got.isEmpty() ? 0 : 1;
      }
    }
    assertThat(compared).isGreaterThan(3000);
    assertThat(nonEmpty).isGreaterThan(1000);
  }

  @Test
  void aDisabledEdgeHasNoCycle() {
    Random r = new Random(7);
    MarketSnapshot s = RandomBooks.snapshot(r);
    PathGraph g = PathGraph.forUpdates(s, GraphOptions.defaults());
    int m = 0;
    g.updateBook(m, 0, 0);
    EdgeCycleSearch search = new EdgeCycleSearch(g, PathQuery.defaults().withoutMinProfit());
    assertThat(g.edgeDisabled(g.sellEdge(m))).isTrue();
    assertThat(search.through(g.sellEdge(m))).isEmpty();
    assertThat(search.through(g.buyEdge(m))).isEmpty();
    // and every other edge's cycles avoid it
    for (int e = 0; e < g.edgeCount(); e++) {
      for (Cycle c : search.through(e)) {
        for (Leg l : c.legs()) {
          assertThat(l.tradable().id()).isNotEqualTo(g.marketId(m));
        }
      }
    }
    assertThat(g.edgeLeg(g.sellEdge(m)).side()).isEqualTo(Side.SELL);
  }
}
