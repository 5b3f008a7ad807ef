package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.arb.cli.FileFaults.SmallFileSystem;
import dev.arb.cli.FileFaults.Unwritable;
import dev.arb.storage.SqliteDatabase;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code arb run} when its database cannot be written (issue 14, finding 5): a read-only database
 * file, a data directory and database made read-only while it runs, a full disk. In each case the
 * first failed write turns {@code /health} 503 with the reason at once (the queue is far from full
 * here), counts in {@code arb_errors_total{kind="storage"}} and {@code /status}, and is alerted; no
 * record is lost: they are spilled next to the database, or wait in memory when even that cannot be
 * written, and reach the database once it can be written again.
 */
@Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StorageFaultsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern STOPPED =
      Pattern.compile("stopped \\([^)]*\\): \\d+ scans, (\\d+) records written");
  private static final Pattern KEPT = Pattern.compile("(\\d+) records are kept in (\\S+)");
  private static final Pattern STORAGE_ERRORS =
      Pattern.compile("(?m)^arb_errors_total\\{kind=\"storage\"\\} (\\S+)$");

  /** Roomy: a full queue must not be what turns health 503 here. */
  private static final String ROOMY =
      "queue-capacity = 100000, batch-size = 20, flush-interval = 10ms, busy-timeout = 1s";

  @TempDir Path dir;

  private HttpServer receiver;
  private final List<JsonNode> alerts = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopReceiver() {
    if (receiver != null) {
      receiver.stop(0);
    }
  }

  private String startReceiver() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    receiver.createContext(
        "/hook",
        x -> {
          alerts.add(JSON.readTree(new String(x.getRequestBody().readAllBytes(), UTF8)));
          x.sendResponseHeaders(204, -1);
          x.close();
        });
    receiver.setExecutor(Executors.newCachedThreadPool());
    receiver.start();
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private InProcessDaemon daemon(Path data, boolean loop) throws Exception {
    Path conf = dir.resolve("arb.conf");
    Files.writeString(
        conf,
        "arb.storage { " + ROOMY + " }\narb.alerts { min-profit-bp = 1000000, timeout = 2s }\n");
    List<String> args =
        new ArrayList<>(
            List.of(
                "--config",
                conf.toString(),
                "--data-dir",
                data.toString(),
                "run",
                "--http-port",
                "0",
                "--replay-speed",
                "0",
                "--interval",
                "20ms"));
    args.add(loop ? "--loop" : "--exit-at-end");
    String hook = receiver == null ? startReceiver() : null;
    return new InProcessDaemon(
        Map.of(
            "HOME",
            dir.toString(),
            "ARB_ALERT_WEBHOOK",
            hook != null ? hook : "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"),
        args.toArray(String[]::new));
  }

  private static Path migrated(Path data) {
    Path db = data.resolve("arb.db");
    SqliteDatabase.open(db, Duration.ofSeconds(5)).close();
    return db;
  }

  /** The body of /health once it answers {@code status} (60 s at most). */
  private static JsonNode awaitHealth(String url, int status) throws Exception {
    return JSON.readTree(Http.awaitHealth(url, status).body());
  }

  private static double storageErrors(String url) throws Exception {
    Matcher m = STORAGE_ERRORS.matcher(Http.get(url + "/metrics").body());
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  /** Waits (30 s at most) for an alert that matches. */
  private JsonNode awaitAlert(Predicate<JsonNode> p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      for (JsonNode a : alerts) {
        if (p.test(a)) {
          return a;
        }
      }
      assertThat(System.nanoTime()).as("no such alert in %s", alerts).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static long rows(Path db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM arbitrage_record")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Health 503 naming the write failure, counted, in /status and alerted. */
  private void assertFailureReported(InProcessDaemon d, String reasonPart) throws Exception {
    JsonNode health = awaitHealth(d.url(), 503);
    assertThat(health.get("status").asText()).isEqualTo("unavailable");
    assertThat(health.get("reason").asText())
        .startsWith("record store cannot write: ")
        .contains(reasonPart);
    assertThat(d.status().at("/records/queued").asLong()).isLessThan(100_000);
    assertThat(storageErrors(d.url())).isGreaterThanOrEqualTo(1);
    assertThat(d.status().at("/errors/count").asLong()).isGreaterThanOrEqualTo(1);
    JsonNode alert =
        awaitAlert(
            a ->
                a.get("event").asText().equals("error")
                    && a.get("text").asText().startsWith("storage: "));
    assertThat(alert.get("text").asText()).contains(reasonPart);
  }

  @Test
  void aReadOnlyDatabaseIsReportedAtOnceAndEveryRecordIsSpilledThenReplayedOnce() throws Exception {
    Path data = dir.resolve("data");
    Path db = migrated(data);
    Path spill = data.resolve("arb.db.spill.jsonl");
    long kept;
    try (Unwritable ro = Unwritable.of(db)) {
      InProcessDaemon d = daemon(data, true);
      try (d) {
        assertFailureReported(d, "read-only");
        d.awaitStatus(s -> s.at("/records/spilled").asLong() >= 50);
        d.signal("TERM");
        assertThat(d.awaitExit()).isEqualTo(ExitCode.FAILURE);
      }
      Matcher stopped = STOPPED.matcher(d.out.toString());
      assertThat(stopped.find()).as(d.out.toString()).isTrue();
      assertThat(Long.parseLong(stopped.group(1))).isZero();
      Matcher m = KEPT.matcher(d.out.toString());
      assertThat(m.find()).as(d.out.toString()).isTrue();
      kept = Long.parseLong(m.group(1));
      assertThat(m.group(2)).isEqualTo(spill.toString());
    }
    assertThat(kept).isGreaterThanOrEqualTo(50);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(spill)))
        .isEqualTo("rw-------");
    long spilledRecords = 0;
    for (String line : Files.readAllLines(spill)) {
      spilledRecords += JSON.readTree(line).get("records").size();
    }
    assertThat(spilledRecords).isEqualTo(kept);
    assertThat(rows(db)).isZero();

    // writable again: the next start replays the spill once, then records as usual
    InProcessDaemon again = daemon(data, false);
    long written;
    try (again) {
      assertThat(again.awaitExit()).as(again.err.toString()).isEqualTo(ExitCode.OK);
      Matcher stopped = STOPPED.matcher(again.out.toString());
      assertThat(stopped.find()).as(again.out.toString()).isTrue();
      written = Long.parseLong(stopped.group(1));
    }
    assertThat(again.out.toString()).contains(kept + " records from " + spill);
    assertThat(spill).doesNotExist();
    assertThat(rows(db)).isEqualTo(kept + written);
    System.out.printf(
        "read-only database: %d records spilled, %d replayed at the next start, %d written%n",
        kept, kept, written);
  }

  @Test
  void aDataDirectoryMadeReadOnlyWhileRunningKeepsRecordsInMemoryAndLosesNone() throws Exception {
    Path data = dir.resolve("data");
    Path db = migrated(data);
    InProcessDaemon d = daemon(data, true);
    long acceptedBeforeStop;
    try (d) {
      d.awaitStatus(s -> s.at("/records/written").asLong() >= 20);
      assertThat(Http.get(d.url() + "/health").statusCode()).isEqualTo(200);
      // not arb.db-shm: SQLite maps it into memory, and a write fault on an immutable mapped file
      // is a SIGBUS (a file system that goes read-only cannot be remounted so while it is mapped)
      try (Unwritable ro = Unwritable.of(data, db, data.resolve("arb.db-wal"))) {
        org.junit.jupiter.api.Assumptions.assumeTrue(
            ro.stopsOpenFiles(), "only root can stop writes through open files (chattr +i)");
        assertFailureReported(d, "cannot be kept in " + data.resolve("arb.db.spill.jsonl"));
        long before = d.status().at("/records/accepted").asLong();
        d.awaitStatus(s -> s.at("/records/accepted").asLong() >= before + 30);
      }
      awaitHealth(d.url(), 200);
      awaitAlert(a -> a.get("event").asText().equals("storage_recovered"));
      acceptedBeforeStop = d.status().at("/records/accepted").asLong();
      d.signal("TERM");
      assertThat(d.awaitExit()).as(d.err.toString()).isEqualTo(ExitCode.OK);
    }
    Matcher stopped = STOPPED.matcher(d.out.toString());
    assertThat(stopped.find()).as(d.out.toString()).isTrue();
    long written = Long.parseLong(stopped.group(1));
    assertThat(written).isGreaterThanOrEqualTo(acceptedBeforeStop);
    assertThat(rows(db)).isEqualTo(written);
    assertThat(d.out.toString()).doesNotContain("lost");
    assertThat(data.resolve("arb.db.spill.jsonl")).doesNotExist();
  }

  @Test
  void aFullDiskIsReportedAtOnceAndEveryRecordIsWrittenOnceThereIsRoomAgain() throws Exception {
    Path small = dir.resolve("small");
    try (SmallFileSystem fs = SmallFileSystem.mount(small, 4)) {
      Path data = small.resolve("data");
      Path db = migrated(data);
      InProcessDaemon d = daemon(data, true);
      long acceptedWhenFull;
      long acceptedAfter;
      try (d) {
        d.awaitStatus(s -> s.at("/records/written").asLong() >= 20);
        fs.fill();
        assertFailureReported(d, "the disk is full");
        acceptedWhenFull = d.status().at("/records/accepted").asLong();
        long writtenWhenFull = d.status().at("/records/written").asLong();
        d.awaitStatus(s -> s.at("/records/accepted").asLong() >= acceptedWhenFull + 30);
        assertThat(d.status().at("/records/written").asLong()).isEqualTo(writtenWhenFull);
        fs.free();
        awaitHealth(d.url(), 200);
        acceptedAfter = d.status().at("/records/accepted").asLong();
        d.signal("TERM");
        assertThat(d.awaitExit()).as(d.err.toString()).isEqualTo(ExitCode.OK);
      }
      Matcher stopped = STOPPED.matcher(d.out.toString());
      assertThat(stopped.find()).as(d.out.toString()).isTrue();
      long written = Long.parseLong(stopped.group(1));
      assertThat(written).isGreaterThanOrEqualTo(acceptedAfter);
      assertThat(rows(db)).isEqualTo(written);
      assertThat(d.out.toString()).doesNotContain("lost");
      System.out.printf(
          "disk full: %d records accepted when the disk filled, %d by the time it had room"
              + " again, %d written in all, none lost%n",
          acceptedWhenFull, acceptedAfter, written);
    }
  }
}
