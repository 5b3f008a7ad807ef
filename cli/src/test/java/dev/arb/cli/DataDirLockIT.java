package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.record.HistoryQuery;
import dev.arb.engine.record.OpportunityStatus;
import dev.arb.storage.SqliteDatabase;
import dev.arb.storage.SqliteOpportunityRepository;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One daemon per data directory (issue 14, finding 6): a second {@code arb run} on a data directory
 * another one holds refuses at once with exit 2 naming the holder's PID, and leaves the holder's
 * executions alone; commands that only read keep working beside it; the lock goes with the process
 * that held it, however it ended.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DataDirLockIT {
  /** When the in-flight record was detected: long before the daemons' own records. */
  private static final Instant IN_FLIGHT_AT = RunProcessIT.inFlight().detectedAt();

  @TempDir Path dir;

  private Map<String, String> env() {
    return Map.of("HOME", dir.toString());
  }

  /** Writes a record the running daemon has in flight, as its trading step would. */
  private static void inFlight(Path data) {
    try (SqliteDatabase db = SqliteDatabase.open(data.resolve("arb.db"), Duration.ofSeconds(5))) {
      new SqliteOpportunityRepository(db).saveAll(List.of(RunProcessIT.inFlight()));
    }
  }

  private static OpportunityStatus statusOfInFlight(Path data) {
    try (SqliteDatabase db = SqliteDatabase.open(data.resolve("arb.db"), Duration.ofSeconds(5))) {
      return new SqliteOpportunityRepository(db)
          .find(HistoryQuery.all(100_000)).stream()
              .filter(r -> r.detectedAt().equals(IN_FLIGHT_AT))
              .findFirst()
              .orElseThrow(
                  () ->
                      new AssertionError(
                          "not found in "
                              + new SqliteOpportunityRepository(db)
                                  .find(HistoryQuery.all(100_000)).stream()
                                      .map(r -> r.status() + "/" + r.reason())
                                      .distinct()
                                      .toList()))
              .status();
    }
  }

  private CliRun secondRun(Path data) {
    return CliRun.run(
        env(), "--data-dir", data.toString(), "run", "--http-port", "0", "--exit-at-end");
  }

  @Test
  void aSecondDaemonInTheSameProcessRefusesWithExitTwoAndSweepsNothing() throws Exception {
    Path data = dir.resolve("data");
    try (InProcessDaemon first =
        new InProcessDaemon(
            env(),
            "--data-dir",
            data.toString(),
            "run",
            "--http-port",
            "0",
            "--loop",
            "--interval",
            "20ms")) {
      first.awaitStatus(s -> s.at("/records/written").asLong() > 0);
      inFlight(data);

      CliRun second = secondRun(data);

      assertThat(second.exitCode()).as(second.err()).isEqualTo(ExitCode.USAGE);
      assertThat(second.err())
          .contains("pid " + ProcessHandle.current().pid())
          .contains(data.toString())
          .doesNotContain("Exception");
      assertThat(second.out()).doesNotContain("serving");
      assertThat(statusOfInFlight(data)).isEqualTo(OpportunityStatus.EXECUTING);
      assertThat(Http.get(first.url() + "/health").statusCode()).isEqualTo(200);
    }
    // the first one stopped and let go: a new daemon starts, and recovers what was in flight
    CliRun after = secondRun(data);
    assertThat(after.exitCode()).as(after.err()).isEqualTo(ExitCode.OK);
    assertThat(statusOfInFlight(data)).isEqualTo(OpportunityStatus.FAILED);
  }

  @Test
  void aDaemonInAnotherProcessIsNamedByItsPidAndReadersStillWork() throws Exception {
    Path data = dir.resolve("data");
    Path stdout = dir.resolve("child.out");
    Path stderr = dir.resolve("child.err");
    Process child = child(data, stdout, stderr);
    try {
      String url = RunProcessIT.awaitUrl(stdout, child, stderr);
      inFlight(data);

      CliRun second = secondRun(data);
      assertThat(second.exitCode()).as(second.err()).isEqualTo(ExitCode.USAGE);
      assertThat(second.err()).contains("pid " + child.pid()).contains(data.toString());
      assertThat(statusOfInFlight(data)).isEqualTo(OpportunityStatus.EXECUTING);

      CliRun retry = CliRun.run(env(), "--data-dir", data.toString(), "dlq", "retry", "1");
      assertThat(retry.exitCode()).as(retry.err()).isEqualTo(ExitCode.USAGE);
      assertThat(retry.err()).contains("pid " + child.pid());

      CliRun history =
          CliRun.run(
              env(), "--data-dir", data.toString(), "history", "--json", "--status", "executing");
      assertThat(history.exitCode()).as(history.err()).isEqualTo(ExitCode.OK);
      assertThat(history.out()).contains("\"status\":\"executing\"");
      CliRun status = CliRun.run(env(), "status", "--url", url);
      assertThat(status.exitCode()).as(status.err()).isEqualTo(ExitCode.OK);
      CliRun list = CliRun.run(env(), "--data-dir", data.toString(), "dlq", "list");
      assertThat(list.exitCode()).as(list.err()).isEqualTo(ExitCode.OK);

      // killed without a chance to clean up: the lock goes with the process
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    CliRun after = secondRun(data);
    assertThat(after.exitCode()).as(after.err()).isEqualTo(ExitCode.OK);
    assertThat(statusOfInFlight(data)).isEqualTo(OpportunityStatus.FAILED);
  }

  private Process child(Path data, Path stdout, Path stderr) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb =
        new ProcessBuilder(
                java.toString(),
                "-Xmx256m",
                "-cp",
                RunProcessIT.testClassPath(),
                Main.class.getName(),
                "--data-dir",
                data.toString(),
                "run",
                "--http-port",
                "0",
                "--loop",
                "--interval",
                "50ms")
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("ARB_"));
    pb.environment().put("HOME", dir.toString());
    return pb.start();
  }
}
