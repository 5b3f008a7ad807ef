package dev.arb.bench;

import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.path.PathQuery;
import dev.arb.engine.scan.ScanReport;
import dev.arb.engine.scan.ScanRequest;
import dev.arb.engine.scan.Scanner;
import java.util.Optional;
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
 * A whole scan at scale ({@link Scanner#scan}): graph build, detector, exact top-K search at L = 5
 * above 0 bp, and the sizing of every reported cycle on 10-level books (sweep plus BigDecimal
 * re-pricing), on {@code markets} synthetic markets over 5 exchanges with 3 injected profitable
 * triangles. The cost of one more reported cycle is the difference between the {@code top} values;
 * it should not grow with the market count. On a shared machine, {@link ScanProbe} times the same
 * scan (and its build and search) by thread CPU time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ScanBenchmark {
  /** Book levels per side. */
  public static final int LEVELS = 10;

  @Param({"5000", "20000"})
  public int markets;

  @Param({"1", "10", "30"})
  public int top;

  private MarketSnapshot snapshot;
  private ScanRequest request;

  @Setup
  public void setUp() {
    snapshot = SyntheticMarkets.generate(2 * markets, Graphs.EXCHANGES, LEVELS, 3, Graphs.SEED);
    request =
        new ScanRequest(PathQuery.defaults().withTopK(top), Optional.empty(), Optional.empty());
    int found = Scanner.scan(snapshot, request).opportunities().size();
    if (found != top) {
      throw new IllegalStateException(
          "expected " + top + " cycles at " + markets + " markets, found " + found);
    }
  }

  @Benchmark
  public ScanReport scan() {
    return Scanner.scan(snapshot, request);
  }
}
