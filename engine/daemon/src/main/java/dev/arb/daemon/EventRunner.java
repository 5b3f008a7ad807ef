package dev.arb.daemon;

import com.lmax.disruptor.EventHandler;
import dev.arb.daemon.stream.EventDecider;
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
 */
final class EventRunner implements EventHandler<MarketEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

  private final Lifecycle lifecycle;
  private final ScanLoop scans;
  private final EventDecider decider;
  private final StreamStatus status;
  private final DaemonMetrics metrics;
  private final AlertPolicy alerts;
  private final SnapshotFeed feed;

  EventRunner(
      Lifecycle lifecycle,
      ScanLoop scans,
      EventDecider decider,
      StreamStatus status,
      DaemonMetrics metrics,
      AlertPolicy alerts,
      SnapshotFeed feed) {
    this.lifecycle = lifecycle;
    this.scans = scans;
    this.decider = decider;
    this.status = status;
    this.metrics = metrics;
    this.alerts = alerts;
    this.feed = feed;
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

  private void streamed(MarketEvent e) {
    boolean decide = lifecycle.active();
    ScanResult r =
        e.kind() == MarketEvent.Kind.BOOK ? decider.book(e, decide) : decider.pool(e, decide);
    long now = System.nanoTime();
    long latency = now - e.receivedNanos();
    StreamEngine engine = decider.engine().orElse(null);
    status.event(e.kind() == MarketEvent.Kind.BOOK, latency, now, engine);
    metrics.decisionLatency(latency);
    if (r != null) {
      boolean recorded = scans.recordStream(r);
      status.decision(r.records().size(), recorded, engine);
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
