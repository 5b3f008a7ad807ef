package dev.arb.daemon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import java.time.Duration;
import java.time.Instant;
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

  /** Writes the data, scan and error parts of the status into {@code n}. */
  synchronized void write(ObjectNode n, Instant now, String sourceDescription) {
    ObjectNode data = n.putObject("data");
    data.put("source", sourceDescription);
    data.put("snapshots", snapshots);
    data.put("last_input", lastOrigin);
    data.put("received_at", receivedAt == null ? null : receivedAt.toString());
    data.put("as_of", asOf == null ? null : asOf.toString());
    if (receivedAt == null) {
      data.putNull("age_seconds");
    } else {
      data.put("age_seconds", seconds(Duration.between(receivedAt, now)));
    }
    data.put("books", books);
    data.put("ended", feedEnded);
    ObjectNode exchanges = data.putObject("exchanges");
    newestByExchange.forEach(
        (ex, t) -> {
          ObjectNode e = exchanges.putObject(ex);
          e.put("books", booksByExchange.get(ex));
          e.put("newest_book", t.toString());
          e.put("age_seconds", seconds(age(t, now)));
        });

    ObjectNode scan = n.putObject("last_scan");
    scan.put("at", lastScanAt == null ? null : lastScanAt.toString());
    if (lastScanDuration == null) {
      scan.putNull("duration_ms");
    } else {
      scan.put("duration_ms", lastScanDuration.toNanos() / 1e6);
    }
    scan.put("markets", lastScanMarkets);
    scan.put("opportunities", lastScanOpportunities);
    n.put("scans", scans);
    n.put("opportunities_found", opportunitiesFound);
    n.put("opportunities_not_recorded", notRecorded);

    ObjectNode err = n.putObject("errors");
    err.put("count", errors);
    err.put("last_at", lastErrorAt == null ? null : lastErrorAt.toString());
    err.put("last_kind", lastErrorKind);
    err.put("last", lastError);

    ObjectNode rec = n.putObject("recovery");
    rec.put("in_flight_marked_failed", recovered);
    rec.put(
        "last_record_before_start",
        lastRecordBeforeStart == null ? null : lastRecordBeforeStart.toString());
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
