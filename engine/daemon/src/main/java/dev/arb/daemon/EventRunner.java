package dev.arb.daemon;

import com.lmax.disruptor.EventHandler;
import dev.arb.daemon.stream.DecisionStage;
import dev.arb.daemon.stream.EventDecider;
import dev.arb.daemon.stream.EventRing;
import dev.arb.daemon.stream.MarketEvent;
import dev.arb.daemon.trade.ScanResult;
import dev.arb.engine.stream.StreamEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of the market state: consumes the event ring in order, on its own thread. A
 * snapshot is scanned and decided as {@code arb run} always did ({@link ScanLoop}), then becomes
 * the engine's state; a streamed book or pool updates the state in place and is decided from the
 * cycles through the edges it changed ({@link EventDecider}); its tick-to-decision latency (from
 * its arrival at the feed to the decision) goes to {@code /metrics} and {@code /status}. While
 * paused or with the kill switch engaged, events still update the state but nothing is decided.
 *
 * <p>An event whose edges lead to cycles is searched here and sized on the {@link DecisionStage}
 * (when the daemon has one): sizing the cycles of one event takes hundreds of microseconds, which
 * would otherwise delay every event queued behind it. Trading and records stay one at a time:
 * {@link ScanLoop} serialises them.
 */
final class EventRunner implements EventHandler<MarketEvent>, EventRing.Idle {
  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

  private final Lifecycle lifecycle;
  private final ScanLoop scans;
  private final EventDecider decider;
  private final StreamStatus status;
  private final DaemonMetrics metrics;
  private final AlertPolicy alerts;
  private final SnapshotFeed feed;
  private final DecisionStage stage;
  // sizing scratch space: one for the stage's thread, one for the runner's
  private final StreamEngine.Sizing stageSizing;
  private final StreamEngine.Sizing runnerSizing;

  /**
   * @param stage where found cycles are sized and decided, or null to decide on the runner's thread
   */
  EventRunner(
      Lifecycle lifecycle,
      ScanLoop scans,
      EventDecider decider,
      StreamStatus status,
      DaemonMetrics metrics,
      AlertPolicy alerts,
      SnapshotFeed feed,
      DecisionStage stage) {
    this.lifecycle = lifecycle;
    this.scans = scans;
    this.decider = decider;
    this.status = status;
    this.metrics = metrics;
    this.alerts = alerts;
    this.feed = feed;
    this.stage = stage;
    this.stageSizing = stage == null ? null : decider.sizing();
    this.runnerSizing = decider.sizing();
  }

  @Override
  public void onEvent(MarketEvent e, long sequence, boolean endOfBatch) {
    switch (e.kind()) {
      case BOOK, POOL -> streamed(e);
      case SNAPSHOT -> snapshot(e);
      case UNREADABLE -> alerts.error("input", e.origin() + ": " + e.problem());
      case END -> scans.endOfFeed();
    }
  }

  /** While the runner spins ({@code arb.run.wait = spin}): keeps its working set in the cache. */
  @Override
  public void idle() {
    decider.warm();
  }

  private void streamed(MarketEvent e) {
    boolean book = e.kind() == MarketEvent.Kind.BOOK;
    EventDecider.Pending p = decider.search(e, lifecycle.active());
    StreamEngine engine = decider.engine().orElse(null);
    if (p == null) {
      long now = System.nanoTime();
      long latency = now - e.receivedNanos();
      status.event(book, latency, now, engine);
      metrics.decisionLatency(latency);
      return;
    }
    if (stage != null) {
      status.applied(book, System.nanoTime(), engine);
      if (stage.offer(() -> decide(p, stageSizing))) {
        return;
      }
      // the stage is full: decide here (nothing lost; the events behind wait)
      decide(p, runnerSizing);
      return;
    }
    decide(p, runnerSizing);
    status.applied(book, System.nanoTime(), engine);
  }

  /**
   * Searches (on the frame {@code p} captured), sizes and judges {@code p} with the calling
   * thread's {@code sizing}, records the tick-to-decision latency, then hands the decision to
   * trading and the records.
   */
  private void decide(EventDecider.Pending p, StreamEngine.Sizing sizing) {
    long t0 = System.nanoTime();
    long searchedBefore = p.search().searchNanos(); // the capture on the runner (or the search)
    ScanResult r;
    try {
      r = decider.finish(p, sizing);
    } catch (RuntimeException x) {
      LOG.debug("streamed decision failed", x);
      alerts.error("scan", "streamed decision: " + x.getMessage());
      return;
    }
    long now = System.nanoTime();
    long latency = now - p.receivedNanos();
    status.latency(latency, now);
    metrics.decisionLatency(latency);
    if (r != null) {
      boolean recorded = scans.recordStream(r);
      long searchNanos = p.search().searchNanos(); // with the frame's search done in finish
      long sizeNanos = now - t0 - (searchNanos - searchedBefore);
      status.decision(r.records().size(), recorded, searchNanos, sizeNanos);
    }
  }

  private void snapshot(MarketEvent e) {
    if (!e.decided()) {
      ScanLoop.Scanned scanned = scans.scan(e.snapshot(), e.origin());
      if (scanned.result() != null) {
        feed.profitable(LiveFeed.profitableMarkets(scanned.result().opportunities()));
      }
      scans.record(scanned);
    }
    try {
      decider.adopt(e.snapshot(), e.receivedEpochNanos());
    } catch (RuntimeException x) {
      LOG.debug("stream state from snapshot failed", x);
      alerts.error("scan", e.origin() + ": stream state not updated: " + x.getMessage());
    }
    status.snapshot(decider.engine().orElse(null));
  }
}
