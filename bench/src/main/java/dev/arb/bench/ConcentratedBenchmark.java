package dev.arb.bench;

import dev.arb.engine.model.ConcentratedPool;
import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.sizing.AmtOptimizer;
import dev.arb.engine.sizing.ExactSweep;
import dev.arb.engine.sizing.LegLadder;
import dev.arb.engine.sizing.PoolSwap;
import dev.arb.engine.sizing.SizingOutcome;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A 3-leg cycle with one Uniswap V3-style leg whose optimum crosses {@code ticks} initialized ticks
 * ({@link ConcentratedCycle}) and two constant-product legs. {@code sweep}: the exact optimum on
 * prebuilt ladders ({@link ExactSweep#run}, one Möbius piece per tick range; before integer
 * re-pricing; target: under 2 µs at 20 ticks). {@code quoteV3}: the V3 leg's exact integer swap at
 * the optimum's input ({@link ConcentratedPool#amountOut}, the contract's arithmetic step by step;
 * target: under 5 µs at 20 ticks). {@code sizeAndReprice}: the whole {@link AmtOptimizer} step,
 * sweep plus every swap re-priced in integers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ConcentratedBenchmark {
  private static final BigDecimal AVAILABLE = new BigDecimal("1E+24");

  /** Initialized ticks the optimum's V3 swap crosses. */
  @Param({"1", "5", "20"})
  public int ticks;

  private ConcentratedPool pool;
  private Cycle cycle;
  private LegLadder[] ladders;
  private List<OrderBook> noBooks;
  private BigInteger v3Input;
  private final ExactSweep sweep = new ExactSweep(3);
  private final AmtOptimizer optimizer = new AmtOptimizer(3);

  @Setup
  public void setUp() {
    ConcentratedCycle c = ConcentratedCycle.crossing(ticks);
    pool = c.pool();
    cycle = c.cycle();
    ladders = new LegLadder[3];
    noBooks = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ladders[i] = LegLadder.of(cycle.legs().get(i));
      noBooks.add(null);
    }
    if (!(sizeAndReprice() instanceof SizingOutcome.Sized s)) {
      throw new IllegalStateException("the benchmark cycle is not sized: " + sizeAndReprice());
    }
    PoolSwap v3 = s.plan().swaps().get(0);
    v3Input = v3.amountIn();
    int crossed = pool.ticksCrossed(v3Input, true);
    if (crossed < ticks - 1 || crossed > ticks + 1) {
      throw new IllegalStateException(
          "the optimum crosses " + crossed + " ticks, not about " + ticks);
    }
  }

  @Benchmark
  public double sweep() {
    sweep.run(ladders, 3, 1e24);
    return sweep.profit();
  }

  @Benchmark
  public BigInteger quoteV3() {
    return pool.amountOut(v3Input, true);
  }

  @Benchmark
  public SizingOutcome sizeAndReprice() {
    return optimizer.size(cycle, noBooks, ladders, AVAILABLE);
  }
}
