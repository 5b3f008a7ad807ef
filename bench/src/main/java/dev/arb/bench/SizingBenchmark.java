package dev.arb.bench;

import dev.arb.engine.sizing.AmtOptimizer;
import dev.arb.engine.sizing.ExactSweep;
import dev.arb.engine.sizing.SizingOutcome;
import java.math.BigDecimal;
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
 * Exact sizing of a 4-leg cycle ({@link SyntheticCycle}; {@code decline} sets how deep the optimum
 * goes: about 80 % or 25 % of every leg's levels). {@code exactSweep}: {@link ExactSweep#run}
 * alone, on prebuilt ladders (the double-precision optimum). {@code amtOptimizer}: the whole {@link
 * AmtOptimizer} step on prebuilt ladders, i.e. the sweep plus the BigDecimal re-pricing of the
 * plan. The LP is in {@link LpSizingBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SizingBenchmark {
  /** Legs of the cycle. */
  public static final int LEGS = 4;

  /** Start-asset balance: large enough never to bind. */
  public static final BigDecimal AVAILABLE = new BigDecimal("1000000000");

  private static final double AVAILABLE_DOUBLE = AVAILABLE.doubleValue();

  @Param({"10", "100", "1000"})
  public int levels;

  /**
   * Each leg's bid decline over its depth: 0.003 = the optimum uses ~80 % of the levels, 0.01 = ~25
   * %.
   */
  @Param({"0.003", "0.01"})
  public double decline;

  private SyntheticCycle c;
  private final ExactSweep sweep = new ExactSweep(LEGS);
  private final AmtOptimizer optimizer = new AmtOptimizer(LEGS);

  @Setup
  public void setUp() {
    c = SyntheticCycle.generate(LEGS, levels, decline, Graphs.SEED);
    if (!(optimizer.size(c.cycle(), c.books(), c.ladders(), AVAILABLE)
        instanceof SizingOutcome.Sized)) {
      throw new IllegalStateException("the benchmark cycle is not sized at " + levels + " levels");
    }
  }

  @Benchmark
  public double exactSweep() {
    sweep.run(c.ladders(), LEGS, AVAILABLE_DOUBLE);
    return sweep.profit();
  }

  @Benchmark
  public SizingOutcome amtOptimizer() {
    return optimizer.size(c.cycle(), c.books(), c.ladders(), AVAILABLE);
  }
}
