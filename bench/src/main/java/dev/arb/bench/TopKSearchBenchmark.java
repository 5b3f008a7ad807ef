package dev.arb.bench;

import dev.arb.engine.path.PathGraph;
import dev.arb.engine.path.PathOptimizer;
import dev.arb.engine.path.PathQuery;
import dev.arb.engine.path.PathSearchResult;
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
 * The exact top-K search ({@link PathOptimizer#search}): the 10 best simple cycles of at most 5
 * legs above 0 bp (the {@code arb scan} defaults), on a prebuilt graph. The call includes the
 * detector run and turning the kept cycles into {@code Cycle} values, as the scan does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TopKSearchBenchmark {
  @Param({"1000", "10000", "50000"})
  public int edges;

  private PathGraph graph;
  private final PathQuery query = PathQuery.defaults().withMaxLength(5).withTopK(10);

  @Setup
  public void setUp() {
    graph = PathGraph.of(Graphs.snapshot(edges, Graphs.INJECTED));
    if (PathOptimizer.search(graph, query).cycles().isEmpty()) {
      throw new IllegalStateException("no cycle found on " + edges + " edges");
    }
  }

  @Benchmark
  public PathSearchResult topK() {
    return PathOptimizer.search(graph, query);
  }
}
