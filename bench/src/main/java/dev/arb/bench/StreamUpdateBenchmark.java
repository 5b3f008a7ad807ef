package dev.arb.bench;

import dev.arb.engine.model.OrderBook;
import dev.arb.engine.path.PathOptimizer;
import dev.arb.engine.path.PathQuery;
import dev.arb.engine.sample.SyntheticStream;
import dev.arb.engine.scan.ScanRequest;
import dev.arb.engine.stream.StreamEngine;
import java.time.Duration;
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
 * One streamed book update: the streaming engine's update + incremental detection ({@link
 * StreamEngine#book}: the market's two edges updated in place, checked against the kept potentials,
 * masks tried again, a full run every 10,000 events), against the same update followed by a full
 * SPFA detection of the whole graph ({@link PathOptimizer#hasNegativeCycle}). Updates: {@link
 * SyntheticStream}'s mix (89.8 % calm, 10 % volatile, 0.2 % lifts that open cycles and their
 * reverts), 65,536 books built in setup and replayed in a loop, 100 µs of event time apart. Run
 * with {@code -prof gc}: {@code updateAndDetect} allocates nothing ({@code gc.alloc.rate.norm}
 * about 0 B/op).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StreamUpdateBenchmark {
  private static final int UPDATES = 1 << 16;

  @Param({"1000", "10000"})
  public int edges;

  private StreamEngine engine;
  private StreamEngine full;
  private OrderBook[] books;
  private double[] bids;
  private double[] asks;
  private int[] markets;
  private int next;
  private long at;

  @Setup
  public void setUp() {
    SyntheticStream s = SyntheticStream.generate(edges, Graphs.EXCHANGES, Graphs.SEED);
    ScanRequest request = new ScanRequest(PathQuery.defaults(), Optional.empty(), Optional.empty());
    StreamEngine.Settings settings = new StreamEngine.Settings(10_000, Duration.ofSeconds(1));
    engine = new StreamEngine(s.initial(), request, settings, 0);
    full = new StreamEngine(s.initial(), request, settings, 0);
    books = new OrderBook[UPDATES];
    bids = new double[UPDATES];
    asks = new double[UPDATES];
    markets = new int[UPDATES];
    for (int i = 0; i < UPDATES; i++) {
      books[i] = s.next();
      bids[i] = StreamEngine.bestBid(books[i]);
      asks[i] = StreamEngine.bestAsk(books[i]);
      markets[i] = full.graph().market(books[i].market().id());
    }
  }

  @Benchmark
  public int updateAndDetect() {
    int i = next++ & (UPDATES - 1);
    at += 100_000;
    return engine.book(books[i], bids[i], asks[i], at);
  }

  @Benchmark
  public boolean updateAndFullDetection() {
    int i = next++ & (UPDATES - 1);
    full.graph().updateBook(markets[i], bids[i], asks[i]);
    return PathOptimizer.hasNegativeCycle(full.graph());
  }
}
