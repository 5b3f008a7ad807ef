package dev.arb.daemon;

import dev.arb.engine.port.RecordStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the daemon stops. A stop request (a signal, {@code POST /stop}, the end of the input) lets
 * the scan in progress finish; then every accepted record is flushed, the store, the endpoint, the
 * feed and the alerts close, and a summary is printed. A stop that takes longer than the shutdown
 * timeout, or a second signal, ends the process at once through {@link ProcessHooks#halt}.
 */
final class Shutdown {
  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

  private final Lifecycle lifecycle;
  private final ProcessHooks hooks;
  private final Duration timeout;
  private final AtomicBoolean watchdogStarted = new AtomicBoolean();
  private volatile int signals;

  Shutdown(Lifecycle lifecycle, ProcessHooks hooks, Duration timeout) {
    this.lifecycle = lifecycle;
    this.hooks = hooks;
    this.timeout = timeout;
  }

  /** Asks for a clean stop (as SIGTERM does) and arms the shutdown bound. */
  void request(String reason) {
    if (lifecycle.requestStop(reason) == Lifecycle.Outcome.CHANGED) {
      LOG.info("stopping: {}", reason);
    }
    armWatchdog();
  }

  /** First signal: a clean stop, bounded. Second: out at once. */
  void onSignal(String name) {
    signals++;
    if (signals == 1) {
      request("SIG" + name);
    } else {
      LOG.warn("second signal (SIG{}): exiting at once, records not yet written are lost", name);
      hooks.halt(Daemon.FORCED_EXIT);
    }
  }

  private void armWatchdog() {
    if (!watchdogStarted.compareAndSet(false, true)) {
      return;
    }
    Thread t =
        new Thread(
            () -> {
              try {
                if (!lifecycle.awaitStopped(timeout)) {
                  LOG.error("clean stop took longer than {}; exiting at once", timeout);
                  hooks.halt(Daemon.FORCED_EXIT);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "arb-stop-watchdog");
    t.setDaemon(true);
    t.start();
  }

  /**
   * The clean stop after the loop ended: flushes and closes the store (saying loudly how many
   * records could not be written), alerts, closes the rest and prints the summary.
   *
   * @return the exit code: 0, or 1 when records were lost
   */
  int finish(
      Running running,
      long scans,
      AlertPolicy alerts,
      SnapshotFeed feed,
      DaemonMetrics metrics,
      PrintWriter out) {
    String reason = lifecycle.stopReason().orElse("stopped");
    LOG.info("stopping ({}): flushing records", reason);
    RecordStore store = running.store;
    String lost = null;
    try {
      store.close();
    } catch (RuntimeException ex) {
      // the writer says how many records could not be written: loud, never silent
      lost = ex.getMessage();
      LOG.error("closing the record store: {}", lost);
    }
    long written = running.written();
    String summary =
        scans + " scans, " + written + " records" + (lost == null ? "" : "; FAILED: " + lost);
    alerts.alert(
        "daemon_stopped",
        lost == null ? "info" : "critical",
        "arb run stopped (" + reason + ") after " + summary,
        Map.of("reason", reason));
    HttpEndpoint e = running.endpoint;
    if (e != null) {
      e.close();
    }
    feed.close();
    alerts.close(Duration.ofSeconds(2));
    metrics.close();
    out.println(
        "arb run: stopped ("
            + reason
            + "): "
            + scans
            + " scans, "
            + written
            + " records written to "
            + store.location()
            + (lost == null ? "" : "; " + lost));
    out.flush();
    lifecycle.stopped();
    return lost == null ? 0 : 1;
  }

  /** After a failure while starting: closes whatever is open, without waiting. */
  void abort(Running running, AlertPolicy alerts, SnapshotFeed feed, DaemonMetrics metrics) {
    HttpEndpoint e = running.endpoint;
    if (e != null) {
      e.close();
    }
    try {
      RecordStore store = running.store;
      if (store != null) {
        store.close();
      }
    } catch (RuntimeException ex) {
      LOG.error("closing the record store failed: {}", ex.getMessage());
    }
    feed.close();
    alerts.close(Duration.ZERO);
    metrics.close();
    lifecycle.stopped();
  }
}
