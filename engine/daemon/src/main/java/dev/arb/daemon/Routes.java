package dev.arb.daemon;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.arb.daemon.trade.TradeStep;
import dev.arb.engine.port.RecordStore;
import dev.arb.engine.record.HistoryQuery;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.error.ArbException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's HTTP routes: the dashboard page at {@code /} ({@link WebAssets}), {@code /health},
 * {@code /status}, {@code /opportunities}, {@code /aggregate} and {@code /metrics} for everyone;
 * {@code /pause}, {@code /resume}, {@code /kill-switch}, {@code /stop} (and {@code /relay} when
 * relaying) for the bearer of the control token.
 */
final class Routes {
  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

  /** Largest {@code limit} of {@code /opportunities}. */
  static final int MAX_LIMIT = 1000;

  /** Most records (and dead letters) {@code /aggregate} reads: the newest of the window. */
  static final int MAX_AGGREGATED = 10_000;

  private final Lifecycle lifecycle;
  private final DaemonMetrics metrics;
  private final StatusView status;
  private final Running running;
  private final int queueCapacity;
  private final Function<List<OpportunityRecord>, String> recordsJson;
  private final Consumer<String> stop;
  private final Supplier<Lifecycle.Outcome> killSwitch;
  private final Clock clock;

  /** One relay at a time, so a relay waiting for its receipt never holds both HTTP threads. */
  private final Semaphore relayPermit = new Semaphore(1);

  /**
   * @param queueCapacity the record queue's size: a full queue makes {@code /health} fail
   * @param recordsJson renders records for {@code /opportunities} (as {@code arb history --json})
   * @param stop asks for a clean stop, saying why
   * @param killSwitch engages the kill switch
   * @param clock the daemon's clock: ages in {@code /aggregate}'s filters count back from it
   */
  Routes(
      Lifecycle lifecycle,
      DaemonMetrics metrics,
      StatusView status,
      Running running,
      int queueCapacity,
      Function<List<OpportunityRecord>, String> recordsJson,
      Consumer<String> stop,
      Supplier<Lifecycle.Outcome> killSwitch,
      Clock clock) {
    this.lifecycle = lifecycle;
    this.metrics = metrics;
    this.status = status;
    this.running = running;
    this.queueCapacity = queueCapacity;
    this.recordsJson = recordsJson;
    this.stop = stop;
    this.killSwitch = killSwitch;
    this.clock = clock;
  }

