package dev.arb.bench;

import dev.arb.engine.model.ChainSnapshot;
import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.path.PathGraph;
import dev.arb.engine.path.PathOptimizer;
import dev.arb.engine.path.PathQuery;
import dev.arb.engine.path.PathSearchResult;
import dev.arb.engine.sizing.AmtOptimizer;
import dev.arb.engine.sizing.ExactSweep;
import dev.arb.engine.sizing.LegLadder;
import dev.arb.engine.sizing.SizingOutcome;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * DEX pools ({@link SyntheticPools}: 10,000 constant-product pools over 9,000 tokens, most touching
 * WETH, USDC, USDT or DAI). {@code graphAndTopK}: building the graph from the snapshot plus the
 * detector and the exact top-10 search at L = 3, as a scan does (target: under 10 ms). {@code
 * sizeThreePools}: the closed-form optimum of the best 3-pool cycle on prebuilt ladders ({@link
 * ExactSweep#run}, before integer re-pricing; target: under 1 µs). {@code sizeAndReprice}: the
 * whole {@link AmtOptimizer} step for that cycle, sweep plus the integer re-pricing of each swap.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PoolBenchmark {
  /** Pools in the snapshot. */
  public static final int POOLS = 10_000;

  /** Tokens in the snapshot. */
  public static final int TOKENS = 9_000;

  private static final BigDecimal AVAILABLE = new BigDecimal("1E+24");

  private final PathQuery query = PathQuery.defaults().withMaxLength(3).withTopK(10);
  private MarketSnapshot snapshot;
  private Cycle cycle;
  private LegLadder[] ladders;
  private List<OrderBook> noBooks;
  private final ExactSweep sweep = new ExactSweep(3);
  private final AmtOptimizer optimizer = new AmtOptimizer(3);

  @Setup
  public void setUp() {
    snapshot = SyntheticPools.generate(POOLS, TOKENS, Graphs.SEED);
    ChainSnapshot c = snapshot.chains().get(0);
    if (c.pools().size() != POOLS || c.tokens().size() != TOKENS) {
      throw new IllegalStateException("expected " + POOLS + " pools over " + TOKENS + " tokens");
    }
    PathSearchResult found = graphAndTopK();
    cycle =
        found.cycles().stream()
            .filter(x -> x.legs().size() == 3)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no profitable 3-pool cycle"));
    ladders = new LegLadder[3];
    noBooks = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ladders[i] = LegLadder.of(cycle.legs().get(i));
      noBooks.add(null);
    }
    if (!(sizeAndReprice() instanceof SizingOutcome.Sized)) {
      throw new IllegalStateException("the benchmark cycle is not sized: " + sizeAndReprice());
    }
  }

  @Benchmark
  public PathSearchResult graphAndTopK() {
    return PathOptimizer.search(PathGraph.of(snapshot), query);
  }

  @Benchmark
  public double sizeThreePools() {
    sweep.run(ladders, 3, 1e24);
    return sweep.profit();
  }

  @Benchmark
  public SizingOutcome sizeAndReprice() {
    return optimizer.size(cycle, noBooks, ladders, AVAILABLE);
  }
}
