package dev.arb.bench;

import dev.arb.engine.path.PathGraph;
import dev.arb.engine.path.PathOptimizer;
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
 * Is there any arbitrage? The engine's SPFA ({@link PathOptimizer#hasNegativeCycle}) against
 * JGraphT's {@code BellmanFordShortestPath} from a virtual source, on the same graph and weights.
 * Graph builds are done once in setup (see {@link GraphBuildBenchmark}). {@code injected = 3}: the
 * answer is yes (the usual case the detector must be fast for); {@code injected = 0}: no profitable
 * cycle, so both must run to the end.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CycleDetectionBenchmark {
  @Param({"1000", "10000", "50000"})
  public int edges;

  @Param({"3", "0"})
  public int injected;

  private PathGraph graph;
  private Graph<Integer, DefaultWeightedEdge> jgraph;
  private int source;

  @Setup
  public void setUp() {
    graph = PathGraph.of(Graphs.snapshot(edges, injected));
    jgraph = Graphs.jgrapht(graph);
    source = graph.nodeCount();
    boolean spfa = PathOptimizer.hasNegativeCycle(graph);
    boolean bf = Graphs.jgraphtNegativeCycle(jgraph, source);
    if (spfa != bf) {
      throw new IllegalStateException(
          "SPFA says " + spfa + ", JGraphT says " + bf + " on " + edges + " edges");
    }
  }

  @Benchmark
  public boolean spfa() {
    return PathOptimizer.hasNegativeCycle(graph);
  }

  @Benchmark
  public boolean jgraphtBellmanFord() {
    return Graphs.jgraphtNegativeCycle(jgraph, source);
  }
}