  /**
   * Binds the endpoint with the route table.
   *
   * @throws ArbException when it cannot be bound, saying what to do
   */
  HttpEndpoint serve(Daemon.Settings settings, boolean relaying) {
    try {
      return HttpEndpoint.start(
          settings.host(), settings.port(), table(relaying), settings.token());
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

  /** The route table; {@code relaying} adds {@code POST /relay}. */
  Map<String, HttpEndpoint.Route> table(boolean relaying) {
    Map<String, HttpEndpoint.Route> r = new HashMap<>(WebAssets.routes());
    r.put("/health", HttpEndpoint.Route.probe(q -> health()));
    r.put(
        "/status",
        new HttpEndpoint.Route("GET", false, q -> HttpEndpoint.Response.json(200, status.json())));
    r.put("/opportunities", new HttpEndpoint.Route("GET", false, this::opportunities));
    r.put("/aggregate", new HttpEndpoint.Route("GET", false, this::aggregate));
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
    r.put("/kill-switch", control(killSwitch, "kill-switch"));
    if (relaying) {
      r.put(
          "/relay",
          new HttpEndpoint.Route("POST", true, HttpEndpoint.MAX_BODY_LIMIT, q -> relay(q.body())));
    }
    r.put(
        "/stop",
        new HttpEndpoint.Route(
            "POST",
            true,
            q -> {
              stop.accept("POST /stop");
              return stateResponse(202, true);
            }));
    return r;
  }

  private HttpEndpoint.Response relay(String body) {
    Function<String, HttpEndpoint.Response> h = running.relay;
    if (h == null) {
      return HttpEndpoint.Response.error(503, "the relayer is starting; try again");
    }
    if (!relayPermit.tryAcquire()) {
      return HttpEndpoint.Response.error(
          503, "the relayer is busy with another request; try again in a few seconds");
    }
    try {
      return h.apply(body);
    } finally {
      relayPermit.release();
    }
  }

  private HttpEndpoint.Route control(Supplier<Lifecycle.Outcome> action, String name) {
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

  /** The answer of a control route: the state after it, and whether it changed anything. */
  record StateJson(String state, boolean killSwitch, boolean changed) {}

  /**
   * The {@code /health} answer.
   *
   * @param status {@code ok} or {@code unavailable}
   * @param reason why it is unavailable; left out when ok
   */
  record HealthJson(
      String status,
      String state,
      boolean killSwitch,
      @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {}

  private HttpEndpoint.Response stateResponse(int status, boolean changed) {
    return HttpEndpoint.Response.json(
        status, new StateJson(lifecycle.state().code(), lifecycle.killSwitch(), changed));
  }

  /**
   * 200 while alive (running or paused, records written and keeping up); 503 with the reason
   * otherwise: from the first failed write until one succeeds again.
   */
  HttpEndpoint.Response health() {
    DaemonState s = lifecycle.state();
    String problem = null;
    TradeStep trader = running.trader;
    Optional<String> storage = running.storageFailure();
    if (s != DaemonState.RUNNING && s != DaemonState.PAUSED || running.store == null) {
      problem = "daemon is " + s.code();
    } else if (storage.isPresent()) {
      problem = "record store cannot write: " + storage.get();
    } else if (running.queued() >= queueCapacity) {
      problem = "record store is not keeping up: the write queue is full";
    } else if (trader != null && trader.blocked().isPresent()) {
      problem = "trading paused: " + trader.blocked().get();
    }
    return HttpEndpoint.Response.json(
        problem == null ? 200 : 503,
        new HealthJson(
            problem == null ? "ok" : "unavailable", s.code(), lifecycle.killSwitch(), problem));
  }

  /**
   * {@code GET /opportunities}: the newest records (as {@code arb history --json}) that {@code arb
   * history}'s filters select ({@link HistoryParams}), at most {@code limit} (default 20, at most
   * {@link #MAX_LIMIT}).
   */
  private HttpEndpoint.Response opportunities(HttpEndpoint.Request req) {
    for (String k : req.query().keySet()) {
      if (!k.equals("limit") && !HistoryParams.KEYS.contains(k)) {
        return HttpEndpoint.Response.error(
            400, "unknown parameter '" + k + "'; use limit and " + HistoryParams.NAMES);
      }
    }
    int limit = 20;
    String given = req.query().get("limit");
    if (given != null) {
      try {
        limit = Integer.parseInt(given.trim());
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        return HttpEndpoint.Response.error(
            400, "limit must be a whole number from 1 to " + MAX_LIMIT);
      }
    }
    RecordStore st = running.store;
    if (st == null) {
      return HttpEndpoint.Response.error(503, "starting: the record store is not open yet");
    }
    try {
      HistoryQuery q = HistoryParams.parse(req.query(), clock.instant(), limit);
      return HttpEndpoint.Response.json(200, recordsJson.apply(st.opportunities().find(q)));
    } catch (HistoryParams.BadParameter e) {
      return HttpEndpoint.Response.error(400, e.getMessage());
    }
  }

  /**
   * {@code GET /aggregate}: the dashboard's chart data ({@link ChartData}) over the records that
   * {@code arb history}'s filters select ({@link HistoryParams}), in buckets of {@code bucket}
   * (minute, hour or day; chosen from the window when absent). At most {@link #MAX_AGGREGATED} of
   * the newest records are read.
   */
  private HttpEndpoint.Response aggregate(HttpEndpoint.Request req) {
    for (String k : req.query().keySet()) {
      if (!k.equals("bucket") && !HistoryParams.KEYS.contains(k)) {
        return HttpEndpoint.Response.error(
            400, "unknown parameter '" + k + "'; use bucket and " + HistoryParams.NAMES);
      }
    }
    RecordStore st = running.store;
    if (st == null) {
      return HttpEndpoint.Response.error(503, "starting: the record store is not open yet");
    }
    try {
      Instant now = clock.instant();
      HistoryQuery q = HistoryParams.parse(req.query(), now, MAX_AGGREGATED);
      Optional<ChartData.Bucket> bucket =
          Optional.ofNullable(req.query().get("bucket"))
              .filter(b -> !b.isBlank())
              .map(ChartData.Bucket::parse);
      return HttpEndpoint.Response.json(200, ChartData.read(st, q, bucket, now));
    } catch (HistoryParams.BadParameter e) {
      return HttpEndpoint.Response.error(400, e.getMessage());
    }
  }
}
