package dev.arb.daemon;

import dev.arb.daemon.chain.ChainFollower;
import dev.arb.engine.chain.DexAttempt;
import dev.arb.engine.port.VenueHealth;
import dev.arb.engine.record.OpportunityStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * The daemon's Prometheus metrics (Micrometer): scans and their latency histogram, opportunities by
 * status, book age per exchange, errors by kind, the record queue, alerts, and the JVM's own
 * (memory, GC, threads, class loading, CPU, uptime). Names as exposed on {@code /metrics}:
 *
 * <ul>
 *   <li>{@code arb_scans_total}, {@code arb_scan_duration_seconds} (histogram)
 *   <li>{@code arb_opportunities_total{status}}, {@code arb_records_written_total}, {@code
 *       arb_record_queue_depth}, {@code arb_records_spilled} (kept in the spill while the database
 *       cannot be written)
 *   <li>{@code arb_book_age_seconds{exchange}}, {@code arb_snapshots_total}
 *   <li>{@code arb_api_errors_total{exchange}}, {@code arb_api_retries_total{exchange}}, {@code
 *       arb_exchange_up{exchange}} (live exchanges only)
 *   <li>{@code arb_stream_connected{exchange}}, {@code arb_stream_reconnects_total{exchange}},
 *       {@code arb_stream_gaps_total{exchange}}, {@code arb_stream_message_age_seconds{exchange}}
 *       (live exchanges only; 0, 0, 0 and absent for an exchange that does not stream)
 *   <li>{@code arb_errors_total{kind}}, {@code arb_alerts_total{outcome}}
 *   <li>{@code arb_paused}, {@code arb_kill_switch}
 *   <li>{@code arb_decision_latency_seconds} (histogram, buckets from 1 µs): tick to decision of
 *       every streamed book or pool event, from its arrival at the feed ({@link System#nanoTime()}
 *       there) to the decision made (nothing, or opportunities sized and judged); {@code
 *       arb_stream_events_total{kind}} (book, pool, snapshot), {@code arb_stream_decisions_total},
 *       {@code arb_stream_full_runs_total}
 * </ul>
 */
public final class DaemonMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry;
  private final Counter scans;
  private final Counter snapshots;
  private final Timer scanDuration;
  private final Map<OpportunityStatus, Counter> opportunities =
      new EnumMap<>(OpportunityStatus.class);
  private final Map<String, Counter> errors = new ConcurrentHashMap<>();
  private final Map<String, Counter> alerts = new ConcurrentHashMap<>();
  private final Map<String, Double> bookAge = new ConcurrentHashMap<>();
  private final Map<String, Double> streamAge = new ConcurrentHashMap<>();
  private final Timer decisionLatency;
  private final JvmGcMetrics gc;

  /** The kinds of {@code arb_errors_total}, each exposed at 0 from the start. */
  public static final List<String> ERROR_KINDS = List.of("input", "scan", "storage", "execution");

  /** The outcomes of {@code arb_alerts_total}, each exposed at 0 from the start. */
  public static final List<String> ALERT_OUTCOMES = List.of("sent", "failed", "dropped");

  /** What {@code arb_book_age_seconds} reads: an exchange's book age now, as /status has it. */
  private volatile java.util.function.Function<String, Double> bookAgeNow;

  private volatile List<DoubleSupplier> bound = List.of();

  public DaemonMetrics() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    scans = Counter.builder("arb.scans").description("Scans completed").register(registry);
    snapshots =
        Counter.builder("arb.snapshots")
            .description("Market-data snapshots received")
            .register(registry);
    scanDuration =
        Timer.builder("arb.scan.duration")
            .description("Time of one scan: graph, cycles, sizing, records handed to the writer")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(30))
            .register(registry);
    decisionLatency =
        Timer.builder("arb.decision.latency")
            .description(
                "Tick to decision of a streamed event: from its arrival at the feed to the decision")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofNanos(1_000))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
    for (OpportunityStatus s : OpportunityStatus.values()) {
      opportunities.put(
          s,
          Counter.builder("arb.opportunities")
              .description("Opportunities found, by status")
              .tag("status", s.code())
              .register(registry));
    }
    // every labelled series exists from the start, at 0: alert rules see it before the first event
    ERROR_KINDS.forEach(k -> errors.put(k, errorCounter(k)));
    ALERT_OUTCOMES.forEach(o -> alerts.put(o, alertCounter(o)));
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gc = new JvmGcMetrics();
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /**
   * Registers, per live exchange, {@code arb_api_errors_total{exchange}} (problems the exchange
   * reported: failed requests after retries, stale or invalid books, exchange down), {@code
   * arb_api_retries_total{exchange}} and {@code arb_exchange_up{exchange}} (1 while it gives usable
   * books). Nothing for a replay.
   */
  /**
   * The followed chains: {@code arb_chain_head_lag_blocks{chain}}, {@code
   * arb_defi_attempts_total{chain,outcome}} (executed, rejected, failed) and {@code
   * arb_defi_gas_spent_wei_total{chain}}.
   */
  void bindChains(List<ChainFollower> chains) {
    for (ChainFollower c : chains) {
      Gauge.builder("arb.chain.head.lag.blocks", c, ChainFollower::lagBlocks)
          .description("Blocks the chain's pools lag behind the node's head")
          .tag("chain", c.chain())
          .register(registry);
      for (DexAttempt.Outcome o : DexAttempt.Outcome.values()) {
        if (o == DexAttempt.Outcome.PENDING) {
          continue;
        }
        FunctionCounter.builder(
                "arb.defi.attempts", c, f -> f.attempts().getOrDefault(o, 0L).doubleValue())
            .description("DEX cycles attempted on chain, by outcome")
            .tag("chain", c.chain())
            .tag("outcome", o.code())
            .register(registry);
      }
      FunctionCounter.builder("arb.defi.gas.spent.wei", c, f -> f.gasSpentWei().doubleValue())
          .description("Gas paid by the DEX cycles mined, wei")
          .tag("chain", c.chain())
          .register(registry);
    }
  }

  void bindExchanges(Supplier<List<ExchangeStatus>> exchanges) {
    for (ExchangeStatus e : exchanges.get()) {
      String name = e.name();
      Supplier<Optional<ExchangeStatus>> one =
          () -> exchanges.get().stream().filter(x -> x.name().equals(name)).findFirst();
      DoubleSupplier problems = () -> one.get().map(x -> (double) x.problems()).orElse(0.0);
      DoubleSupplier retries = () -> one.get().map(x -> (double) x.retries()).orElse(0.0);
      DoubleSupplier up =
          () ->
              one.get()
                  .map(x -> x.lastDataAt().isPresent() && x.noDataSince().isEmpty() ? 1.0 : 0.0)
                  .orElse(0.0);
      Supplier<Optional<VenueHealth.Stream>> stream =
          () -> one.get().flatMap(ExchangeStatus::health).flatMap(VenueHealth::stream);
      DoubleSupplier connected = () -> stream.get().map(x -> x.connected() ? 1.0 : 0.0).orElse(0.0);
      DoubleSupplier reconnects = () -> stream.get().map(x -> (double) x.reconnects()).orElse(0.0);
      DoubleSupplier gaps = () -> stream.get().map(x -> (double) x.gaps()).orElse(0.0);
      List<DoubleSupplier> keep = new ArrayList<>(bound);
      keep.addAll(List.of(problems, retries, up, connected, reconnects, gaps));
      bound = List.copyOf(keep);
      FunctionCounter.builder("arb.api.errors", problems, DoubleSupplier::getAsDouble)
          .description(
              "Problems an exchange reported: failed requests, stale or invalid books, down")
          .tag("exchange", name)
          .register(registry);
      FunctionCounter.builder("arb.api.retries", retries, DoubleSupplier::getAsDouble)
          .description("Exchange requests retried after a failure")
          .tag("exchange", name)
          .register(registry);
      Gauge.builder("arb.exchange.up", up, DoubleSupplier::getAsDouble)
          .description("1 while the exchange gives usable order books")
          .tag("exchange", name)
          .strongReference(true)
          .register(registry);
      Gauge.builder("arb.stream.connected", connected, DoubleSupplier::getAsDouble)
          .description("1 while the exchange's order-book WebSocket stream is connected")
          .tag("exchange", name)
          .strongReference(true)
          .register(registry);
      FunctionCounter.builder("arb.stream.reconnects", reconnects, DoubleSupplier::getAsDouble)
          .description("Order-book stream connections opened again after a drop or failure")
          .tag("exchange", name)
          .register(registry);
      FunctionCounter.builder("arb.stream.gaps", gaps, DoubleSupplier::getAsDouble)
          .description("Missed order-book stream updates detected, each followed by a resync")
          .tag("exchange", name)
          .register(registry);
    }
  }

  /** Registers the gauges that read the daemon's live state. */
  void bindState(
      DoubleSupplier written,
      DoubleSupplier queueDepth,
      DoubleSupplier spilled,
      DoubleSupplier paused,
      DoubleSupplier kill) {
    // Micrometer holds what a function counter reads weakly: keep the suppliers alive with us.
    List<DoubleSupplier> keep = new ArrayList<>(bound);
    keep.addAll(List.of(written, queueDepth, spilled, paused, kill));
    bound = List.copyOf(keep);
    FunctionCounter.builder("arb.records.written", written, DoubleSupplier::getAsDouble)
        .description("Records committed to the store")
        .register(registry);
    Gauge.builder("arb.record.queue.depth", queueDepth, DoubleSupplier::getAsDouble)
        .description("Records accepted and waiting in memory to be written")
        .strongReference(true)
        .register(registry);
    Gauge.builder("arb.records.spilled", spilled, DoubleSupplier::getAsDouble)
        .description("Records kept in the spill file while the database cannot be written")
        .strongReference(true)
        .register(registry);
    Gauge.builder("arb.paused", paused, DoubleSupplier::getAsDouble)
        .description("1 while paused")
        .strongReference(true)
        .register(registry);
    Gauge.builder("arb.kill.switch", kill, DoubleSupplier::getAsDouble)
        .description("1 while the kill switch is engaged")
        .strongReference(true)
        .register(registry);
  }

  void snapshot() {
    snapshots.increment();
  }

  /** Records one streamed event's tick-to-decision latency (the runner thread). */
  void decisionLatency(long nanos) {
    decisionLatency.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  /** Registers the streaming runner's counters, read from its status. */
  void bindStream(StreamStatus stream) {
    List<DoubleSupplier> keep = new ArrayList<>(bound);
    for (String kind : List.of("book", "pool", "snapshot")) {
      DoubleSupplier events = () -> stream.events(kind);
      keep.add(events);
      FunctionCounter.builder("arb.stream.events", events, DoubleSupplier::getAsDouble)
          .description("Events the streaming runner handled, by kind")
          .tag("kind", kind)
          .register(registry);
    }
    DoubleSupplier decisions = stream::decisions;
    DoubleSupplier fullRuns = stream::fullRuns;
    keep.add(decisions);
    keep.add(fullRuns);
    bound = List.copyOf(keep);
    FunctionCounter.builder("arb.stream.decisions", decisions, DoubleSupplier::getAsDouble)
        .description("Streamed events decided with opportunities")
        .register(registry);
    FunctionCounter.builder("arb.stream.full.runs", fullRuns, DoubleSupplier::getAsDouble)
        .description("Full runs of the incremental detector (the safety net)")
        .register(registry);
  }

  private volatile Supplier<List<PublisherStatus>> publishers = List::of;
  private final java.util.Set<String> publishersBound =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * Shows every book publisher subscribed to (they appear while running: each is registered when
   * first seen, at the next scrape): connected, last message age, gaps, resyncs.
   */
  void bindPublishers(Supplier<List<PublisherStatus>> all) {
    this.publishers = all;
    registerPublishers();
  }

  private void registerPublishers() {
    Supplier<List<PublisherStatus>> all = publishers;
    for (PublisherStatus p : all.get()) {
      String name = p.name();
      if (!publishersBound.add(name)) {
        continue;
      }
      Supplier<Optional<PublisherStatus>> one =
          () -> publishers.get().stream().filter(x -> x.name().equals(name)).findFirst();
      DoubleSupplier connected = () -> one.get().map(x -> x.connected() ? 1.0 : 0.0).orElse(0.0);
      DoubleSupplier age =
          () ->
              one.get()
                  .flatMap(PublisherStatus::lastMessageAgeMillis)
                  .map(ms -> ms / 1000.0)
                  .orElse(Double.NaN);
      DoubleSupplier gaps = () -> one.get().map(x -> (double) x.gaps()).orElse(0.0);
      DoubleSupplier resyncs = () -> one.get().map(x -> (double) x.resyncs()).orElse(0.0);
      List<DoubleSupplier> keep = new ArrayList<>(bound);
      keep.addAll(List.of(connected, age, gaps, resyncs));
      bound = List.copyOf(keep);
      Gauge.builder("arb.feed.publisher.connected", connected, DoubleSupplier::getAsDouble)
          .description("1 while a subscribed book publisher's messages arrive")
          .tag("publisher", name)
          .strongReference(true)
          .register(registry);
      Gauge.builder("arb.feed.publisher.last.message.age", age, DoubleSupplier::getAsDouble)
          .description("Seconds since a subscribed book publisher's last message")
          .tag("publisher", name)
          .baseUnit("seconds")
          .strongReference(true)
          .register(registry);
      FunctionCounter.builder("arb.feed.publisher.gaps", gaps, DoubleSupplier::getAsDouble)
          .description("Sequence gaps seen in a subscribed publisher's books (lost updates)")
          .tag("publisher", name)
          .register(registry);
      FunctionCounter.builder("arb.feed.publisher.resyncs", resyncs, DoubleSupplier::getAsDouble)
          .description("Snapshots that made a subscribed publisher's stale books fresh again")
          .tag("publisher", name)
          .register(registry);
    }
  }

  void scan(Duration took) {
    scans.increment();
    scanDuration.record(took);
  }

  void opportunity(OpportunityStatus status) {
    opportunities.get(status).increment();
  }

  /** Counts an error of {@code kind} (e.g. {@code input}, {@code scan}, {@code storage}). */
  void error(String kind) {
    errors.computeIfAbsent(kind, this::errorCounter).increment();
  }

  private Counter errorCounter(String kind) {
    return Counter.builder("arb.errors")
        .description("Errors, by kind")
        .tag("kind", kind)
        .register(registry);
  }

  private Counter alertCounter(String outcome) {
    return Counter.builder("arb.alerts")
        .description("Webhook alerts, by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  /** Counts an alert delivery outcome: {@code sent}, {@code failed} or {@code dropped}. */
  void alert(String outcome) {
    alerts.computeIfAbsent(outcome, this::alertCounter).increment();
  }

  /**
   * Makes {@code arb_book_age_seconds} read {@code ageNow} (seconds, null when unknown) when
   * scraped, so it says what {@code /status} says at that moment; without it the gauge keeps the
   * age last set.
   */
  void bookAgesFrom(java.util.function.Function<String, Double> ageNow) {
    this.bookAgeNow = ageNow;
  }

  /** Sets the age of an exchange's newest book (and exposes its gauge from now on). */
  void bookAge(String exchange, Duration age) {
    String key = exchange.toLowerCase(Locale.ROOT);
    if (bookAge.put(key, age.toNanos() / 1e9) == null) {
      Gauge.builder(
              "arb.book.age",
              bookAge,
              m -> {
                java.util.function.Function<String, Double> now = bookAgeNow;
                Double v = now == null ? null : now.apply(key);
                return v != null ? v : m.getOrDefault(key, Double.NaN);
              })
          .description("Age of the exchange's newest order book")
          .baseUnit("seconds")
          .tag("exchange", key)
          .register(registry);
    }
  }

  /** Sets the time since an exchange's order-book stream last gave a message. */
  void streamMessageAge(String exchange, Duration age) {
    age(
        "arb.stream.message.age",
        "Time since the exchange's order-book stream last gave a message",
        streamAge,
        exchange,
        age);
  }

  /** Sets one exchange's value of a per-exchange age gauge, registering it the first time. */
  private void age(
      String name, String description, Map<String, Double> ages, String exchange, Duration age) {
    String key = exchange.toLowerCase(Locale.ROOT);
    if (ages.put(key, age.toNanos() / 1e9) == null) {
      Gauge.builder(name, ages, m -> m.getOrDefault(key, Double.NaN))
          .description(description)
          .baseUnit("seconds")
          .tag("exchange", key)
          .register(registry);
    }
  }

  /** The Prometheus text exposition (format 0.0.4). */
  public String scrape() {
    registerPublishers();
    return registry.scrape();
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
