package dev.arb.engine.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.model.OrderBook;
import dev.arb.engine.path.PathGraph;
import dev.arb.engine.path.PathOptimizer;
import dev.arb.engine.path.PathQuery;
import dev.arb.engine.scan.ScanRequest;
import dev.arb.engine.stream.StreamEngine;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The synthetic stream: its size, its update mix, and that only lifts open cycles. */
class SyntheticStreamTest {

  @Test
  void hasAboutTheAskedEdgesAndNoArbitrageAtStart() {
    SyntheticStream s = SyntheticStream.generate(10_000, 5, 42);
    PathGraph g = PathGraph.of(s.initial());
    assertThat(g.edgeCount()).isBetween(9_000, 10_000);
    assertThat(s.initial().books()).hasSize(s.markets());
    assertThat(PathOptimizer.hasNegativeCycle(g)).isFalse();
  }

  @Test
  void theUpdateMixIsMostlyCalmAndLiftsOpenCyclesThatTheirRevertsClose() {
    SyntheticStream s = SyntheticStream.generate(2_000, 5, 7);
    StreamEngine engine =
        new StreamEngine(
            s.initial(),
            new ScanRequest(PathQuery.defaults(), Optional.empty(), Optional.empty()),
            StreamEngine.Settings.defaults(),
            0);
    Map<SyntheticStream.Kind, Integer> kinds = new EnumMap<>(SyntheticStream.Kind.class);
    int decidedAfterLift = 0;
    int lifts = 0;
    for (int i = 0; i < 20_000; i++) {
      OrderBook b = s.next();
      kinds.merge(s.lastKind(), 1, Integer::sum);
      assertThat(b.market()).isEqualTo(s.initial().books().get(s.lastMarket()).market());
      int flagged = engine.book(b, i);
      if (s.lastKind() == SyntheticStream.Kind.LIFT) {
        lifts++;
        if (flagged > 0 && !engine.decide().isEmpty()) {
          decidedAfterLift++;
        }
      }
    }
    assertThat(kinds.get(SyntheticStream.Kind.CALM)).isBetween(17_500, 18_400);
    assertThat(kinds.get(SyntheticStream.Kind.VOLATILE)).isBetween(1_700, 2_300);
    assertThat(lifts).isBetween(20, 70);
    assertThat(kinds.get(SyntheticStream.Kind.REVERT)).isBetween(lifts - 1, lifts);
    assertThat(decidedAfterLift).as("most lifts open a profitable cycle").isGreaterThan(lifts / 2);
    // the same seed gives the same updates
    SyntheticStream again = SyntheticStream.generate(2_000, 5, 7);
    SyntheticStream once = SyntheticStream.generate(2_000, 5, 7);
    for (int i = 0; i < 100; i++) {
      assertThat(again.next()).isEqualTo(once.next());
    }
  }
}
