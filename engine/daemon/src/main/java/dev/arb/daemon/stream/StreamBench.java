package dev.arb.daemon.stream;

import com.lmax.disruptor.EventHandler;
import dev.arb.config.RunConfig;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.path.PathGraph;
import dev.arb.engine.path.PathOptimizer;
import dev.arb.engine.path.PathQuery;
import dev.arb.engine.sample.SyntheticStream;
import dev.arb.engine.scan.ScanRequest;
import dev.arb.engine.stream.StreamEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * {@code arb bench stream}: a synthetic replay measured in process, tick to decision. A publisher
 * thread plays {@link SyntheticStream}'s updates (most move a price by well under 1 bp, 10 % are
 * volatile, 0.2 % open cycles for a few updates) into the event ring at a fixed rate, stamping each
 * with {@link System#nanoTime()} as it is published (its arrival; the book, made before the run, is
 * read just before, as a feed has the book it just built in cache); the runner thread decides each
 * one as the daemon's does (update, detection, the state a search reads copied for the {@link
 * DecisionStage}, which searches the cycles through the changed edges, sizes and judges them; see
 * {@link StreamEngine#defer()}), and the time from arrival to decision made goes into a histogram.
 * As the daemon's runner does with {@code arb.run.wait = spin}, it keeps the lines an update
 * touches in its cache while it spins ({@link StreamEngine#warm()}); the ring has the daemon's size
 * and the runner takes no per-stage timings (the daemon's default log level). The same updates are
 * then played at the same rate into a runner that re-scans the whole graph per update (the market's
 * edges updated in place, then a full SPFA detection, as a timer-driven scan would do per update).
 * Both runs follow a warm-up pass over the same updates at full speed, so that the JIT has compiled
 * the hot path. Queueing is included: a runner slower than the rate falls behind and its latencies
 * grow.
 */
public final class StreamBench {

  /**
   * What to run.
   *
   * @param edges edges of the graph (two per market), on five exchanges
   * @param updates updates measured per run
   * @param rate updates per second
   * @param seed the synthetic stream's seed
   * @param runnerWait how the runner waits for events, as {@code arb.run.wait}: {@code SPIN} (its
   *     own core; the decision stage at idle priority) or {@code PHASED} (the daemon's default)
   */
  public record Settings(int edges, int updates, int rate, long seed, RunConfig.Wait runnerWait) {
    /** Spinning, as {@code arb.run.wait = spin}. */
    public Settings(int edges, int updates, int rate, long seed) {
      this(edges, updates, rate, seed, RunConfig.Wait.SPIN);
    }

    public Settings {
      java.util.Objects.requireNonNull(runnerWait, "runnerWait");
      if (edges < 30) {
        throw new IllegalArgumentException("--edges must be at least 30, got " + edges);
      }
      if (updates < 1) {
        throw new IllegalArgumentException("--updates must be positive, got " + updates);
      }
      if (rate < 1 || rate > 10_000_000) {
        throw new IllegalArgumentException(
            "--rate must be between 1 and 10000000 updates per second, got " + rate);
      }
    }
  }

  /**
   * Tick-to-decision latencies of one run, in microseconds; {@code service*}: the runner's own time
   * per update (update, detect, search; sizing too unless the decision stage took it), without the
   * hand-over and queueing.
   */
  public record Latencies(
      long count,
      double p50Us,
      double p99Us,
      double p999Us,
      double maxUs,
      double serviceP50Us,
      double serviceP99Us,
      double serviceMaxUs) {}

  /**
   * Where the streaming runner's work went (its measured run), counted and timed per thread so that
   * it reads the same on a busy machine: {@code handedOver} events handed to the decision stage,
   * {@code searchedOnStage} of them searched there on a frame copied by the runner, {@code
   * searchedOnRunner} searched on the runner (every frame in flight); {@code handOffP50Us}: from an
   * update's stamp (published by the publisher) to the runner starting on it; {@code
   * runnerFlaggedP50Us} / {@code runnerFlaggedMaxUs}: the runner's own time for a flagged event
   * (update, detect, the frame's copy or the search); {@code stageCpuMs}, {@code publisherCpuMs}:
   * thread CPU time of the decision stage and of the publisher over the run ({@link ThreadMXBean};
   * the runner's is not given: it spins while it waits); {@code stageIdle}: whether the decision
   * stage ran at idle priority.
   */
  public record Stages(
      long handedOver,
      long searchedOnStage,
      long searchedOnRunner,
      double handOffP50Us,
      double runnerFlaggedP50Us,
      double runnerFlaggedMaxUs,
      double stageCpuMs,
      double publisherCpuMs,
      boolean stageIdle) {}

  /**
   * The result.
   *
   * @param markets markets of the graph
   * @param incremental the streaming runner: update in place, incremental check, search and sizing
   *     of the cycles through changed edges
   * @param fullRescan update in place and a full detection per update
   * @param decisions updates the streaming runner decided with opportunities
   * @param fullRuns full runs of the incremental detector (its safety net)
   * @param stages where the streaming runner's work went
   */
  public record Result(
      Settings settings,
      int markets,
      Latencies incremental,
      Latencies fullRescan,
      long decisions,
      long fullRuns,
      Stages stages) {
    /** Full re-scan p50 over incremental p50. */
    public double ratioP50() {
      return incremental.p50Us() <= 0 ? 0 : fullRescan.p50Us() / incremental.p50Us();
    }
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  // written so that reading a book before its stamp is not optimised away
  static double warm;

  private StreamBench() {}

  /** Runs the benchmark (about {@code 2 × updates / rate} seconds plus the warm-up). */
  public static Result run(Settings s) {
    SyntheticStream stream = SyntheticStream.generate(s.edges(), 5, s.seed());
    OrderBook[] books = new OrderBook[s.updates()];
    for (int i = 0; i < books.length; i++) {
      books[i] = stream.next();
    }
    ScanRequest request = new ScanRequest(PathQuery.defaults(), Optional.empty(), Optional.empty());
    StreamEngine.Settings engine = new StreamEngine.Settings(10_000, Duration.ofSeconds(1));
    // warm-up at full speed on throwaway state
    EventRing.Wait wait = EventRing.Wait.of(s.runnerWait());
    play(books, 0, wait, new Incremental(stream, request, engine, wait));
    play(books, 0, wait, new FullRescan(stream, request, engine));
    Incremental inc = new Incremental(stream, request, engine, wait);
    settle();
    Latencies a = play(books, s.rate(), wait, inc);
    FullRescan full = new FullRescan(stream, request, engine);
    settle();
    Latencies b = play(books, s.rate(), wait, full);
    return new Result(
        s,
        stream.markets(),
        a,
        b,
        inc.decider.streamDecisions(),
        inc.decider.engine().map(StreamEngine::fullRuns).orElse(0L),
        inc.stages());
  }

  /**
   * Collects the set-up's garbage (the warm-up's state, the new runner's graph and frames) before a
   * measured run, as a daemon in its steady state has none: without it, the first young collection
   * of the measured run copies the whole new engine (4-10 ms on the serial collector, ~1 % of the
   * updates held behind it), which is the set-up's cost, not the runner's.
   */
  private static void settle() {
    System.gc();
  }

  /**
   * A runner under test: decides one event, records its latency; an event handed to the decision
   * stage is recorded there.
   */
  private abstract static class Runner implements EventHandler<MarketEvent> {
    final Histogram latency = new Histogram(1, 60_000_000_000L, 3);
    final Histogram service = new Histogram(1, 60_000_000_000L, 3);
    // the decision stage's latencies (its thread only), added to latency at the end
    final Histogram staged = new Histogram(1, 60_000_000_000L, 3);
    // the runner's own time for the events it flagged
    final Histogram flaggedService = new Histogram(1, 60_000_000_000L, 3);
    // from the publisher's stamp to the runner's start
    final Histogram handOff = new Histogram(1, 60_000_000_000L, 3);
    final AtomicLong handled = new AtomicLong();
    boolean flagged;
    long publisherCpuNanos;

    @Override
    public void onEvent(MarketEvent e, long sequence, boolean endOfBatch) {
      long t0 = System.nanoTime();
      flagged = false;
      boolean decided = decide(e);
      long t1 = System.nanoTime();
      // the bench's own breakdown, recorded after the decision (the daemon's runner has none)
      handOff.recordValue(Math.max(1, t0 - e.receivedNanos()));
      service.recordValue(Math.max(1, t1 - t0));
      if (flagged) {
        flaggedService.recordValue(Math.max(1, t1 - t0));
      }
      if (decided) {
        latency.recordValue(Math.max(1, t1 - e.receivedNanos()));
        handled.incrementAndGet();
      }
    }

    /** Decides {@code e}; false when its decision was handed to the stage. */
    abstract boolean decide(MarketEvent e);

    /** Called once every event is handled, before {@link #close()} (threads still alive). */
    void measured() {}

    void close() {}
  }

  /** The daemon's runner: detection and search here, sizing on a {@link DecisionStage}. */
  private static final class Incremental extends Runner implements EventRing.Idle {
    final EventDecider decider;
    final DecisionStage stage;
    final StreamEngine.Sizing stageSizing;
    final StreamEngine.Sizing runnerSizing;
    volatile long stageThread = -1;
    long stageCpuNanos;
    long handedOver;
    long searchedOnStage;
    long searchedOnRunner;

    Incremental(
        SyntheticStream s,
        ScanRequest request,
        StreamEngine.Settings settings,
        EventRing.Wait wait) {
      // as the daemon: a runner that spins owns its core, the stage sizes at idle priority
      stage = new DecisionStage("arb-bench-decide", wait == EventRing.Wait.SPIN);
      decider = new EventDecider(request, settings, (snapshot, at) -> null);
      // as the daemon at its default log level: no per-stage timings (two clock reads an event)
      decider.timeStages(false);
      decider.adopt(s.initial(), EventRing.epochNanos(s.initial().books().get(0).observedAt()));
      stageSizing = decider.sizing();
      runnerSizing = decider.sizing();
    }

    @Override
    public void idle() {
      decider.warm(); // as the daemon's runner, when it spins
    }

    @Override
    boolean decide(MarketEvent e) {
      EventDecider.Pending p = decider.search(e, true);
      if (p == null) {
        return true;
      }
      flagged = true;
      if (p.search().onFrame()) {
        searchedOnStage++;
      } else {
        searchedOnRunner++;
      }
      Runnable sized =
          () -> {
            if (stageThread < 0) {
              stageThread = Thread.currentThread().getId();
            }
            decider.finish(p, stageSizing);
            staged.recordValue(Math.max(1, System.nanoTime() - p.receivedNanos()));
            handled.incrementAndGet();
          };
      if (stage.offer(sized)) {
        handedOver++;
        return false;
      }
      decider.finish(p, runnerSizing); // the stage is full: as the daemon does
      return true;
    }

    @Override
    void measured() {
      long t = stageThread;
      stageCpuNanos = t < 0 ? 0 : Math.max(0, THREADS.getThreadCpuTime(t));
    }

    @Override
    void close() {
      stage.close(Duration.ofSeconds(10));
    }

    Stages stages() {
      return new Stages(
          handedOver,
          searchedOnStage,
          searchedOnRunner,
          handOff.getValueAtPercentile(50) / 1e3,
          flaggedService.getTotalCount() == 0 ? 0 : flaggedService.getValueAtPercentile(50) / 1e3,
          flaggedService.getMaxValue() / 1e3,
          stageCpuNanos / 1e6,
          publisherCpuNanos / 1e6,
          stage.idle());
    }
  }

  private static final class FullRescan extends Runner {
    final PathGraph graph;

    FullRescan(SyntheticStream s, ScanRequest request, StreamEngine.Settings settings) {
      graph = new StreamEngine(s.initial(), request, settings, 0).graph();
    }

    @Override
    boolean decide(MarketEvent e) {
      graph.updateBook(graph.market(e.book().market().id()), e.bestBid(), e.bestAsk());
      PathOptimizer.hasNegativeCycle(graph);
      return true;
    }
  }

  /** Plays every book at {@code rate} per second (0: back to back) into a ring to {@code r}. */
  private static Latencies play(OrderBook[] books, int rate, EventRing.Wait wait, Runner r) {
    EventRing ring =
        new EventRing(
            EventRing.SIZE,
            wait,
            "arb-bench",
            (ex, ev) -> {
              throw new IllegalStateException("benchmark runner failed: " + ex.getMessage(), ex);
            },
            r);
    ring.start();
    try {
      long cpu0 = THREADS.getCurrentThreadCpuTime();
      long period = rate == 0 ? 0 : 1_000_000_000L / rate;
      long start = System.nanoTime();
      for (int i = 0; i < books.length; i++) {
        long due = start + i * period;
        long now;
        while ((now = System.nanoTime()) - due < 0) {
          // sleeps, as a feed thread waits on its socket: a spinning publisher would take one of
          // the two cores the runner and the decision stage need (it wakes up to ~60 µs late; the
          // update is stamped when it is published, so that is not counted as latency)
          LockSupport.parkNanos(due - now);
        }
        // a feed hands over a book it has just built, in its own cache; these were made before
        // the run and sit cold in memory, as no feed's book does: read this one before the stamp.
        // Everything from the stamp on (the ring computing the best prices, the hand-over, the
        // runner) is measured, for both runners alike
        OrderBook b = books[i];
        long epochNanos = EventRing.epochNanos(b.observedAt());
        warm += StreamEngine.bestBid(b) + StreamEngine.bestAsk(b);
        now = System.nanoTime();
        ring.book(b, now, epochNanos, MarketEvent.NO_TIME);
      }
      r.publisherCpuNanos = THREADS.getCurrentThreadCpuTime() - cpu0;
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (r.handled.get() < books.length) {
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException(
              "the benchmark runner handled "
                  + r.handled.get()
                  + " of "
                  + books.length
                  + " updates");
        }
        LockSupport.parkNanos(100_000);
      }
      r.measured();
    } finally {
      ring.close(Duration.ofSeconds(5));
      r.close();
    }
    Histogram h = r.latency;
    h.add(r.staged);
    return new Latencies(
        h.getTotalCount(),
        h.getValueAtPercentile(50) / 1e3,
        h.getValueAtPercentile(99) / 1e3,
        h.getValueAtPercentile(99.9) / 1e3,
        h.getMaxValue() / 1e3,
        r.service.getValueAtPercentile(50) / 1e3,
        r.service.getValueAtPercentile(99) / 1e3,
        r.service.getMaxValue() / 1e3);
  }
}
