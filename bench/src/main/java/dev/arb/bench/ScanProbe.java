package dev.arb.bench;

import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.path.GraphOptions;
import dev.arb.engine.path.PathGraph;
import dev.arb.engine.path.PathOptimizer;
import dev.arb.engine.path.PathQuery;
import dev.arb.engine.scan.ScanRequest;
import dev.arb.engine.scan.Scanner;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * An in-process probe of {@link ScanBenchmark}'s scan, for a shared machine: on the same synthetic
 * snapshot, the graph build, the search (ranking, detector, potentials, top-K) and the whole scan,
 * each timed by this thread's CPU time and by wall time, min and median of {@code rounds} runs
 * after as many warm-up runs, with the load average. CPU time leaves out the time spent waiting for
 * a core, which JMH's wall time includes.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.arb.bench.ScanProbe [markets] [top] [rounds]</pre>
 */
public final class ScanProbe {
  private ScanProbe() {}

  public static void main(String[] args) throws IOException {
    int markets = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int top = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 40;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    MarketSnapshot snapshot =
        SyntheticMarkets.generate(
            2 * markets, Graphs.EXCHANGES, ScanBenchmark.LEVELS, Graphs.INJECTED, Graphs.SEED);
    ScanRequest request =
        new ScanRequest(PathQuery.defaults().withTopK(top), Optional.empty(), Optional.empty());
    String[] phases = {"build", "search", "scan"};
    long[][] cpu = new long[phases.length][rounds];
    long[][] wall = new long[phases.length][rounds];
    for (int k = -rounds; k < rounds; k++) {
      int i = Math.max(k, 0);
      long c = mx.getCurrentThreadCpuTime();
      long w = System.nanoTime();
      PathGraph graph = PathGraph.build(snapshot, GraphOptions.defaults());
      cpu[0][i] = mx.getCurrentThreadCpuTime() - c;
      wall[0][i] = System.nanoTime() - w;
      c = mx.getCurrentThreadCpuTime();
      w = System.nanoTime();
      int found = PathOptimizer.search(graph, request.query()).cycles().size();
      cpu[1][i] = mx.getCurrentThreadCpuTime() - c;
      wall[1][i] = System.nanoTime() - w;
      c = mx.getCurrentThreadCpuTime();
      w = System.nanoTime();
      int reported = Scanner.scan(snapshot, request).opportunities().size();
      cpu[2][i] = mx.getCurrentThreadCpuTime() - c;
      wall[2][i] = System.nanoTime() - w;
      if (found != top || reported != top) {
        throw new IllegalStateException(
            "expected " + top + " cycles, found " + found + " and " + reported);
      }
    }
    String load = Files.readString(Path.of("/proc/loadavg")).trim();
    System.out.printf(
        Locale.ROOT,
        "scan probe: %,d markets, top %d, %d rounds, load average %s%n",
        markets,
        top,
        rounds,
        load);
    for (int p = 0; p < phases.length; p++) {
      long[] c = cpu[p].clone();
      long[] w = wall[p].clone();
      Arrays.sort(c);
      Arrays.sort(w);
      System.out.printf(
          Locale.ROOT,
          "  %-6s CPU min %7.2f ms, median %7.2f ms | wall min %7.2f ms, median %7.2f ms%n",
          phases[p],
          c[0] / 1e6,
          c[rounds / 2] / 1e6,
          w[0] / 1e6,
          w[rounds / 2] / 1e6);
    }
  }
}
