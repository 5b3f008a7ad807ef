package dev.arb.daemon;

import dev.arb.daemon.stream.LatencyWindow;
import dev.arb.engine.stream.StreamEngine;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the streaming runner has done, for {@code /status} and the debug log: events by kind,
 * decisions, the engine's full runs and markets, the tick-to-decision latency of the last minute,
 * and per-stage timings (update, detect, search, size) logged at debug level every {@value
 * #LOG_SECONDS} s. Written by the runner thread, and decisions by the decision stage's; counters
 * are volatile for the readers.
 */
final class StreamStatus {
  private static final Logger LOG = LoggerFactory.getLogger(StreamStatus.class);
  static final int LOG_SECONDS = 10;

  private final LatencyWindow latency;
  private volatile long books;
  private volatile long pools;
  private volatile long snapshots;
  private volatile long decisions;
  private volatile long opportunities;
  private volatile long notRecorded;
  private volatile long fullRuns;
  private volatile int markets;
  // per-stage nanoseconds since the last debug line (runner thread only)
  private final Histogram update = new Histogram(1, 60_000_000_000L, 2);
  private final Histogram detect = new Histogram(1, 60_000_000_000L, 2);
  // written by whichever thread decides (runner or decision stage)
  private final Histogram search = new SynchronizedHistogram(1, 60_000_000_000L, 2);
  private final Histogram size = new SynchronizedHistogram(1, 60_000_000_000L, 2);
  private long nextLog;

  StreamStatus(long nowNanos) {
    latency = new LatencyWindow(nowNanos);
    nextLog = nowNanos + LOG_SECONDS * 1_000_000_000L;
  }

  /** A book or pool event decided {@code latencyNanos} after it arrived (the runner thread). */
  void event(boolean book, long latencyNanos, long nowNanos, StreamEngine engine) {
    latency.record(latencyNanos, nowNanos);
    applied(book, nowNanos, engine);
  }

  /**
   * A book or pool event applied by the runner whose decision is made on the decision stage, which
   * reports its latency ({@link #latency}).
   */
  void applied(boolean book, long nowNanos, StreamEngine engine) {
    if (book) {
      books++;
    } else {
      pools++;
    }
    if (engine != null) {
      fullRuns = engine.fullRuns();
      markets = engine.markets();
      if (engine.updateNanos() > 0) { // timed: the debug log reads them
        update.recordValue(engine.updateNanos());
        detect.recordValue(Math.max(1, engine.detectNanos()));
      }
    }
    if (nowNanos - nextLog >= 0) {
      logStages(nowNanos);
    }
  }

  /** Whether the per-stage timings are logged (at debug level), so worth taking. */
  static boolean stagesLogged() {
    return LOG.isDebugEnabled();
  }

  /** The tick-to-decision latency of an event decided on the decision stage (its thread). */
  void latency(long latencyNanos, long nowNanos) {
    latency.record(latencyNanos, nowNanos);
  }

  /**
   * A streamed decision with opportunities; {@code recorded}: not dropped by the kill switch. The
   * thread that decided it (the runner's or the decision stage's; one at a time).
   */
  synchronized void decision(int found, boolean recorded, long searchNanos, long sizeNanos) {
    decisions++;
    opportunities += found;
    if (!recorded) {
      notRecorded += found;
    }
    search.recordValue(Math.max(1, searchNanos));
    size.recordValue(Math.max(1, sizeNanos));
  }

  /** A snapshot became the engine's state. */
  void snapshot(StreamEngine engine) {
    snapshots++;
    if (engine != null) {
      fullRuns = engine.fullRuns();
      markets = engine.markets();
    }
  }

  private void logStages(long nowNanos) {
    nextLog = nowNanos + LOG_SECONDS * 1_000_000_000L;
    if (LOG.isDebugEnabled() && update.getTotalCount() > 0) {
      LOG.debug(
          "stream stages over {} events (p50/p99 µs): update {}/{}, detect {}/{}, search {}/{}"
              + " and size {}/{} over {} decisions",
          update.getTotalCount(),
          us(update, 50),
          us(update, 99),
          us(detect, 50),
          us(detect, 99),
          us(search, 50),
          us(search, 99),
          us(size, 50),
          us(size, 99),
          search.getTotalCount());
    }
    update.reset();
    detect.reset();
    search.reset();
    size.reset();
  }

  private static String us(Histogram h, double percentile) {
    if (h.getTotalCount() == 0) {
      return "-";
    }
    return String.format(java.util.Locale.ROOT, "%.2f", h.getValueAtPercentile(percentile) / 1e3);
  }

  long decisions() {
    return decisions;
  }

  long fullRuns() {
    return fullRuns;
  }

  long events(String kind) {
    return switch (kind) {
      case "book" -> books;
      case "pool" -> pools;
      default -> snapshots;
    };
  }

  /** The {@code stream} part of {@code /status}. */
  StatusJson.Runner status(long nowNanos) {
    LatencyWindow.Stats st = latency.lastMinute(nowNanos);
    return new StatusJson.Runner(
        books,
        pools,
        snapshots,
        decisions,
        opportunities,
        notRecorded,
        fullRuns,
        markets,
        new StatusJson.Latency(60, st.count(), st.p50() / 1e3, st.p99() / 1e3, st.max() / 1e3));
  }
}
