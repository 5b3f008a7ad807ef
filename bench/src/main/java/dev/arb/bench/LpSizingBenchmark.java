package dev.arb.bench;

import dev.arb.engine.lp.LpCycleSizer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The same 4-leg cycle as {@link SizingBenchmark}, sized by the ojAlgo LP ({@link
 * LpCycleSizer#solve}, adaptive depth). One call can take seconds at 1000 levels, so each iteration
 * times a single call (single-shot) and the median is over iterations.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class LpSizingBenchmark {
  @Param({"10", "100", "1000"})
  public int levels;

  /**
   * Each leg's bid decline over its depth: 0.003 = the optimum uses ~80 % of the levels, 0.01 = ~25
   * %.
   */
  @Param({"0.003", "0.01"})
  public double decline;

  private SyntheticCycle c;

  @Setup
  public void setUp() {
    c = SyntheticCycle.generate(SizingBenchmark.LEGS, levels, decline, Graphs.SEED);
  }

  @Benchmark
  public LpCycleSizer.Solution lp() {
    return LpCycleSizer.solve(c.ladders(), SizingBenchmark.AVAILABLE.doubleValue());
  }
}
