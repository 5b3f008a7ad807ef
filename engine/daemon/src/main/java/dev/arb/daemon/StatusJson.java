package dev.arb.daemon;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.arb.daemon.chain.ChainStatus;
import dev.arb.daemon.chat.ChatStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The {@code /status} document, in this key order (written by {@link dev.arb.engine.json.Json}:
 * snake_case, instants ISO-8601, ages and durations in seconds or milliseconds as numbers, {@code
 * null} where nothing is known yet).
 *
 * @param state the daemon's state ({@link DaemonState#code()})
 * @param killSwitch whether the kill switch is on
 * @param startedAt when it started running
 * @param uptimeSeconds seconds since then
 * @param now the daemon's clock
 * @param data what the feed delivered
 * @param lastScan the last scan
 * @param scans scans so far
 * @param opportunitiesFound opportunities found so far
 * @param opportunitiesNotRecorded of those, not recorded (kill switch)
 * @param errors errors so far
 * @param recovery what starting found of an earlier run
 * @param stream the streaming runner: events, decisions, tick-to-decision latency
 * @param records the record store
 * @param config the reloadable settings in force and how the last reload went
 * @param trading what trading is blocked by or holds; left out without trading
 * @param chains per chain followed, by name: head, lag, pools, attempts; left out without chains
 * @param chat chat control: on or off, last poll and its age, commands, errors (never the token)
 * @param publishers the book publishers subscribed to; left out without {@code --subscribe}
 */
