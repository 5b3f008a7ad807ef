package dev.arb.bench;

import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.path.PathGraph;
import java.util.concurrent.TimeUnit;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Graph build, which the detection and search benchmarks exclude: the engine's CSR {@link
 * PathGraph} from a snapshot, and the JGraphT graph (with its virtual source) from that PathGraph.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GraphBuildBenchmark {
  @Param({"1000", "10000", "50000"})
  public int edges;

  private MarketSnapshot snapshot;
  private PathGraph graph;

  @Setup
  public void setUp() {
    snapshot = Graphs.snapshot(edges, Graphs.INJECTED);
    graph = PathGraph.of(snapshot);
  }

  @Benchmark
  public PathGraph pathGraph() {
    return PathGraph.of(snapshot);
  }

  @Benchmark
  public Graph<Integer, DefaultWeightedEdge> jgrapht() {
    return Graphs.jgrapht(graph);
  }
}
