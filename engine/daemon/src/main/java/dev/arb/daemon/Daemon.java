package dev.arb.daemon;

import com.lmax.disruptor.EventHandler;
import dev.arb.config.ArbConfig;
import dev.arb.config.RunConfig;
import dev.arb.config.Secret;
import dev.arb.daemon.chain.ChainFollower;
import dev.arb.daemon.chat.ChatControl;
import dev.arb.daemon.chat.TelegramBot;
import dev.arb.daemon.stream.DecisionStage;
import dev.arb.daemon.stream.EventDecider;
import dev.arb.daemon.stream.EventRing;
import dev.arb.daemon.stream.MarketEvent;
import dev.arb.daemon.trade.KillSwitch;
import dev.arb.daemon.trade.ScanResult;
import dev.arb.daemon.trade.TradeStep;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.path.PathQuery;
import dev.arb.engine.port.RecordStore;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.scan.ScanRequest;
import dev.arb.engine.stream.StreamEngine;
import dev.arb.error.ArbException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon of {@code arb run}: every market-data event of its {@link SnapshotFeed} passes one
 * ordered event ring ({@link EventRing}) to one runner ({@link EventRunner}) that owns the market
 * state: a polled or replayed snapshot is scanned in full, a streamed book or pool is decided from
 * the cycles through the edges it changed; the timer ({@link FeedPoller}) only polls. Every
 * opportunity is written through the record store's ONE batch recorder, the HTTP endpoint ({@link
 * Routes}, {@link StatusView}), metrics and alerts ({@link AlertPolicy}), under a {@link
 * Lifecycle}. {@link #run} blocks until the daemon is stopped ({@link Shutdown}) and returns the
 * exit code.
 *
 * <p>Start: opens the store, recovers (records left {@code executing} by a previous process are
 * marked {@code failed}, "interrupted by restart"), binds the endpoint and prints its URL.
 *
 * <p>Kill switch ({@code POST /kill-switch}): no new scan starts and nothing more is recorded, at
 * once (a scan in progress is finished but its opportunities are not recorded), until {@code POST
 * /resume} or a restart. It is shown in {@code /status}, {@code /metrics} and alerted. With a
 * {@link TradeStep}, no new trade starts while it is engaged, and a risk limit (the daily loss
 * limit) can engage it.
 */
public final class Daemon {
  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

  /** Reason written on records found in flight at start. */
  public static final String INTERRUPTED = "interrupted by restart";

  /** Forced exit status (a second signal, or a stop that overran its bound). */
  public static final int FORCED_EXIT = 1;

  /** Longest wait for the chat bot's thread to end when stopping (it is a daemon thread). */
  static final Duration CHAT_STOP = Duration.ofSeconds(2);

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

  private final Supplier<RecordStore> stores;
  private final Settings settings;
  private final SnapshotFeed feed;
  private final ScanStep step;
  private final ProcessHooks hooks;
  private final Clock clock;
  private final PrintWriter out;
  private final Lifecycle lifecycle = new Lifecycle();
  private final DaemonMetrics metrics = new DaemonMetrics();
  private final DaemonStats stats = new DaemonStats();
  private final Running running = new Running();
  private final CountDownLatch ready = new CountDownLatch(1);
  private final AlertPolicy alerts;
  private final Shutdown shutdown;
  private final LifecycleKillSwitch killSwitch;
  private final Routes routes;
  private final ScanLoop scans;
  private final ConfigReload reload;
  private final StreamStatus streamStatus = new StreamStatus(System.nanoTime());
  private ScanRequest streamRequest =
      new ScanRequest(PathQuery.defaults(), Optional.empty(), Optional.empty());
  private StreamEngine.Settings streamSettings = StreamEngine.Settings.defaults();
  private EventRing.Wait wait = EventRing.Wait.PHASED;
  private final List<EventHandler<MarketEvent>> journals = new ArrayList<>();
  private Function<RecordStore, TradeStep> traderFactory;
  private Function<RecordStore, Function<String, HttpEndpoint.Response>> relayFactory;
  private Function<RecordStore, List<ChainFollower>> chainFactory;
  private final Optional<Duration> retention;
  private Retention retainer;
  private Function<ChatControl, TelegramBot> chatFactory;
  private final DaemonChatControl chatControl;

  /**
   * @param stores opens the record store (on the daemon's own thread, while it starts)
   * @param alerts builds the alert sink, given the consumer of delivery outcomes (for metrics)
   * @param recordsJson renders records for {@code /opportunities} (as {@code arb history --json})
   */
  public Daemon(
      ArbConfig config,
      Supplier<RecordStore> stores,
      Settings settings,
      SnapshotFeed feed,
      ScanStep step,
      Function<Consumer<String>, AlertSink> alerts,
      Function<List<OpportunityRecord>, String> recordsJson,
      ProcessHooks hooks,
      Clock clock,
      PrintWriter out) {
    this.stores = stores;
    this.settings = settings;
    this.feed = feed;
    this.step = step;
    this.retention = config.run().retention();
    this.hooks = hooks;
    this.clock = clock;
    this.out = out;
    this.alerts =
        new AlertPolicy(
            alerts.apply(metrics::alert),
            metrics,
            stats,
            settings.alertMinProfitBp(),
            config.alerts().exchangeDownAfter(),
            clock);
    this.shutdown = new Shutdown(lifecycle, hooks, settings.shutdownTimeout());
    this.killSwitch = new LifecycleKillSwitch(lifecycle, running, this.alerts);
    this.reload = new ConfigReload(config, this.alerts, running, clock);
    StatusView statusView =
        new StatusView(config, lifecycle, stats, streamStatus, feed, running, clock, reload);
    metrics.bookAgesFrom(statusView::bookAgeSeconds);
    this.chatControl = new DaemonChatControl(lifecycle, killSwitch::engage, statusView);
    this.routes =
        new Routes(
            lifecycle,
            metrics,
            statusView,
            running,
            config.storage().queueCapacity(),
            recordsJson,
            this::stop,
            killSwitch::engage,
            clock);
    this.scans =
        new ScanLoop(
            lifecycle,
            feed,
            step,
            metrics,
            stats,
            this.alerts,
            running,
            clock,
            settings.exitAtEnd(),
            this::stop,
            killSwitch);
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

  /**
   * The daemon's kill switch, for trading outside its scan loop (the chains' CEX–DEX inventory
   * trades): checked before each trade, tripped by the daily loss limit; engaging it cancels the
   * trading step's open orders.
   */
  public KillSwitch killSwitch() {
    return killSwitch;
  }

  /**
   * Follows chains with the followers {@code factory} builds once the store is open (given the
   * store): each is started then, shown in {@code /status} ({@code chains}) and {@code /metrics},
   * and stopped before the store is closed. Call before {@link #run}.
   */
  public Daemon chains(Function<RecordStore, List<ChainFollower>> factory) {
    this.chainFactory = factory;
    return this;
  }

  /**
   * Obeys chat commands with the bot {@code factory} builds, given the daemon's control (the same
   * lifecycle and kill switch as the HTTP control routes): started once the daemon runs, shown in
   * {@code /status} ({@code chat}), stopped when it stops. Call before {@link #run}.
   */
  public Daemon chat(Function<ChatControl, TelegramBot> factory) {
    this.chatFactory = java.util.Objects.requireNonNull(factory, "factory");
    return this;
  }

  /**
   * On SIGHUP, reads the configuration again with {@code load} (which validates it and throws
   * {@link dev.arb.error.ConfigException} listing the problems) and applies what can change while
   * running: the log level (through {@code logLevel}), the alert thresholds and the risk limits. A
   * configuration with problems changes nothing. Without this, SIGHUP is ignored (it never stops
   * the daemon). Call before {@link #run}.
   */
  public Daemon reloading(Supplier<ArbConfig> load, Consumer<String> logLevel) {
    reload.from(load, logLevel);
    return this;
  }

  /**
   * Decides streamed events with {@code request} (as {@code arb.scan}: length, K, threshold,
   * amount, max age) and runs the detector in full as {@code settings} say; {@code wait}: how the
   * runner waits for events. Call before {@link #run}.
   */
  public Daemon streaming(
      ScanRequest request, StreamEngine.Settings settings, EventRing.Wait wait) {
    this.streamRequest = java.util.Objects.requireNonNull(request, "request");
    this.streamSettings = java.util.Objects.requireNonNull(settings, "settings");
    this.wait = java.util.Objects.requireNonNull(wait, "wait");
    return this;
  }

  /**
   * Also hands every event, in the runner's order, to {@code journal} (on its own thread): {@code
   * arb run --journal}. Call before {@link #run}.
   */
  public Daemon journal(EventHandler<MarketEvent> journal) {
    journals.add(java.util.Objects.requireNonNull(journal, "journal"));
    return this;
  }

  /** Why the chain followers hold their decisions now, or empty when they may decide. */
  private Optional<String> chainHold() {
    if (lifecycle.killSwitch()) {
      return Optional.of("the kill switch is on");
    }
    if (lifecycle.state() == DaemonState.PAUSED) {
      return Optional.of("the daemon is paused");
    }
    return Optional.empty();
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
    HttpEndpoint e = running.endpoint;
    return e == null ? Optional.empty() : Optional.of(e.url());
  }

  /**
   * Asks for a clean stop (as SIGTERM does) and arms the shutdown bound.
   *
   * @param reason for the log and alerts
   */
  public void stop(String reason) {
    shutdown.request(reason);
  }

  /**
   * Runs until stopped.
   *
   * @return the exit code: 0 after a clean stop
   * @throws ArbException if the store cannot be opened or the endpoint cannot be bound
   */
  @SuppressWarnings("unchecked")
  public int run() {
    running.startedAt = clock.instant();
    long t0 = System.nanoTime();
    hooks.onStopSignal(shutdown::onSignal);
    hooks.onReloadSignal(() -> reload.reload("SIGHUP"));
    EventDecider decider =
        new EventDecider(streamRequest, streamSettings, (snapshot, at) -> step.scan(snapshot, at));
    // the per-stage timings are read by the debug log only: two clock reads an event saved
    decider.timeStages(StreamStatus.stagesLogged());
    // a runner that spins owns its core: the stage sizes at idle priority, on the other core
    DecisionStage stage = new DecisionStage("arb-decide", wait == EventRing.Wait.SPIN);
    EventRunner runner =
        new EventRunner(lifecycle, scans, decider, streamStatus, metrics, alerts, feed, stage);
    List<EventHandler<MarketEvent>> consumers = new ArrayList<>();
    consumers.add(runner);
    consumers.addAll(journals);
    EventRing ring =
        new EventRing(
            EventRing.SIZE,
            wait,
            "arb-runner",
            (ex, event) -> {
              LOG.debug("event runner failed", ex);
              alerts.error("scan", "event runner: " + ex.getMessage());
            },
            consumers.toArray(EventHandler[]::new));
    FeedPoller poller = new FeedPoller(lifecycle, feed, ring, clock);
    // The store (SQLite, migrations) takes a while to open: open it on its own thread while the
    // endpoint binds and the first update is read and scanned, and record that scan once it is
    // open.
    StoreOpening opening = StoreOpening.start(stores);
    try {
      if (settings.httpEnabled()) {
        running.endpoint = routes.serve(settings, relayFactory != null);
      }
      // streamed books go into the ring from now on (they wait there until the runner starts;
      // books before the first snapshot are merged into it)
      feed.stream(ring);
      Optional<SnapshotFeed.Update> first = feed.next();
      ScanLoop.Scanned firstScan = null;
      if (first.isPresent() && first.get() instanceof SnapshotFeed.Snapshot s) {
        firstScan = scans.scan(s.snapshot(), s.origin());
        if (firstScan.failure() == null) {
          // counted in /status and /metrics at once; its records go to the store once it is open
          scans.count(firstScan, firstScan.took(), true);
        }
        // the runner takes it as its first state, in order, without scanning it again
        ring.snapshot(
            s.snapshot(),
            s.origin(),
            true,
            System.nanoTime(),
            EventRing.epochNanos(firstScan.received()));
      }
      RecordStore store = opening.await();
      running.recorder = store.recorder();
      running.recorder.watch(alerts);
      running.store = store;
      opening.recover(store, stats);
      retention.ifPresent(
          keep ->
              retainer =
                  new Retention(
                      keep,
                      RunConfig.RETENTION_EVERY,
                      store.opportunities(),
                      clock,
                      alerts::error));
      if (traderFactory != null) {
        running.trader = traderFactory.apply(store);
      }
      if (relayFactory != null) {
        running.relay = relayFactory.apply(store);
      }
      if (chainFactory != null) {
        running.chains = List.copyOf(chainFactory.apply(store));
        metrics.bindChains(running.chains);
        // paused or killed: the followers keep their pools fresh but decide and send nothing
        running.chains.forEach(c -> c.holdWhile(this::chainHold).start());
      }
      LOG.debug("store open and recovered in {} ms", (System.nanoTime() - t0) / 1_000_000);
      metrics.bindState(
          running::written,
          running::queued,
          running::spilled,
          () -> lifecycle.state() == DaemonState.PAUSED ? 1 : 0,
          () -> lifecycle.killSwitch() ? 1 : 0);
      metrics.bindExchanges(feed::exchanges);
      metrics.bindPublishers(feed::publishers);
      metrics.bindStream(streamStatus);
      announce(store);
      LOG.debug("started in {} ms", (System.nanoTime() - t0) / 1_000_000);
      lifecycle.started();
      if (chatFactory != null) {
        running.chat = chatFactory.apply(chatControl);
        running.chat.start();
      }
      ready.countDown();
      alerts.alert("daemon_started", "info", "arb run started: " + feed.describe(), Map.of());
      if (firstScan != null) {
        // before the runner starts: one thread trades at a time
        if (firstScan.failure() != null) {
          alerts.error("scan", firstScan.failure());
        } else if (!lifecycle.killSwitch()) {
          scans.handOver(scans.traded(firstScan.result()));
        } else {
          stats.notRecorded(firstScan.result().records().size()); // kill switch while starting
        }
      }
      ring.start();
      if (firstScan != null) {
        poller.loop(null, false);
      } else {
        poller.loop(first.orElse(null), first.isEmpty());
      }
    } catch (RuntimeException e) {
      lifecycle.requestStop("failure: " + e.getMessage());
      ready.countDown();
      ring.close(Duration.ZERO);
      stage.close(Duration.ZERO);
      stopChat();
      if (running.store == null) {
        opening.closeWhenOpen(); // still opening: close it once it is open
      }
      stopChains();
      stopRetention();
      shutdown.abort(running, alerts, feed, metrics);
      throw e;
    }
    stopChat();
    stopChains();
    stopRetention();
    if (!ring.close(settings.shutdownTimeout())) {
      LOG.warn(
          "the event runner did not finish its events within {}",
          dev.arb.engine.text.Durations.format(settings.shutdownTimeout()));
    }
    // after the runner: the decisions it handed over are traded and recorded before the store
    // closes
    stage.close(settings.shutdownTimeout());
    return shutdown.finish(running, stats.scans(), alerts, feed, metrics, out);
  }

  private void stopRetention() {
    if (retainer != null) {
      retainer.close();
    }
  }

  private void stopChat() {
    TelegramBot bot = running.chat;
    if (bot != null) {
      bot.stop(CHAT_STOP);
    }
  }

  private void stopChains() {
    running.chains.forEach(c -> c.stop(settings.shutdownTimeout()));
  }

  private void announce(RecordStore store) {
    out.println("arb run: " + feed.describe() + "; records in " + store.location());
    store.notes().forEach(n -> out.println("arb run: " + n));
    HttpEndpoint endpoint = running.endpoint;
    if (endpoint != null) {
      out.println(
          "arb run: serving "
              + endpoint.url()
              + " (dashboard at /; /health /status /opportunities /aggregate /metrics"
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
}
