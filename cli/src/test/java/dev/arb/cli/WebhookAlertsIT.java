package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's webhook alerts against a receiver on loopback, alive and dead. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WebhookAlertsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HOOK_SECRET = "T000-hook-secret-B111";

  @TempDir Path dir;

  private HttpServer receiver;
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final AtomicInteger arrived = new AtomicInteger();
  private final AtomicInteger answered = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);

  /** Starts the receiver; a dead one takes requests and never answers until the test ends. */
  private String startReceiver(boolean dead) throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    receiver.createContext(
        "/hook",
        x -> {
          arrived.incrementAndGet();
          String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          if (dead) {
            try {
              release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          bodies.add(body);
          answered.incrementAndGet();
          x.sendResponseHeaders(204, -1);
          x.close();
        });
    receiver.setExecutor(Executors.newCachedThreadPool());
    receiver.start();
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook?token=" + HOOK_SECRET;
  }

  @AfterEach
  void stopReceiver() {
    release.countDown();
    if (receiver != null) {
      receiver.stop(0);
    }
  }

  private Path config(String alerts) throws Exception {
    Path f = dir.resolve("arb.conf");
    Files.writeString(f, "arb.alerts { " + alerts + " }\n");
    return f;
  }

  @Test
  void receiverGetsStartOpportunityErrorAndStopInOrderWithoutTheUrlInTheLog() throws Exception {
    String hook = startReceiver(false);
    Path good = RunCommandIT.sampleFile(dir);
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{\"format_version\": 1, \"exchanges\": [");
    Map<String, String> env =
        Map.of("HOME", dir.toString(), "ARB_HTTP_TOKEN", "t", "ARB_ALERT_WEBHOOK", hook);
    InProcessDaemon d =
        new InProcessDaemon(
            env,
            "--config",
            config("min-profit-bp = 0, timeout = 2s").toString(),
            "--data-dir",
            dir.resolve("data").toString(),
            "-v",
            "run",
            "--http-port",
            "0",
            "--input",
            good.toString(),
            "--input",
            broken.toString(),
            "--input",
            good.toString(),
            "--replay-speed",
            "0",
            "--interval",
            "10ms",
            "--exit-at-end");
    try (d) {
      assertThat(d.awaitExit()).isEqualTo(ExitCode.OK);
    }
    List<JsonNode> alerts = bodies.stream().map(WebhookAlertsIT::parse).toList();
    List<String> events = alerts.stream().map(a -> a.get("event").asText()).toList();
    assertThat(events.get(0)).isEqualTo("daemon_started");
    assertThat(events.get(events.size() - 1)).isEqualTo("daemon_stopped");
    int firstError = events.indexOf("error");
    assertThat(events.lastIndexOf("error")).isEqualTo(firstError);
    // the first scan alerts its cycles; the second finds the same ones and stays quiet
    assertThat(events.subList(1, firstError)).isNotEmpty().allMatch("opportunity"::equals);
    assertThat(events).hasSize(firstError + 2);
    JsonNode error = alerts.get(firstError);
    assertThat(error.get("text").asText()).startsWith("input: " + broken + ": ");
    assertThat(error.get("severity").asText()).isEqualTo("warning");
    JsonNode opp = alerts.get(1);
    assertThat(opp.at("/fields/exchanges").asText()).isEqualTo("binanceus");
    assertThat(Double.parseDouble(opp.at("/fields/return_bp").asText())).isGreaterThanOrEqualTo(0);
    assertThat(alerts.get(events.size() - 1).get("text").asText())
        .contains("end of input")
        .contains("2 scans, 20 records");
    assertThat(d.out.toString() + d.err.toString()).doesNotContain(HOOK_SECRET);
  }

  @Test
  void deadWebhookDoesNotSlowScanning() throws Exception {
    String hook = startReceiver(true);
    Map<String, String> env =
        Map.of("HOME", dir.toString(), "ARB_HTTP_TOKEN", "t", "ARB_ALERT_WEBHOOK", hook);
    try (InProcessDaemon d =
        new InProcessDaemon(
            env,
            "--config",
            config("min-profit-bp = 0, timeout = 20s, format = slack").toString(),
            "--data-dir",
            dir.resolve("data").toString(),
            "run",
            "--http-port",
            "0",
            "--loop",
            "--interval",
            "5ms")) {
      d.url();
      // the first alert is stuck in the receiver for the whole test...
      JsonNode s = d.awaitStatus(x -> x.get("scans").asLong() >= 100);
      // ... while the scans went on: 100 scans, 1000 records, not one alert answered
      assertThat(arrived.get()).isEqualTo(1);
      assertThat(answered.get()).isZero();
      assertThat(s.at("/errors/count").asLong()).isZero();
      assertThat(s.get("opportunities_found").asLong()).isGreaterThanOrEqualTo(1000);
      d.signal("TERM");
      assertThat(d.awaitExit()).isEqualTo(ExitCode.OK);
      assertThat(d.out.toString()).containsPattern("stopped \\(SIGTERM\\): \\d+ scans");
      assertThat(d.halts).isEmpty();
    }
    release.countDown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (bodies.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(parse(bodies.get(0)).get("text").asText()).startsWith("[arb] INFO daemon_started: ");
  }

  private static JsonNode parse(String s) {
    try {
      return JSON.readTree(s);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + s, e);
    }
  }
}