record StatusJson(
    String state,
    boolean killSwitch,
    Instant startedAt,
    double uptimeSeconds,
    Instant now,
    Data data,
    LastScan lastScan,
    long scans,
    long opportunitiesFound,
    long opportunitiesNotRecorded,
    Errors errors,
    Recovery recovery,
    Runner stream,
    Records records,
    Config config,
    @JsonInclude(Include.NON_NULL) Trading trading,
    @JsonInclude(Include.NON_NULL) Map<String, ChainStatus> chains,
    ChatStatus chat,
    @JsonInclude(Include.NON_NULL) List<Publisher> publishers) {

  /**
   * The data part.
   *
   * @param source the feed, described
   * @param snapshots snapshots received
   * @param lastInput where the last one came from
   * @param receivedAt when it was received
   * @param asOf its newest observation
   * @param ageSeconds its age now
   * @param books books in it
   * @param ended whether the feed has ended
   * @param exchanges per exchange, by name: the exchanges of the last snapshot in name order, then
   *     live exchanges that gave none
   */
  record Data(
      String source,
      long snapshots,
      String lastInput,
      Instant receivedAt,
      Instant asOf,
      Double ageSeconds,
      int books,
      boolean ended,
      Map<String, Exchange> exchanges) {}

  /**
   * One exchange: its books in the last snapshot and, for a live exchange, its health.
   *
   * @param books books of it in the last snapshot
   * @param newestBook when its newest book was observed; left out if it gave none
   * @param ageSeconds that book's age now ({@code null} if it never gave one)
   * @param live a live exchange's health; its keys are left out for replayed data
   */
  record Exchange(
      int books,
      @JsonInclude(Include.NON_NULL) Instant newestBook,
      Double ageSeconds,
      @JsonUnwrapped Live live) {}

  /**
   * A live exchange's health.
   *
   * @param health {@code ok}, {@code degraded}, ... or {@code unknown} before its first poll
   * @param feed {@code stream} or {@code poll}
   * @param down whether it gives no usable books now
   * @param lastDataAt its last usable book
   * @param noDataSince since when it gives none, {@code null} while it does
   * @param problems problems of its last poll
   * @param lastError its last error, for people
   * @param retryAt when it is tried again after an error
   * @param apiErrorsTotal failed calls so far
   * @param apiRetriesTotal retried calls so far
   * @param stream its order-book stream; left out when polled
   */
  record Live(
      String health,
      String feed,
      boolean down,
      Instant lastDataAt,
      Instant noDataSince,
      int problems,
      String lastError,
      Instant retryAt,
      long apiErrorsTotal,
      long apiRetriesTotal,
      @JsonInclude(Include.NON_NULL) Stream stream) {}

  /** A live exchange's order-book stream. */
  record Stream(
      boolean connected,
      long reconnects,
      long gaps,
      Instant lastMessageAt,
      Double lastMessageAgeSeconds) {}

  /** The last scan: when, how long (ms), over how many markets, finding how many. */
  record LastScan(Instant at, Double durationMs, int markets, int opportunities) {}

  /** Errors: how many, and the last one. */
  record Errors(long count, Instant lastAt, String lastKind, String last) {}

  /** What starting found: in-flight records marked failed, and the newest record before start. */
  record Recovery(int inFlightMarkedFailed, Instant lastRecordBeforeStart) {}

  /**
   * The record store.
   *
   * @param accepted records handed to the writer
   * @param written records stored
   * @param queued records waiting in memory
   * @param spilled records kept in the spill journal while the store cannot be written
   * @param failure why the last write failed, {@code null} while writes succeed
   * @param storage {@code sqlite} or {@code postgresql}
   * @param database the SQLite file, or the PostgreSQL URL without user or password
   */
  record Records(
      long accepted,
      long written,
      long queued,
      long spilled,
      String failure,
      String storage,
      String database) {}

  /**
   * A book publisher subscribed to ({@code arb run --subscribe}).
   *
   * @param name its name
   * @param channel where it is heard
   * @param connected whether its messages arrive
   * @param lastMessageAgeMs milliseconds since its last message
   * @param markets markets it gave books of
   * @param staleMarkets markets left out until its snapshot (after a gap or silence)
   * @param messages messages taken
   * @param gaps sequence gaps seen
   * @param resyncs snapshots that made stale books fresh again
   */
  record Publisher(
      String name,
      String channel,
      boolean connected,
      Long lastMessageAgeMs,
      int markets,
      int staleMarkets,
      long messages,
      long gaps,
      long resyncs) {}

  /**
   * The reloadable settings in force (SIGHUP or {@code POST /reload}) and how reloads went.
   *
   * @param logLevel the root log level
   * @param alertMinProfitBp least profit (bp) an opportunity alert needs
   * @param alertExchangeDownAfterSeconds how long an exchange gives no data before it is down
   * @param risk the risk limits
   * @param reloads reloads applied
   * @param reloadFailures reloads refused (bad config: nothing changed)
   * @param lastReloadAt the last reload's time, {@code null} before the first
   * @param lastReloadError why the last reload was refused, {@code null} if it was not
   * @param restartNeededFor settings changed in the file that only a restart applies
   */
  record Config(
      String logLevel,
      double alertMinProfitBp,
      double alertExchangeDownAfterSeconds,
      Risk risk,
      long reloads,
      long reloadFailures,
      Instant lastReloadAt,
      String lastReloadError,
      List<String> restartNeededFor) {}

  /** The risk limits in force: amounts as decimal strings, {@code null} where there is none. */
  record Risk(
      String maxTradeNotional,
      String maxDailyNotional,
      String minProfit,
      String slippageBufferBp,
      Double maxDataAgeSeconds,
      String dailyLossLimit,
      int maxOpenCycles) {}

  /**
   * The streaming runner.
   *
   * @param books book updates decided
   * @param pools pool updates decided
   * @param snapshots whole snapshots decided
   * @param decisions decisions made
   * @param opportunities opportunities found
   * @param opportunitiesNotRecorded of those, not recorded (kill switch)
   * @param fullRuns full runs of the negative-cycle detector
   * @param markets markets in the graph
   * @param decisionLatency tick-to-decision latency of the last minute
   */
  record Runner(
      long books,
      long pools,
      long snapshots,
      long decisions,
      long opportunities,
      long opportunitiesNotRecorded,
      long fullRuns,
      int markets,
      Latency decisionLatency) {}

  /** Latency of the last {@code window_seconds}: events, median, 99th percentile and max, µs. */
  record Latency(int windowSeconds, long events, double p50Us, double p99Us, double maxUs) {}

  /** Trading: why it is blocked ({@code null} if it is not), and what earlier trades hold. */
  record Trading(String blocked, List<String> holdings) {}
}
