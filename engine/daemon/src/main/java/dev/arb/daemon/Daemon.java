package dev.arb.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.config.ArbConfig;
import dev.arb.config.Secret;
import dev.arb.daemon.trade.KillSwitch;
import dev.arb.daemon.trade.ScanResult;
import dev.arb.daemon.trade.TradeStep;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.port.OpportunityRecorder;
import dev.arb.engine.port.RecordStore;
import dev.arb.engine.port.VenueHealth;
import dev.arb.engine.record.HistoryQuery;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.record.OpportunityStatus;
import dev.arb.error.ArbException;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon of {@code arb run}: one scan per market-data update from its {@link SnapshotFeed},
 * every opportunity written through ONE long-lived batch writer, the HTTP endpoint, metrics and
 * alerts, under a {@link Lifecycle}. {@link #run} blocks until the daemon is stopped and returns
 * the exit code.
 *
 * <p>Start: opens the store, recovers (records left {@code executing} by a previous process are
 * marked {@code failed}, "interrupted by restart"), binds the endpoint and prints its URL. Stop (a
 * signal, {@code POST /stop}, or the end of the input with {@code exitAtEnd}): the scan in progress
 * finishes, every accepted record is flushed, the store and the endpoint close, exit 0. A stop that
 * takes longer than the shutdown timeout, or a second signal, ends the process at once through
 * {@link ProcessHooks#halt}.
 *
 * <p>Kill switch ({@code POST /kill-switch}): no new scan starts and nothing more is recorded, at
 * once (a scan in progress is finished but its opportunities are not recorded), until {@code POST
 * /resume} or a restart. It is shown in {@code /status}, {@code /metrics} and alerted. With a
 * {@link TradeStep} (paper trading), no new trade starts while it is engaged, and a risk limit (the
 * daily loss limit) can engage it.
 */
public final class Daemon {
  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reason written on records found in flight at start. */
  public static final String INTERRUPTED = "interrupted by restart";

  /** Errors of one kind alerted at most this often. */
  static final Duration ERROR_ALERT_COOLDOWN = Duration.ofMinutes(1);

  /** The same cycle alerted at most this often. */
  static final Duration OPPORTUNITY_ALERT_COOLDOWN = Duration.ofMinutes(10);

  /** Forced exit status (a second signal, or a stop that overran its bound). */
  public static final int FORCED_EXIT = 1;

  /** Largest {@code limit} of {@code /opportunities}. */
  static final int MAX_LIMIT = 1000;

  /** One scan of one snapshot: the records to write (at most a few dozen). */
  @FunctionalInterface
  public interface ScanStep {
    /** Scans {@code snapshot}; records are stamped {@code at}. */
    ScanResult scan(MarketSnapshot snapshot, Instant at);
  }

  /**
   * How the daemon is run.
   *
   * @param httpEnabled serve the endpoint
   * @param host address to bind
   * @param port port, 0 for a free one
   * @param token control token; empty turns control routes off
   * @param shutdownTimeout bound of a clean stop
   * @param alertMinProfitBp sized opportunities at or above this are alerted
   * @param exitAtEnd stop when the feed ends (otherwise keep serving until stopped)
   */
  public record Settings(
      boolean httpEnabled,
      String host,
      int port,
      Optional<Secret> token,
      Duration shutdownTimeout,
      double alertMinProfitBp,
      boolean exitAtEnd) {}

  private final ArbConfig config;
  private final java.util.function.Supplier<RecordStore> stores;
  private final Settings settings;
  private final SnapshotFeed feed;
  private final ScanStep step;
  private final AlertSink alerts;
  private final Function<List<OpportunityRecord>, String> recordsJson;
  private final ProcessHooks hooks;
  private final Clock clock;
  private final PrintWriter out;
  private final Lifecycle lifecycle = new Lifecycle();
  private final DaemonMetrics metrics = new DaemonMetrics();
  private final DaemonStats stats = new DaemonStats();
  private final CountDownLatch ready = new CountDownLatch(1);
  private final AtomicBoolean watchdogStarted = new AtomicBoolean();
  private final Map<String, Instant> lastAlerted = new HashMap<>();
  private final Set<String> downAlerted = new HashSet<>();
  private volatile Instant startedAt;
  private volatile HttpEndpoint endpoint;
  private volatile RecordStore store;
  private volatile OpportunityRecorder recorder;
  private volatile int signals;
  private Function<RecordStore, TradeStep> traderFactory;
  private volatile TradeStep trader;
  private Function<RecordStore, Function<String, HttpEndpoint.Response>> relayFactory;
  private volatile Function<String, HttpEndpoint.Response> relay;

  /** One relay at a time, so a relay waiting for its receipt never holds both HTTP threads. */
  private final java.util.concurrent.Semaphore relayPermit = new java.util.concurrent.Semaphore(1);

  /**
   * @param stores opens the record store (on the daemon's own thread, while it starts)
   * @param alerts builds the alert sink, given the consumer of delivery outcomes (for metrics)
   * @param recordsJson renders records for {@code /opportunities} (as {@code arb history --json})
   */
  public Daemon(
      ArbConfig config,
      java.util.function.Supplier<RecordStore> stores,
      Settings settings,
      SnapshotFeed feed,
      ScanStep step,
      Function<Consumer<String>, AlertSink> alerts,
      Function<List<OpportunityRecord>, String> recordsJson,
      ProcessHooks hooks,
      Clock clock,
      PrintWriter out) {
    this.config = config;
    this.stores = stores;
    this.settings = settings;
    this.feed = feed;
    this.step = step;
    this.alerts = alerts.apply(metrics::alert);
    this.recordsJson = recordsJson;
    this.hooks = hooks;
    this.clock = clock;
    this.out = out;
  }

  /**
   * Trades each scan's opportunities with the step {@code factory} builds once the store is open
   * (given the store). Call before {@link #run}.
   */
  public Daemon trading(Function<RecordStore, TradeStep> factory) {
    this.traderFactory = factory;
    return this;
  }

  /**
   * Serves {@code POST /relay} (a control route: bearer token, rate limit; bodies up to 64 KB) with
   * the handler {@code factory} builds once the store is open (given the store); until then the
   * route answers 503. The handler gets the body and gives the answer. One relay runs at a time (it
   * may wait for a receipt); another one meanwhile is answered 503, so the other routes stay
   * served. Call before {@link #run}.
   */
  public Daemon relaying(Function<RecordStore, Function<String, HttpEndpoint.Response>> factory) {
    this.relayFactory = factory;
    return this;
  }

  /** The lifecycle, for tests and the command. */
  public Lifecycle lifecycle() {
    return lifecycle;
  }

  /** Waits until the endpoint is up and the first state is running; false on timeout. */
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The endpoint's URL once started. */
  public Optional<String> url() {
    HttpEndpoint e = endpoint;
    return e == null ? Optional.empty() : Optional.of(e.url());
  }

  /**
   * Asks for a clean stop (as SIGTERM does) and arms the shutdown bound.
   *
   * @param reason for the log and alerts
   */
  public void stop(String reason) {
    if (lifecycle.requestStop(reason) == Lifecycle.Outcome.CHANGED) {
      LOG.info("stopping: {}", reason);
    }
    armWatchdog();
  }

  /**
   * Runs until stopped.
   *
   * @return the exit code: 0 after a clean stop
   * @throws ArbException if the store cannot be opened or the endpoint cannot be bound
   */
  public int run() {
    startedAt = clock.instant();
    long t0 = System.nanoTime();
    hooks.onStopSignal(this::onSignal);
    // The store (SQLite, migrations) takes a while to open: open it on its own thread while the
    // endpoint binds and the first update is read and scanned, and record that scan once it is
    // open.
    CompletableFuture<RecordStore> opening = new CompletableFuture<>();
    Thread opener =
        new Thread(
            () -> {
              try {
                opening.complete(stores.get());
              } catch (Throwable e) {
                opening.completeExceptionally(e);
              }
            },
            "arb-store-open");
    opener.setDaemon(true);
    opener.start();
    try {
      if (settings.httpEnabled()) {
        endpoint = bind();
      }
      Optional<SnapshotFeed.Update> first = feed.next();
      Scanned firstScan = null;
      if (first.isPresent() && first.get() instanceof SnapshotFeed.Snapshot s) {
        firstScan = scan(s.snapshot(), s.origin());
        if (firstScan.failure() == null) {
          // counted in /status and /metrics at once; its records go to the store once it is open
          count(firstScan, firstScan.took(), true);
        }
      }
      RecordStore opened = await(opening);
      recorder = opened.recorder();
      store = opened;
      recover();
      if (traderFactory != null) {
        trader = traderFactory.apply(store);
      }
      if (relayFactory != null) {
        relay = relayFactory.apply(store);
      }
      LOG.debug("store open and recovered in {} ms", (System.nanoTime() - t0) / 1_000_000);
      metrics.bindState(
          () -> recorder.writtenCount(),
          () -> Math.max(0, recorder.acceptedCount() - recorder.writtenCount()),
          () -> lifecycle.state() == DaemonState.PAUSED ? 1 : 0,
          () -> lifecycle.killSwitch() ? 1 : 0);
      metrics.bindExchanges(feed::exchanges);
      announce();
      LOG.debug("started in {} ms", (System.nanoTime() - t0) / 1_000_000);
      lifecycle.started();
      ready.countDown();
      alert("daemon_started", "info", "arb run started: " + feed.describe(), Map.of());
      if (firstScan != null) {
        if (firstScan.failure() != null) {
          error("scan", firstScan.failure());
        } else if (!lifecycle.killSwitch()) {
          handOver(traded(firstScan.result()));
        } else {
          stats.notRecorded(firstScan.result().records().size()); // kill switch while starting
        }
        loop(null, false);
      } else {
        loop(first.orElse(null), first.isEmpty());
      }
    } catch (RuntimeException e) {
      lifecycle.requestStop("failure: " + e.getMessage());
      ready.countDown();
      if (store == null) {
        opening.thenAccept(RecordStore::close); // still opening: close it once it is open
      }
      closeQuietly();
      throw e;
    }
    return shutdown();
  }

  private static RecordStore await(CompletableFuture<RecordStore> opening) {
    try {
      return opening.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new ArbException("run: cannot open the record store: " + e.getCause(), e.getCause());
    }
  }

  private void recover() {
    int failed = store.opportunities().failExecuting(INTERRUPTED);
    Instant latest = store.opportunities().latestDetectedAt().orElse(null);
    stats.recovered(failed, latest);
    if (failed > 0) {
      LOG.warn("recovery: {} records left executing were marked failed ({})", failed, INTERRUPTED);
    }
  }

  private HttpEndpoint bind() {
    try {
      return HttpEndpoint.start(settings.host(), settings.port(), routes(), settings.token());
    } catch (IOException | RuntimeException e) {
      throw new ArbException(
          "run: cannot serve HTTP on "
              + settings.host()
              + ":"
              + settings.port()
              + " ("
              + e.getMessage()
              + "); choose another --http-port (0 picks a free one) or set arb.http.enabled ="
              + " false",
          e);
    }
  }

  private void announce() {
    out.println("arb run: " + feed.describe() + "; records in " + store.location());
    if (endpoint != null) {
      out.println(
          "arb run: serving "
              + endpoint.url()
              + " (/health /status /opportunities /metrics"
              + (relayFactory != null ? " /relay" : "")
              + "); control routes "
              + (settings.token().isPresent()
                  ? "on (" + settings.token().get().source() + ")"
                  : "off (no token configured)"));
    } else {
      out.println("arb run: HTTP endpoint off (arb.http.enabled = false)");
    }
    out.flush();
  }

  /**
   * The scan loop.
   *
   * @param pending an update read but not handled yet, or null
   * @param endedAtStart whether the feed was empty from the start
   */
  private void loop(SnapshotFeed.Update pending, boolean endedAtStart) {
    try {
      if (endedAtStart) {
        endOfFeed();
      }
      while (!lifecycle.stopping()) {
        if (!lifecycle.active()) {
          lifecycle.awaitActiveOrStop(Duration.ofSeconds(1));
          continue;
        }
        if (pending == null) {
          Duration due = feed.untilNext();
          if (!due.isZero() && !lifecycle.sleep(due)) {
            continue; // state changed while waiting for the next poll: look again
          }
          Optional<SnapshotFeed.Update> next = feed.next();
          if (next.isEmpty()) {
            endOfFeed();
            continue;
          }
          pending = next.get();
        }
        if (!pending.delay().isZero() && !lifecycle.sleep(pending.delay())) {
          continue; // state changed while waiting: look again, keep the update
        }
        if (!lifecycle.active()) {
          continue; // paused or stopped just before the wait: keep the update for later
        }
        SnapshotFeed.Update u = pending;
        pending = null;
        if (u instanceof SnapshotFeed.Unreadable bad) {
          error("input", bad.origin() + ": " + bad.problem());
        } else {
          SnapshotFeed.Snapshot s = (SnapshotFeed.Snapshot) u;
          Scanned scanned = scan(s.snapshot(), s.origin());
          if (scanned.result() != null) {
            feed.profitable(LiveFeed.profitableMarkets(scanned.result().opportunities()));
          }
          record(scanned);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      lifecycle.requestStop("interrupted");
    }
  }

  private void endOfFeed() throws InterruptedException {
    stats.feedEnded();
    if (settings.exitAtEnd()) {
      stop("end of input");
      return;
    }
    LOG.info("end of input; serving until stopped");
    while (!lifecycle.stopping()) {
      lifecycle.sleep(Duration.ofSeconds(1));
    }
  }

  /** One scan, done and not yet recorded; {@code failure} set when the scan threw. */
  private record Scanned(
      String origin, Instant received, ScanResult result, Duration took, String failure) {}

  /** Scans a snapshot: data stats and the scan itself, nothing recorded yet. */
  private Scanned scan(MarketSnapshot snapshot, String origin) {
    Instant received = clock.instant();
    metrics.snapshot();
    stats.snapshot(snapshot, origin, received).forEach(metrics::bookAge);
    watchExchanges(received);
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
   * Live exchanges after a poll: the book age of those without books grows from their last book;
   * one that has given no usable book for {@code arb.alerts.exchange-down-after} is alerted as
   * down, once per outage, and its recovery too.
   */
  private void watchExchanges(Instant now) {
    Duration downAfter = config.alerts().exchangeDownAfter();
    for (ExchangeStatus e : feed.exchanges()) {
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

  /** Hands a scan's opportunities to the writer (unless the kill switch is on), counts, alerts. */
  private void record(Scanned s) {
    if (s.failure() != null) {
      error("scan", s.failure());
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
   * The scan's records after paper-trading its opportunities when a trader is set ({@code arb run
   * --dry-run}); otherwise the scan's own records.
   */
  private List<OpportunityRecord> traded(ScanResult result) {
    if (trader == null || result.opportunities().isEmpty()) {
      return result.records();
    }
    try {
      return trader.trade(result, killSwitchControl());
    } catch (RuntimeException e) {
      LOG.debug("trading failed", e);
      error("execution", "trading failed: " + e.getMessage());
      return result.records();
    }
  }

  /** Hands records to the writer, counts them by status, alerts the big ones. */
  private void handOver(List<OpportunityRecord> records) {
    for (OpportunityRecord r : records) {
      try {
        recorder.record(r);
      } catch (RuntimeException e) {
        error("storage", "record not accepted: " + e.getMessage());
        break;
      }
      metrics.opportunity(r.status());
      maybeAlert(r);
    }
  }

  /** Counts a finished scan in the metrics and the status. */
  private void count(Scanned s, Duration took, boolean record) {
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

  private void maybeAlert(OpportunityRecord r) {
    if (r.status() != OpportunityStatus.SIZED || r.returnBp() < settings.alertMinProfitBp()) {
      return;
    }
    String key = "opportunity " + r.startAsset() + " " + r.exchanges() + " " + r.assets();
    Instant now = clock.instant();
    Instant last = lastAlerted.get(key);
    if (last != null && Duration.between(last, now).compareTo(OPPORTUNITY_ALERT_COOLDOWN) < 0) {
      return;
    }
    lastAlerted.put(key, now);
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

  private void error(String kind, String message) {
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

  private void alert(String event, String severity, String text, Map<String, String> fields) {
    alerts.offer(new Alert(event, severity, text, clock.instant(), fields));
  }

  private int shutdown() {
    String reason = lifecycle.stopReason().orElse("stopped");
    LOG.info("stopping ({}): flushing records", reason);
    String lost = null;
    try {
      store.close();
    } catch (RuntimeException ex) {
      // the writer says how many records could not be written: loud, never silent
      lost = ex.getMessage();
      LOG.error("closing the record store: {}", lost);
    }
    long written = recorder.writtenCount();
    long scans = stats.scans();
    String summary =
        scans + " scans, " + written + " records" + (lost == null ? "" : "; FAILED: " + lost);
    alert(
        "daemon_stopped",
        lost == null ? "info" : "critical",
        "arb run stopped (" + reason + ") after " + summary,
        Map.of("reason", reason));
    HttpEndpoint e = endpoint;
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

  private void closeQuietly() {
    HttpEndpoint e = endpoint;
    if (e != null) {
      e.close();
    }
    try {
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

  /** First signal: a clean stop, bounded. Second: out at once. */
  private void onSignal(String name) {
    signals++;
    if (signals == 1) {
      stop("SIG" + name);
    } else {
      LOG.warn("second signal (SIG{}): exiting at once, records not yet written are lost", name);
      hooks.halt(FORCED_EXIT);
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
                if (!lifecycle.awaitStopped(settings.shutdownTimeout())) {
                  LOG.error(
                      "clean stop took longer than {}; exiting at once",
                      settings.shutdownTimeout());
                  hooks.halt(FORCED_EXIT);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "arb-stop-watchdog");
    t.setDaemon(true);
    t.start();
  }

  // --- HTTP routes

  private Map<String, HttpEndpoint.Route> routes() {
    Map<String, HttpEndpoint.Route> r = new HashMap<>();
    r.put("/health", new HttpEndpoint.Route("GET", false, q -> health()));
    r.put("/status", new HttpEndpoint.Route("GET", false, q -> status()));
    r.put("/opportunities", new HttpEndpoint.Route("GET", false, this::opportunities));
    r.put(
        "/metrics",
        new HttpEndpoint.Route(
            "GET",
            false,
            q ->
                new HttpEndpoint.Response(
                    200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape())));
    r.put("/pause", control(lifecycle::pause, "pause"));
    r.put("/resume", control(lifecycle::resume, "resume"));
    r.put("/kill-switch", control(this::killSwitch, "kill-switch"));
    if (relayFactory != null) {
      r.put(
          "/relay",
          new HttpEndpoint.Route(
              "POST",
              true,
              HttpEndpoint.MAX_BODY_LIMIT,
              q -> {
                Function<String, HttpEndpoint.Response> h = relay;
                if (h == null) {
                  return HttpEndpoint.Response.error(503, "the relayer is starting; try again");
                }
                if (!relayPermit.tryAcquire()) {
                  return HttpEndpoint.Response.error(
                      503, "the relayer is busy with another request; try again in a few seconds");
                }
                try {
                  return h.apply(q.body());
                } finally {
                  relayPermit.release();
                }
              }));
    }
    r.put(
        "/stop",
        new HttpEndpoint.Route(
            "POST",
            true,
            q -> {
              stop("POST /stop");
              return stateResponse(202, true);
            }));
    return r;
  }

  private KillSwitch killSwitchControl() {
    return new KillSwitch() {
      @Override
      public boolean engaged() {
        return lifecycle.killSwitch();
      }

      @Override
      public void trip(String reason) {
        LOG.warn("kill switch tripped: {}", reason);
        alert("kill_switch_tripped", "critical", "kill switch tripped: " + reason, Map.of());
        killSwitch();
      }
    };
  }

  private Lifecycle.Outcome killSwitch() {
    Lifecycle.Outcome o = lifecycle.engageKillSwitch();
    if (o == Lifecycle.Outcome.CHANGED) {
      LOG.warn("kill switch engaged: no new scans or records until POST /resume or a restart");
      TradeStep t = trader;
      if (t != null) {
        for (String line : t.cancelOpenOrders()) {
          LOG.warn("kill switch: open order {}", line);
        }
      }
      alert(
          "kill_switch",
          "critical",
          "kill switch engaged: scanning and recording stopped until resumed",
          Map.of());
    }
    return o;
  }

  private HttpEndpoint.Route control(
      java.util.function.Supplier<Lifecycle.Outcome> action, String name) {
    return new HttpEndpoint.Route(
        "POST",
        true,
        q -> {
          Lifecycle.Outcome o = action.get();
          if (o == Lifecycle.Outcome.REFUSED) {
            return HttpEndpoint.Response.error(
                409, name + " is not possible while " + lifecycle.state().code());
          }
          LOG.info("{} via HTTP: {}", name, o == Lifecycle.Outcome.CHANGED ? "done" : "already");
          return stateResponse(200, o == Lifecycle.Outcome.CHANGED);
        });
  }

  private HttpEndpoint.Response stateResponse(int status, boolean changed) {
    ObjectNode n = JSON.createObjectNode();
    n.put("state", lifecycle.state().code());
    n.put("kill_switch", lifecycle.killSwitch());
    n.put("changed", changed);
    return HttpEndpoint.Response.json(status, n.toString());
  }

  /** 200 while alive (running or paused, records keeping up); 503 with the reason otherwise. */
  HttpEndpoint.Response health() {
    DaemonState s = lifecycle.state();
    String problem = null;
    RecordStore st = store;
    if (s != DaemonState.RUNNING && s != DaemonState.PAUSED || st == null) {
      problem = "daemon is " + s.code();
    } else if (recorder.acceptedCount() - recorder.writtenCount()
        >= config.storage().queueCapacity()) {
      problem = "record store is not keeping up: the write queue is full";
    } else if (trader != null && trader.blocked().isPresent()) {
      problem = "trading paused: " + trader.blocked().get();
    }
    ObjectNode n = JSON.createObjectNode();
    n.put("status", problem == null ? "ok" : "unavailable");
    n.put("state", s.code());
    n.put("kill_switch", lifecycle.killSwitch());
    if (problem != null) {
      n.put("reason", problem);
    }
    return HttpEndpoint.Response.json(problem == null ? 200 : 503, n.toString());
  }

  /** The {@code /status} document. */
  public ObjectNode statusJson() {
    Instant now = clock.instant();
    ObjectNode n = JSON.createObjectNode();
    n.put("state", lifecycle.state().code());
    n.put("kill_switch", lifecycle.killSwitch());
    n.put("started_at", startedAt == null ? null : startedAt.toString());
    n.put(
        "uptime_seconds",
        startedAt == null ? 0 : Duration.between(startedAt, now).toMillis() / 1000.0);
    n.put("now", now.toString());
    stats.write(n, now, feed.describe());
    writeExchanges((ObjectNode) n.get("data").get("exchanges"), now);
    RecordStore st = store;
    ObjectNode rec = n.putObject("records");
    rec.put("written", st == null ? 0 : recorder.writtenCount());
    rec.put(
        "queued", st == null ? 0 : Math.max(0, recorder.acceptedCount() - recorder.writtenCount()));
    rec.put("database", config.databaseFile().toString());
    TradeStep t = trader;
    if (t != null) {
      ObjectNode tr = n.putObject("trading");
      tr.put("blocked", t.blocked().orElse(null));
      var held = tr.putArray("holdings");
      t.holdings().forEach(held::add);
    }
    return n;
  }

  /** Adds the live exchanges' health to the per-exchange data of the status. */
  private void writeExchanges(ObjectNode exchanges, Instant now) {
    for (ExchangeStatus e : feed.exchanges()) {
      ObjectNode x =
          exchanges.has(e.name())
              ? (ObjectNode) exchanges.get(e.name())
              : exchanges.putObject(e.name());
      x.put("health", e.health().map(h -> h.state().code()).orElse("unknown"));
      x.put("feed", e.health().map(h -> h.feed().code()).orElse("poll"));
      x.put("down", e.noDataSince().isPresent());
      if (!x.has("books")) {
        x.put("books", 0);
      }
      if (!x.has("age_seconds") || e.noDataSince().isPresent()) {
        if (e.lastDataAt().isPresent()) {
          x.put("age_seconds", Duration.between(e.lastDataAt().get(), now).toMillis() / 1000.0);
        } else {
          x.putNull("age_seconds");
        }
      }
      x.put("last_data_at", e.lastDataAt().map(Instant::toString).orElse(null));
      x.put("no_data_since", e.noDataSince().map(Instant::toString).orElse(null));
      x.put("problems", e.health().map(h -> h.problems()).orElse(0));
      x.put("last_error", e.health().flatMap(h -> h.lastError()).orElse(null));
      x.put("retry_at", e.health().flatMap(h -> h.retryAt()).map(Instant::toString).orElse(null));
      x.put("api_errors_total", e.problems());
      x.put("api_retries_total", e.retries());
      e.health()
          .flatMap(VenueHealth::stream)
          .ifPresent(st -> writeStream(x.putObject("stream"), st, now));
    }
  }

  /** The order-book stream's counters of one exchange, in the status. */
  private static void writeStream(ObjectNode x, VenueHealth.Stream st, Instant now) {
    x.put("connected", st.connected());
    x.put("reconnects", st.reconnects());
    x.put("gaps", st.gaps());
    x.put("last_message_at", st.lastMessageAt().map(Instant::toString).orElse(null));
    if (st.lastMessageAt().isPresent()) {
      x.put(
          "last_message_age_seconds",
          Duration.between(st.lastMessageAt().get(), now).toMillis() / 1000.0);
    } else {
      x.putNull("last_message_age_seconds");
    }
  }

  private HttpEndpoint.Response status() {
    return HttpEndpoint.Response.json(200, statusJson().toString());
  }

  private HttpEndpoint.Response opportunities(HttpEndpoint.Request req) {
    int limit = 20;
    Set<OpportunityStatus> statuses = EnumSet.noneOf(OpportunityStatus.class);
    for (Map.Entry<String, String> p : req.query().entrySet()) {
      switch (p.getKey()) {
        case "limit" -> {
          try {
            limit = Integer.parseInt(p.getValue().trim());
          } catch (NumberFormatException e) {
            limit = -1;
          }
          if (limit < 1 || limit > MAX_LIMIT) {
            return HttpEndpoint.Response.error(
                400, "limit must be a whole number from 1 to " + MAX_LIMIT);
          }
        }
        case "status" -> {
          for (String s : p.getValue().split(",")) {
            try {
              statuses.add(OpportunityStatus.parse(s));
            } catch (IllegalArgumentException e) {
              return HttpEndpoint.Response.error(400, "status: " + e.getMessage());
            }
          }
        }
        default -> {
          return HttpEndpoint.Response.error(
              400, "unknown parameter; use limit=N and status=sized,rejected,...");
        }
      }
    }
    RecordStore st = store;
    if (st == null) {
      return HttpEndpoint.Response.error(503, "starting: the record store is not open yet");
    }
    List<OpportunityRecord> found =
        st.opportunities()
            .find(
                new HistoryQuery(
                    Optional.empty(),
                    Optional.empty(),
                    statuses,
                    Optional.empty(),
                    Optional.empty(),
                    OptionalDouble.empty(),
                    limit));
    return HttpEndpoint.Response.json(200, recordsJson.apply(found));
  }
}
