package dev.arb.daemon;

import dev.arb.daemon.trade.KillSwitch;
import dev.arb.daemon.trade.ScanResult;
import dev.arb.daemon.trade.TradeStep;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.record.OpportunityRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the daemon does with a decision, on the runner's thread: scan a snapshot, let the trading
 * step trade its opportunities (unless the kill switch is on), hand the records to the recorder,
 * count and alert; the same for the opportunities of a streamed event ({@link #recordStream}). The
 * waiting for updates is {@link FeedPoller}'s, the order of events {@link EventRunner}'s.
 */
final class ScanLoop {
  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

  private final Lifecycle lifecycle;
  private final SnapshotFeed feed;
  private final Daemon.ScanStep step;
  private final DaemonMetrics metrics;
  private final DaemonStats stats;
  private final AlertPolicy alerts;
  private final Running running;
  private final Clock clock;
  private final boolean exitAtEnd;
  private final Consumer<String> stop;
  private final KillSwitch killSwitch;

  /**
   * @param exitAtEnd stop when the feed ends (otherwise keep serving until stopped)
   * @param stop asks for a clean stop, saying why
   * @param killSwitch what trading checks and trips
   */
  ScanLoop(
      Lifecycle lifecycle,
      SnapshotFeed feed,
      Daemon.ScanStep step,
      DaemonMetrics metrics,
      DaemonStats stats,
      AlertPolicy alerts,
      Running running,
      Clock clock,
      boolean exitAtEnd,
      Consumer<String> stop,
      KillSwitch killSwitch) {
    this.lifecycle = lifecycle;
    this.feed = feed;
    this.step = step;
    this.metrics = metrics;
    this.stats = stats;
    this.alerts = alerts;
    this.running = running;
    this.clock = clock;
    this.exitAtEnd = exitAtEnd;
    this.stop = stop;
    this.killSwitch = killSwitch;
  }

  /** The end of the input, as the runner sees it: stop when asked to, else keep serving. */
  void endOfFeed() {
    stats.feedEnded();
    if (exitAtEnd) {
      stop.accept("end of input");
      return;
    }
    LOG.info("end of input; serving until stopped");
  }

  /** One scan, done and not yet recorded; {@code failure} set when the scan threw. */
  record Scanned(
      String origin, Instant received, ScanResult result, Duration took, String failure) {}

  /** Scans a snapshot: data stats and the scan itself, nothing recorded yet. */
  Scanned scan(MarketSnapshot snapshot, String origin) {
    Instant received = clock.instant();
    metrics.snapshot();
    stats.snapshot(snapshot, origin, received).forEach(metrics::bookAge);
    alerts.exchanges(feed.exchanges(), received);
    long t0 = System.nanoTime();
    try {
      ScanResult result = step.scan(snapshot, received);
      return new Scanned(origin, received, result, Duration.ofNanos(System.nanoTime() - t0), null);
    } catch (RuntimeException e) {
      LOG.debug("scan failed", e);
      return new Scanned(
          origin, received, null, Duration.ZERO, origin + ": scan failed: " + e.getMessage());
    }
  }

  /**
   * Hands a scan's opportunities to the writer (unless the kill switch is on), counts, alerts.
   * Synchronised with {@link #recordStream}: the runner and the decision stage trade one at a time.
   */
  synchronized void record(Scanned s) {
    if (s.failure() != null) {
      alerts.error("scan", s.failure());
      return;
    }
    long t0 = System.nanoTime();
    boolean record = !lifecycle.killSwitch();
    if (record) {
      handOver(traded(s.result()));
    }
    count(s, s.took().plusNanos(System.nanoTime() - t0), record);
  }

  /**
   * Trades and records the opportunities of a streamed event (unless the kill switch is on); on the
   * runner's thread or the decision stage's, one at a time.
   *
   * @return whether they were handed to the writer
   */
  synchronized boolean recordStream(ScanResult result) {
    if (lifecycle.killSwitch()) {
      return false;
    }
    handOver(traded(result));
    return true;
  }

  /**
   * The scan's records after trading its opportunities when a trader is set; otherwise the scan's
   * own records.
   */
  List<OpportunityRecord> traded(ScanResult result) {
    TradeStep trader = running.trader;
    if (trader == null || result.opportunities().isEmpty()) {
      return result.records();
    }
    try {
      return trader.trade(result, killSwitch);
    } catch (RuntimeException e) {
      LOG.debug("trading failed", e);
      alerts.error("execution", "trading failed: " + e.getMessage());
      return result.records();
    }
  }

  /** Hands records to the writer, counts them by status, alerts the big ones. */
  void handOver(List<OpportunityRecord> records) {
    for (OpportunityRecord r : records) {
      try {
        running.recorder.record(r);
      } catch (RuntimeException e) {
        alerts.error("storage", "record not accepted: " + e.getMessage());
        break;
      }
      metrics.opportunity(r.status());
      alerts.opportunity(r);
    }
  }

  /** Counts a finished scan in the metrics and the status. */
  void count(Scanned s, Duration took, boolean record) {
    ScanResult result = s.result();
    metrics.scan(took);
    if (stats.scans() == 0) {
      LOG.info(
          "first scan: {} markets, {} opportunities in {} ms",
          result.markets(),
          result.records().size(),
          took.toMillis());
    }
    stats.scan(s.received(), took, result.markets(), result.records().size(), record);
  }
}
