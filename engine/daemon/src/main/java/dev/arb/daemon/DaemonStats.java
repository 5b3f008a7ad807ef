package dev.arb.daemon;

import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the daemon has done, for {@code /status}: data received, scans, opportunities, errors.
 * Thread-safe (the scan loop writes, the HTTP threads read).
 *
 * <p>Data age: a snapshot is as old as the time since it was received, plus, per exchange, how much
 * older that exchange's newest book was than the snapshot's newest observation. For live data this
 * is the age of each exchange's book; for a replay it is the age relative to the replay.
 */
final class DaemonStats {
  private long snapshots;
  private String lastOrigin;
  private Instant receivedAt;
  private Instant asOf;
  private int books;
  private final Map<String, Instant> newestByExchange = new TreeMap<>();
  private final Map<String, Integer> booksByExchange = new TreeMap<>();
  private boolean feedEnded;

  private long scans;
  private Instant lastScanAt;
  private Duration lastScanDuration;
  private int lastScanMarkets;
  private int lastScanOpportunities;
  private long opportunitiesFound;
  private long notRecorded;

  private long errors;
  private Instant lastErrorAt;
  private String lastErrorKind;
  private String lastError;

  private int recovered;
  private Instant lastRecordBeforeStart;

  synchronized void recovered(int failedInFlight, Instant latest) {
    recovered = failedInFlight;
    lastRecordBeforeStart = latest;
  }

  /** A snapshot arrived; returns the age of each exchange's newest book at {@code now}. */
  synchronized Map<String, Duration> snapshot(MarketSnapshot s, String origin, Instant now) {
    snapshots++;
    lastOrigin = origin;
    receivedAt = now;
    asOf = s.newestObservation().orElse(null);
    books = s.books().size();
    newestByExchange.clear();
    booksByExchange.clear();
    for (OrderBook b : s.books()) {
      String ex = b.market().exchange();
      newestByExchange.merge(ex, b.observedAt(), (x, y) -> x.isAfter(y) ? x : y);
      booksByExchange.merge(ex, 1, Integer::sum);
    }
    Map<String, Duration> ages = new TreeMap<>();
    newestByExchange.forEach((ex, t) -> ages.put(ex, age(t, now)));
    return ages;
  }

  synchronized void feedEnded() {
    feedEnded = true;
  }

  synchronized void scan(
      Instant at, Duration took, int markets, int opportunities, boolean recorded) {
    scans++;
    lastScanAt = at;
    lastScanDuration = took;
    lastScanMarkets = markets;
    lastScanOpportunities = opportunities;
    opportunitiesFound += opportunities;
    if (!recorded) {
      notRecorded += opportunities;
    }
  }

  /** Opportunities of a scan counted as recorded that were dropped after all. */
  synchronized void notRecorded(int opportunities) {
    notRecorded += opportunities;
  }

  synchronized void error(Instant at, String kind, String message) {
    errors++;
    lastErrorAt = at;
    lastErrorKind = kind;
    lastError = message;
  }

  synchronized long scans() {
    return scans;
  }

  synchronized long errors() {
    return errors;
  }

  synchronized Instant lastScanAt() {
    return lastScanAt;
  }

  /**
   * The data, scan and error parts of the status, taken together.
   *
   * @param data the data part; its exchanges are those of the last snapshot, in name order
   */
  record View(
      StatusJson.Data data,
      StatusJson.LastScan lastScan,
      long scans,
      long opportunitiesFound,
      long opportunitiesNotRecorded,
      StatusJson.Errors errors,
      StatusJson.Recovery recovery) {}

  /** The data, scan and error parts of the status at {@code now}. */
  synchronized View view(Instant now, String sourceDescription) {
    Map<String, StatusJson.Exchange> exchanges = new LinkedHashMap<>();
    newestByExchange.forEach(
        (ex, t) ->
            exchanges.put(
                ex,
                new StatusJson.Exchange(booksByExchange.get(ex), t, seconds(age(t, now)), null)));
    StatusJson.Data data =
        new StatusJson.Data(
            sourceDescription,
            snapshots,
            lastOrigin,
            receivedAt,
            asOf,
            receivedAt == null ? null : seconds(Duration.between(receivedAt, now)),
            books,
            feedEnded,
            exchanges);
    return new View(
        data,
        new StatusJson.LastScan(
            lastScanAt,
            lastScanDuration == null ? null : lastScanDuration.toNanos() / 1e6,
            lastScanMarkets,
            lastScanOpportunities),
        scans,
        opportunitiesFound,
        notRecorded,
        new StatusJson.Errors(errors, lastErrorAt, lastErrorKind, lastError),
        new StatusJson.Recovery(recovered, lastRecordBeforeStart));
  }

  /** Age of a book observed at {@code t}, per the class comment. */
  private Duration age(Instant t, Instant now) {
    Duration behind = asOf == null ? Duration.ZERO : Duration.between(t, asOf);
    return Duration.between(receivedAt, now).plus(behind.isNegative() ? Duration.ZERO : behind);
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }
}
