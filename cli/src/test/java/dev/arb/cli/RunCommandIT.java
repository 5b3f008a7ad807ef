package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.engine.sample.SampleSnapshot;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code arb run} in-process: endpoints, metrics, control, kill switch, bad input, stop. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RunCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String TOKEN = "test-token-0123456789";

  /** A Prometheus text exposition line: a sample, a # HELP/# TYPE line, or empty. */
  static final Pattern PROMETHEUS_LINE =
      Pattern.compile(
          "^(#\\s(HELP|TYPE)\\s[a-zA-Z_:][a-zA-Z0-9_:]*\\s.*"
              + "|[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\]|\\\\.)*\",?)*\\})?"
              + "\\s[-+]?([0-9.]+([eE][-+]?[0-9]+)?|NaN|Inf)(\\s[0-9]+)?"
              + "|# EOF|)$");

  @TempDir Path dir;

  private Map<String, String> env(String token) {
    return token == null
        ? Map.of("HOME", dir.toString())
        : Map.of("HOME", dir.toString(), "ARB_HTTP_TOKEN", token);
  }

  private String[] args(String... more) {
    List<String> all =
        new ArrayList<>(
            List.of("--data-dir", dir.resolve("data").toString(), "run", "--http-port", "0"));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  static Path sampleFile(Path dir) throws Exception {
    Path p = dir.resolve("sample.snapshot.json");
    try (InputStream in = SampleSnapshot.class.getResourceAsStream(SampleSnapshot.RESOURCE)) {
      Files.copy(in, p);
    }
    return p;
  }

  /** The value of an unlabelled sample, e.g. {@code arb_scans_total}. */
  static double metric(String exposition, String name) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(exposition);
    if (!m.find()) {
      throw new AssertionError(name + " not in metrics");
    }
    return Double.parseDouble(m.group(1));
  }

  @Test
  void aReplayOfWhichNoInputCanBeReadIsAUsageErrorAsForScan() throws Exception {
    Path garbage = Files.writeString(dir.resolve("garbage.txt"), "garbage\n");
    CliRun scan =
        CliRun.run(
            Map.of("HOME", dir.toString()),
            "--data-dir",
            dir.resolve("data").toString(),
            "scan",
            "--input",
            garbage.toString());
    assertThat(scan.exitCode()).isEqualTo(ExitCode.USAGE);
    CliRun run =
        CliRun.run(
            Map.of("HOME", dir.toString()),
            "--data-dir",
            dir.resolve("data").toString(),
            "run",
            "--http-port",
            "0",
            "--input",
            garbage.toString(),
            "--exit-at-end");
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err())
        .contains("--input " + garbage + ": cannot tell the format")
        .contains("none of the inputs can be replayed");
    assertThat(run.out()).doesNotContain("scans");
  }

  @Test
  void servesHealthStatusOpportunitiesAndPrometheusMetricsThatCountTheScans() throws Exception {
    try (InProcessDaemon d =
        new InProcessDaemon(env(TOKEN), args("--loop", "--interval", "10ms"))) {
      String url = d.url();
      assertThat(url).startsWith("http://127.0.0.1:").doesNotEndWith(":0");
      HttpResponse<String> health = Http.get(url + "/health");
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("ok");

      JsonNode s =
          d.awaitStatus(x -> x.get("scans").asLong() >= 5 && x.at("/records/written").asLong() > 0);
      assertThat(s.get("state").asText()).isEqualTo("running");
      assertThat(s.get("kill_switch").asBoolean()).isFalse();
      assertThat(s.at("/data/source").asText()).contains("the bundled sample");
      assertThat(s.at("/data/exchanges/binanceus/books").asInt()).isEqualTo(45);
      assertThat(s.at("/last_scan/markets").asInt()).isEqualTo(45);
      assertThat(s.at("/last_scan/duration_ms").asDouble()).isPositive();
      assertThat(s.get("opportunities_found").asLong()).isGreaterThanOrEqualTo(5 * 10);
      assertThat(s.at("/errors/count").asLong()).isZero();
      long scansBefore = s.get("scans").asLong();

      HttpResponse<String> metrics = Http.get(url + "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
      List<String> bad =
          metrics.body().lines().filter(l -> !PROMETHEUS_LINE.matcher(l).matches()).toList();
      assertThat(bad).as("lines that are not Prometheus text").isEmpty();
      String m = metrics.body();
      assertThat(metric(m, "arb_scans_total")).isGreaterThanOrEqualTo(scansBefore);
      assertThat(metric(m, "arb_scan_duration_seconds_count")).isGreaterThanOrEqualTo(scansBefore);
      assertThat(m)
          .contains("arb_scan_duration_seconds_bucket{le=")
          .contains("arb_opportunities_total{status=\"sized\"}")
          .contains("arb_book_age_seconds{exchange=\"binanceus\"}")
          .contains("jvm_memory_used_bytes{");
      assertThat(metric(m, "arb_kill_switch")).isZero();
      assertThat(metric(m, "arb_records_written_total"))
          .as(m.lines().filter(l -> l.startsWith("arb_rec")).toList().toString())
          .isPositive();

      HttpResponse<String> ops = Http.get(url + "/opportunities?limit=3&status=sized");
      assertThat(ops.statusCode()).isEqualTo(200);
      JsonNode arr = JSON.readTree(ops.body());
      assertThat(arr).hasSize(3);
      assertThat(arr.get(0).get("status").asText()).isEqualTo("sized");
      assertThat(arr.get(0).get("id").asLong()).isGreaterThan(arr.get(1).get("id").asLong());
      assertThat(Http.get(url + "/opportunities?limit=0").statusCode()).isEqualTo(400);
      assertThat(Http.get(url + "/opportunities?status=bogus").statusCode()).isEqualTo(400);
      assertThat(Http.get(url + "/opportunities?colour=red").statusCode()).isEqualTo(400);
    }
  }

  @Test
  void controlRoutesNeedTheBearerTokenAndPauseResumeKillSwitchAndStopWork() throws Exception {
    try (InProcessDaemon d =
        new InProcessDaemon(env(TOKEN), args("--loop", "--interval", "10ms"))) {
      String url = d.url();
      d.awaitStatus(x -> x.get("scans").asLong() >= 2);

      HttpResponse<String> none = Http.post(url + "/pause", null);
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
      assertThat(Http.post(url + "/pause", "wrong-token").statusCode()).isEqualTo(403);
      assertThat(Http.post(url + "/pause", TOKEN + "x").statusCode()).isEqualTo(403);
      assertThat(d.status().get("state").asText()).isEqualTo("running");

      HttpResponse<String> paused = Http.post(url + "/pause", TOKEN);
      assertThat(paused.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(paused.body()).get("state").asText()).isEqualTo("paused");
      Thread.sleep(50); // a scan in progress when paused finishes
      JsonNode p1 = d.status();
      Thread.sleep(150); // 15 intervals: a running daemon would scan meanwhile
      JsonNode p2 = d.status();
      assertThat(p2.get("state").asText()).isEqualTo("paused");
      assertThat(p2.get("scans").asLong()).isEqualTo(p1.get("scans").asLong());
      assertThat(Http.get(url + "/health").statusCode()).isEqualTo(200);

      assertThat(Http.post(url + "/resume", TOKEN).statusCode()).isEqualTo(200);
      d.awaitStatus(x -> x.get("scans").asLong() > p2.get("scans").asLong());

      HttpResponse<String> kill = Http.post(url + "/kill-switch", TOKEN);
      assertThat(kill.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(kill.body()).get("kill_switch").asBoolean()).isTrue();
      Thread.sleep(50); // a scan in progress when engaged finishes, its records dropped
      JsonNode k1 = d.awaitStatus(x -> x.at("/records/queued").asLong() == 0);
      Thread.sleep(150);
      JsonNode k2 = d.status();
      assertThat(k2.get("kill_switch").asBoolean()).isTrue();
      assertThat(k2.at("/records/written").asLong()).isEqualTo(k1.at("/records/written").asLong());
      assertThat(k2.get("scans").asLong()).isEqualTo(k1.get("scans").asLong());
      assertThat(metric(Http.get(url + "/metrics").body(), "arb_kill_switch")).isEqualTo(1.0);

      assertThat(Http.post(url + "/resume", TOKEN).statusCode()).isEqualTo(200);
      JsonNode r =
          d.awaitStatus(
              x -> x.at("/records/written").asLong() > k2.at("/records/written").asLong());
      assertThat(r.get("kill_switch").asBoolean()).isFalse();

      assertThat(Http.post(url + "/stop", "wrong-token").statusCode()).isEqualTo(403);
      HttpResponse<String> stop = Http.post(url + "/stop", TOKEN);
      assertThat(stop.statusCode()).isEqualTo(202);
      assertThat(d.awaitExit()).isEqualTo(ExitCode.OK);
      assertThat(d.out.toString()).contains("stopped (POST /stop)");
    }
  }

  @Test
  void withoutATokenControlIsOffAndBadRequestsGetPlainErrors() throws Exception {
    try (InProcessDaemon d = new InProcessDaemon(env(null), args("--interval", "10ms"))) {
      String url = d.url();
      assertThat(d.out.toString()).contains("control routes off");
      HttpResponse<String> off = Http.post(url + "/stop", "anything");
      assertThat(off.statusCode()).isEqualTo(403);
      assertThat(off.body()).contains("control routes are off");
      assertThat(Http.post(url + "/kill-switch", null).statusCode()).isEqualTo(403);

      HttpResponse<String> unknown = Http.get(url + "/admin");
      assertThat(unknown.statusCode()).isEqualTo(404);
      HttpResponse<String> method = Http.get(url + "/pause");
      assertThat(method.statusCode()).isEqualTo(405);
      assertThat(method.headers().firstValue("Allow")).contains("POST");
      assertThat(Http.post(url + "/status", null).statusCode()).isEqualTo(405);
      HttpResponse<String> big = Http.post(url + "/pause", null, "x".repeat(10_000));
      assertThat(big.statusCode()).isEqualTo(413);
      for (HttpResponse<String> r : List.of(off, unknown, method, big)) {
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
      }

      // 300 requests in flight at once: far above 50/s with a burst of 100, however slow each
      // single round trip on this machine is
      List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> inFlight =
          new java.util.ArrayList<>();
      for (int i = 0; i < 300; i++) {
        inFlight.add(Http.getAsync(url + "/health"));
      }
      int limited = 0;
      for (java.util.concurrent.CompletableFuture<HttpResponse<String>> f : inFlight) {
        HttpResponse<String> r = f.get();
        if (r.statusCode() == 429) {
          limited++;
          assertThat(r.headers().firstValue("Retry-After")).contains("1");
        } else {
          assertThat(r.statusCode()).isEqualTo(200);
        }
      }
      assertThat(limited).as("requests refused by the rate limit").isPositive();
      assertThat(d.exited()).isFalse();
    }
  }

  @Test
  void malformedSnapshotIsReportedAndTheReplayGoesOn() throws Exception {
    Path good = sampleFile(dir);
    Path broken = dir.resolve("broken.snapshot.json");
    Files.writeString(broken, "{\"format_version\": 1, \"exchanges\": [ {\"name\": ");
    Path notThere = dir.resolve("data");
    Files.createDirectories(notThere);
    try (InProcessDaemon d =
        new InProcessDaemon(
            env(TOKEN),
            args(
                "--input", good.toString(),
                "--input", broken.toString(),
                "--input", good.toString(),
                "--replay-speed", "0",
                "--interval", "10ms"))) {
      JsonNode s =
          d.awaitStatus(x -> x.get("scans").asLong() >= 2 && x.at("/data/ended").asBoolean());
      assertThat(s.get("state").asText()).isEqualTo("running");
      assertThat(s.get("scans").asLong()).isEqualTo(2);
      assertThat(s.at("/data/snapshots").asLong()).isEqualTo(2);
      assertThat(s.at("/errors/count").asLong()).isEqualTo(1);
      assertThat(s.at("/errors/last_kind").asText()).isEqualTo("input");
      assertThat(s.at("/errors/last").asText()).startsWith(broken.toString() + ": ");
      assertThat(Http.get(d.url() + "/health").statusCode()).isEqualTo(200);
      assertThat(Http.get(d.url() + "/metrics").body())
          .contains("arb_errors_total{kind=\"input\"} 1.0");
      d.signal("TERM");
      assertThat(d.awaitExit()).isEqualTo(ExitCode.OK);
      assertThat(d.out.toString()).contains("stopped (SIGTERM): 2 scans, 20 records written");
      assertThat(d.halts).isEmpty();
    }
  }

  @Test
  void badOptionsAreUsageErrorsAndNothingStarts() {
    CliRun r =
        CliRun.run(
            env(TOKEN),
            args("--input", dir.resolve("missing.json").toString(), "--replay-speed", "-1"));
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err())
        .contains("run: --input " + dir.resolve("missing.json") + " does not exist")
        .contains("run: --replay-speed must be 0 or more, got -1.0");
    assertThat(r.out()).doesNotContain("serving");
  }

  @Test
  void aSecondSignalForcesTheExitThroughTheProcessHooks() throws Exception {
    try (InProcessDaemon d =
        new InProcessDaemon(env(TOKEN), args("--loop", "--interval", "10ms"))) {
      d.awaitStatus(x -> x.get("scans").asLong() >= 1);
      d.signal("TERM");
      d.signal("INT");
      assertThat(d.halts).containsExactly(1);
      assertThat(d.awaitExit()).isEqualTo(ExitCode.OK); // in-process the halt is only recorded
    }
  }

  @Test
  void statusSaysWhenNoDaemonAnswersAndRejectsABadUrl() throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    CliRun down = CliRun.run(env(null), "status", "--url", "http://127.0.0.1:" + port);
    assertThat(down.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(down.err())
        .contains("status: cannot reach the daemon at http://127.0.0.1:" + port + "/status")
        .contains("is 'arb run' running?");
    CliRun bad = CliRun.run(env(null), "status", "--url", "ftp://somewhere");
    assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(bad.err()).contains("status: --url must be an http:// URL");
  }

  @Test
  void aWebhookThatIsNoUrlIsAConfigErrorThatDoesNotShowIt() {
    Map<String, String> e =
        Map.of("HOME", dir.toString(), "ARB_ALERT_WEBHOOK", "not a url with-secret-part");
    CliRun r = CliRun.run(e, args("--exit-at-end"));
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err())
        .contains("config: arb.alerts.webhook (env ARB_ALERT_WEBHOOK) must be an http://")
        .doesNotContain("with-secret-part");
  }
}
