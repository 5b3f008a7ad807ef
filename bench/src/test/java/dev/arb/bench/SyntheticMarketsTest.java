package dev.arb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.path.PathGraph;
import dev.arb.engine.path.PathOptimizer;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyntheticMarketsTest {

  @ParameterizedTest
  @ValueSource(ints = {1_000, 10_000, 50_000})
  void graphHasTheTargetEdgeCountOnFiveExchangesAndAnInjectedCycle(int edges) {
    MarketSnapshot s = Graphs.snapshot(edges, Graphs.INJECTED);
    PathGraph g = PathGraph.of(s);

    assertThat(g.edgeCount()).isBetween((int) (edges * 0.9), (int) (edges * 1.1));
    Set<String> exchanges = new HashSet<>();
    for (OrderBook b : s.books()) {
      exchanges.add(b.market().exchange());
    }
    assertThat(exchanges).hasSize(Graphs.EXCHANGES);
    assertThat(PathOptimizer.hasNegativeCycle(g)).isTrue();
    assertThat(PathOptimizer.search(g, dev.arb.engine.path.PathQuery.defaults()).cycles())
        .isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {1_000, 10_000})
  void withoutInjectedCyclesTheNoisyPricesHoldNoArbitrage(int edges) {
    PathGraph g = PathGraph.of(Graphs.snapshot(edges, 0));

    assertThat(PathOptimizer.hasNegativeCycle(g)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {1_000, 10_000})
  void jgraphtAgreesWithSpfaOnTheBenchmarkGraphs(int edges) {
    for (int injected : new int[] {0, Graphs.INJECTED}) {
      PathGraph g = PathGraph.of(Graphs.snapshot(edges, injected));

      assertThat(Graphs.jgraphtNegativeCycle(Graphs.jgrapht(g), g.nodeCount()))
          .isEqualTo(PathOptimizer.hasNegativeCycle(g));
    }
  }
}
