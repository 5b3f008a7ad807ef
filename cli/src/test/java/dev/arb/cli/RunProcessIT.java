package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.arb.engine.record.HistoryQuery;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.record.OpportunityStatus;
import dev.arb.storage.SqliteDatabase;
import dev.arb.storage.SqliteOpportunityRepository;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code arb run} as a real child process ({@link Main} on the test class path): it recovers what
 * was in flight, serves its endpoint, answers {@code arb status}, and on SIGTERM ({@link
 * Process#destroy()}) exits 0 with every record in SQLite.
 */
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RunProcessIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern URL = Pattern.compile("serving (http://[0-9.]+:[0-9]+)");
  private static final Pattern STOPPED =
      Pattern.compile("stopped \\(SIGTERM\\): (\\d+) scans, (\\d+) records written");

  @TempDir Path dir;

  static String testClassPath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }

  /** A record a previous process left in flight. */
  static OpportunityRecord inFlight() {
    return new OpportunityRecord(
        0,
        Instant.parse("2026-11-20T10:00:00Z"),
        OpportunityStatus.EXECUTING,
        "USD",
        List.of("kraken"),
        List.of("USD", "BTC"),
        "{}",
        "{}",
        new BigDecimal("1.5"),
        3.0,
        null,
        null);
  }

  @Test
  void sigtermExitsZeroWithEveryRecordFlushedAndInFlightRecordsRecovered() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    Path dbFile = data.resolve("arb.db");
    try (SqliteDatabase db = SqliteDatabase.open(dbFile, Duration.ofSeconds(5))) {
      new SqliteOpportunityRepository(db).saveAll(List.of(inFlight()));
    }

    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path stderr = dir.resolve("stderr.txt");
    ProcessBuilder pb =
        new ProcessBuilder(
                java.toString(),
                "-Xmx256m",
                "-cp",
                testClassPath(),
                Main.class.getName(),
                "--data-dir",
                data.toString(),
                "run",
                "--http-port",
                "0",
                "--loop",
                "--interval",
                "5ms")
            .redirectError(stderr.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("ARB_"));
    pb.environment().put("ARB_HTTP_TOKEN", RunCommandIT.TOKEN);
    // Process.destroy() closes our end of the child's pipes: its output goes to files instead.
    Path stdout = dir.resolve("stdout.txt");
    pb.redirectOutput(stdout.toFile());
    Process child = pb.start();
    try {
      String url = awaitUrl(stdout, child, stderr);
      assertThat(Http.get(url + "/health").statusCode()).isEqualTo(200);
      JsonNode s = awaitScans(url, 20);
      assertThat(s.at("/recovery/in_flight_marked_failed").asInt()).isEqualTo(1);
      assertThat(s.at("/recovery/last_record_before_start").asText())
          .isEqualTo("2026-11-20T10:00:00Z");
      assertThat(Http.post(url + "/pause", "wrong").statusCode()).isEqualTo(403);

      CliRun status = CliRun.run(Map.of("HOME", dir.toString()), "status", "--url", url);
      assertThat(status.exitCode()).as(status.err()).isEqualTo(ExitCode.OK);
      assertThat(status.out())
          .contains("state:         running")
          .contains("binanceus")
          .containsPattern("scans: +\\d+");
      CliRun json = CliRun.run(Map.of("HOME", dir.toString()), "status", "--json", "--url", url);
      assertThat(JSON.readTree(json.out()).get("state").asText()).isEqualTo("running");

      child.destroy(); // SIGTERM
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).as("stderr: %s", Files.readString(stderr)).isZero();
    } finally {
      child.destroyForcibly();
    }
    List<String> lines = Files.readAllLines(stdout);
    String last = lines.get(lines.size() - 1);
    Matcher m = STOPPED.matcher(last);
    assertThat(m.find())
        .as("last line: %s; all: %s; stderr: %s", last, lines, Files.readString(stderr))
        .isTrue();
    long scans = Long.parseLong(m.group(1));
    long written = Long.parseLong(m.group(2));
    assertThat(scans).isGreaterThanOrEqualTo(20);
    assertThat(written).isEqualTo(scans * 10); // the sample gives 10 opportunities a scan

    try (SqliteDatabase db = SqliteDatabase.open(dbFile, Duration.ofSeconds(5))) {
      SqliteOpportunityRepository repo = new SqliteOpportunityRepository(db);
      List<OpportunityRecord> all = repo.find(HistoryQuery.all(100_000));
      assertThat(all).hasSize((int) written + 1);
      OpportunityRecord recovered =
          all.stream()
              .filter(r -> r.startAsset().equals("USD") && r.exchanges().equals(List.of("kraken")))
              .findFirst()
              .orElseThrow();
      assertThat(recovered.status()).isEqualTo(OpportunityStatus.FAILED);
      assertThat(recovered.reason()).isEqualTo("interrupted by restart");
      assertThat(db.integrityCheck()).isEqualTo("ok");
    }
  }

  /**
   * A second SIGTERM while the clean stop is still under way ends the process at once, with the
   * forced-exit status. The clean stop is held open by a webhook receiver that never answers: at
   * the end of a stop the daemon gives pending alerts up to 2 s.
   */
  @Test
  void secondSigtermDuringTheCleanStopExitsAtOnceWithStatusOne() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    HttpServer dead = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    dead.createContext(
        "/hook",
        x -> {
          try {
            release.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          x.sendResponseHeaders(204, -1);
          x.close();
        });
    dead.setExecutor(Executors.newCachedThreadPool());
    dead.start();
    Path conf = dir.resolve("arb.conf");
    Files.writeString(conf, "arb.alerts { timeout = 30s }\n");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path stdout = dir.resolve("stdout.txt");
    Path stderr = dir.resolve("stderr.txt");
    ProcessBuilder pb =
        new ProcessBuilder(
                java.toString(),
                "-Xmx256m",
                "-cp",
                testClassPath(),
                Main.class.getName(),
                "--config",
                conf.toString(),
                "--data-dir",
                dir.resolve("data").toString(),
                "run",
                "--http-port",
                "0",
                "--loop",
                "--interval",
                "5ms")
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("ARB_"));
    pb.environment()
        .put("ARB_ALERT_WEBHOOK", "http://127.0.0.1:" + dead.getAddress().getPort() + "/hook");
    Process child = pb.start();
    try {
      String url = awaitUrl(stdout, child, stderr);
      awaitScans(url, 3);
      signal(child, "TERM");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!Files.readString(stderr).contains("flushing records")) {
        assertThat(System.nanoTime()).as("no clean stop began").isLessThan(deadline);
        Thread.sleep(5);
      }
      signal(child, "TERM");
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      String err = Files.readString(stderr);
      assertThat(child.exitValue()).as("stderr: %s", err).isEqualTo(1);
      assertThat(err).contains("second signal (SIGTERM): exiting at once");
      // forced: the clean stop never printed its summary
      assertThat(Files.readString(stdout)).doesNotContain("arb run: stopped");
    } finally {
      child.destroyForcibly();
      release.countDown();
      dead.stop(0);
    }
  }

  static void signal(Process child, String name) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(child.pid())).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
  }

  /** The URL the child daemon printed (30 s at most). */
  static String awaitUrl(Path stdout, Process child, Path stderr) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    List<String> lines = List.of();
    while (System.nanoTime() < deadline) {
      lines = Files.readAllLines(stdout);
      for (String l : lines) {
        Matcher m = URL.matcher(l);
        if (m.find()) {
          return m.group(1);
        }
      }
      if (!child.isAlive()) {
        break;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("child did not start: " + lines + " " + Files.readString(stderr));
  }

  private static JsonNode awaitScans(String url, long n) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    JsonNode s = JSON.readTree(Http.get(url + "/status").body());
    while (s.get("scans").asLong() < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("too few scans: " + s);
      }
      Thread.sleep(20);
      s = JSON.readTree(Http.get(url + "/status").body());
    }
    return s;
  }
}
