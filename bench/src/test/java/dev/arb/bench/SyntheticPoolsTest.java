package dev.arb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.model.ChainSnapshot;
import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.Pool;
import dev.arb.engine.model.Token;
import dev.arb.engine.path.PathOptimizer;
import dev.arb.engine.path.PathQuery;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pool benchmark's snapshot has the promised size, hub-heavy degrees and 3-pool arbitrage. */
class SyntheticPoolsTest {
  @Test
  void tenThousandPoolsOverNineThousandTokensMostlyThroughFourHubs() {
    MarketSnapshot s =
        SyntheticPools.generate(PoolBenchmark.POOLS, PoolBenchmark.TOKENS, Graphs.SEED);
    ChainSnapshot c = s.chains().get(0);
    assertThat(c.pools()).hasSize(10_000);
    assertThat(c.tokens()).hasSize(9_000);

    Map<String, Integer> degree = new HashMap<>();
    int throughHub = 0;
    for (Pool p : c.pools()) {
      degree.merge(p.token0().symbol(), 1, Integer::sum);
      degree.merge(p.token1().symbol(), 1, Integer::sum);
      if (hub(p.token0()) || hub(p.token1())) {
        throughHub++;
      }
    }
    assertThat(throughHub).isGreaterThan(9_000);
    assertThat(degree.get("WETH")).isGreaterThan(4_000);
    assertThat(degree.get("DAI")).isGreaterThan(500);
    // heavy tail: most tokens are in one or two pools, a few in many
    long single = degree.values().stream().filter(d -> d == 1).count();
    assertThat(single).isGreaterThan(7_000);
    assertThat(degree.entrySet().stream().filter(e -> !e.getKey().matches("WETH|USDC|USDT|DAI")))
        .anySatisfy(e -> assertThat(e.getValue()).isGreaterThan(5));

    List<Cycle> top =
        PathOptimizer.search(s, PathQuery.defaults().withMaxLength(3).withTopK(10)).cycles();
    assertThat(top).isNotEmpty();
    assertThat(top)
        .anySatisfy(
            x -> {
              assertThat(x.legs()).hasSize(3);
              assertThat(x.legs()).allMatch(Leg::isPool);
            });
  }

  private static boolean hub(Token t) {
    return t.symbol().matches("WETH|USDC|USDT|DAI");
  }
}
