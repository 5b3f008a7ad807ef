package dev.arb.daemon;

import dev.arb.engine.port.OpportunityRecorder;
import dev.arb.engine.port.VenueHealth;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.record.OpportunityStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the daemon alerts, and how often: sized opportunities at or above {@code
 * arb.alerts.min-profit-bp} (the same cycle at most every {@link #OPPORTUNITY_ALERT_COOLDOWN}),
 * errors (one kind at most every {@link #ERROR_ALERT_COOLDOWN}; a failed write to the record store
 * is one of kind {@code storage}, and its recovery is alerted too), exchanges that give no usable
 * book for {@code arb.alerts.exchange-down-after} (once per outage, and their recovery), and the
 * daemon's own events.
 */
final class AlertPolicy implements OpportunityRecorder.Watcher {
  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

  /** Errors of one kind alerted at most this often. */
  static final Duration ERROR_ALERT_COOLDOWN = Duration.ofMinutes(1);

  /** The same cycle alerted at most this often. */
  static final Duration OPPORTUNITY_ALERT_COOLDOWN = Duration.ofMinutes(10);

  private final AlertSink alerts;
  private final DaemonMetrics metrics;
  private final DaemonStats stats;
  private volatile double minProfitBp;
  private volatile Duration downAfter;
  private final Clock clock;
  private final Map<String, Instant> lastAlerted = new HashMap<>();
  private final Set<String> downAlerted = new HashSet<>();

  AlertPolicy(
      AlertSink alerts,
      DaemonMetrics metrics,
      DaemonStats stats,
      double minProfitBp,
      Duration downAfter,
      Clock clock) {
    this.alerts = alerts;
    this.metrics = metrics;
    this.stats = stats;
    this.minProfitBp = minProfitBp;
    this.downAfter = downAfter;
    this.clock = clock;
  }

  /**
   * Alerts from now on at {@code minProfitBp} and after {@code downAfter} (a reload of the
   * configuration); cooldowns and outages already alerted are kept.
   */
  void thresholds(double minProfitBp, Duration downAfter) {
    this.minProfitBp = minProfitBp;
    this.downAfter = downAfter;
  }

  /** The return, in basis points, from which a sized opportunity is alerted. */
  double minProfitBp() {
    return minProfitBp;
  }

  /** How long a live exchange may give no usable book before it is alerted as down. */
  Duration downAfter() {
    return downAfter;
  }

  /** Alerts a sized opportunity at or above the threshold, once per cooldown per cycle. */
  void opportunity(OpportunityRecord r) {
    if (r.status() != OpportunityStatus.SIZED || r.returnBp() < minProfitBp) {
      return;
    }
    String key = "opportunity " + r.startAsset() + " " + r.exchanges() + " " + r.assets();
    Instant now = clock.instant();
    synchronized (lastAlerted) {
      Instant last = lastAlerted.get(key);
      if (last != null && Duration.between(last, now).compareTo(OPPORTUNITY_ALERT_COOLDOWN) < 0) {
        return;
      }
      lastAlerted.put(key, now);
    }
    Map<String, String> f = new LinkedHashMap<>();
    f.put("start_asset", r.startAsset());
    f.put("exchanges", String.join(",", r.exchanges()));
    f.put("assets", String.join(">", r.assets()));
    f.put("estimated_profit", r.estimatedProfit().toPlainString());
    f.put("return_bp", String.format(Locale.ROOT, "%.3f", r.returnBp()));
    alert(
        "opportunity",
        "info",
        String.format(
            Locale.ROOT,
            "%s cycle %s on %s: %.2f bp, profit %s %s",
            r.startAsset(),
            String.join(">", r.assets()),
            String.join(",", r.exchanges()),
            r.returnBp(),
            r.estimatedProfit().toPlainString(),
            r.startAsset()),
        f);
  }

  /** Logs and counts an error of {@code kind}; alerts it once per cooldown per kind. */
  void error(String kind, String message) {
    Instant now = clock.instant();
    LOG.warn("{} error: {}", kind, message);
    metrics.error(kind);
    stats.error(now, kind, message);
    String key = "error " + kind;
    synchronized (lastAlerted) {
      Instant last = lastAlerted.get(key);
      if (last != null && Duration.between(last, now).compareTo(ERROR_ALERT_COOLDOWN) < 0) {
        return;
      }
      lastAlerted.put(key, now);
    }
    alert("error", "warning", kind + ": " + message, Map.of("kind", kind));
  }

  /**
   * A write to the record store failed: counted, logged and alerted as an error of kind storage.
   */
  @Override
  public void failed(String reason) {
    error("storage", reason);
  }

  /** The record store writes again after failing. */
  @Override
  public void recovered(String note) {
    LOG.info("record store recovered: {}", note);
    alert("storage_recovered", "info", "record store: " + note, Map.of());
  }

  /**
   * Live exchanges after a poll: the book age of those without books grows from their last book;
   * one that has given no usable book for {@code arb.alerts.exchange-down-after} is alerted as
   * down, once per outage, and its recovery too.
   */
  void exchanges(List<ExchangeStatus> exchanges, Instant now) {
    for (ExchangeStatus e : exchanges) {
      e.health()
          .flatMap(VenueHealth::stream)
          .flatMap(VenueHealth.Stream::lastMessageAt)
          .ifPresent(t -> metrics.streamMessageAge(e.name(), Duration.between(t, now)));
      if (e.noDataSince().isEmpty()) {
        if (downAlerted.remove(e.name())) {
          LOG.info("exchange {} is back", e.name());
          alert(
              "exchange_recovered",
              "info",
              "exchange " + e.name() + " is back: books arrive again",
              Map.of("exchange", e.name()));
        }
        continue;
      }
      e.lastDataAt().ifPresent(t -> metrics.bookAge(e.name(), Duration.between(t, now)));
      Duration down = Duration.between(e.noDataSince().get(), now);
      if (down.compareTo(downAfter) >= 0 && downAlerted.add(e.name())) {
        String last = e.health().flatMap(h -> h.lastError()).orElse("no usable books");
        LOG.warn("exchange {} down for {} s: {}", e.name(), down.toSeconds(), last);
        Map<String, String> f = new LinkedHashMap<>();
        f.put("exchange", e.name());
        f.put("down_since", e.noDataSince().get().toString());
        f.put("last_error", last);
        alert(
            "exchange_down",
            "critical",
            "exchange "
                + e.name()
                + " has given no usable order book since "
                + e.noDataSince().get()
                + " ("
                + down.toSeconds()
                + " s): "
                + last,
            f);
      }
    }
  }

  /** Hands one alert to the sink (which never blocks the caller). */
  void alert(String event, String severity, String text, Map<String, String> fields) {
    alerts.offer(new Alert(event, severity, text, clock.instant(), fields));
  }

  /** Delivers what is queued, waiting at most {@code wait}. */
  void close(Duration wait) {
    alerts.close(wait);
  }
}
