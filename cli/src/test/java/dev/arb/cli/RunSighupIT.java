package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGHUP to {@code arb run} as a real child process: it keeps running, reloads what can change
 * while running (visible in {@code /status} and the log), keeps the running configuration when the
 * file has problems, and still stops cleanly on SIGTERM.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RunSighupIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void sighupReloadsTheConfigurationAndSigtermStillStopsCleanly() throws Exception {
    Path conf = dir.resolve("arb.conf");
    Files.writeString(conf, "arb.alerts.min-profit-bp = 10\narb.risk.max-trade-notional = 1000\n");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path stdout = dir.resolve("stdout.txt");
    Path stderr = dir.resolve("stderr.txt");
    ProcessBuilder pb =
        new ProcessBuilder(
                java.toString(),
                "-Xmx256m",
                "-cp",
                RunProcessIT.testClassPath(),
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
                "50ms",
                "--dry-run")
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("ARB_"));
    Process child = pb.start();
    try {
      String url = RunProcessIT.awaitUrl(stdout, child, stderr);
      JsonNode before = status(url);
      assertThat(before.at("/config/alert_min_profit_bp").asDouble()).isEqualTo(10.0);
      assertThat(before.at("/config/risk/max_trade_notional").asText()).isEqualTo("1000");
      assertThat(before.at("/config/log_level").asText()).isEqualTo("INFO");
      assertThat(before.at("/config/reloads").asLong()).isZero();

      Files.writeString(
          conf,
          "arb.alerts.min-profit-bp = 25\n"
              + "arb.risk.max-trade-notional = 500\n"
              + "arb.logging.level = DEBUG\n"
              + "arb.http.port = 18999\n");
      RunProcessIT.signal(child, "HUP");
      JsonNode reloaded = await(url, child, stderr, s -> s.at("/config/reloads").asLong() == 1);
      assertThat(reloaded.get("state").asText()).isEqualTo("running");
      assertThat(reloaded.at("/config/alert_min_profit_bp").asDouble()).isEqualTo(25.0);
      assertThat(reloaded.at("/config/risk/max_trade_notional").asText()).isEqualTo("500");
      assertThat(reloaded.at("/config/log_level").asText()).isEqualTo("DEBUG");
      assertThat(reloaded.at("/config/last_reload_error").isNull()).isTrue();
      assertThat(reloaded.at("/config/restart_needed_for").toString()).contains("arb.http");
      assertThat(Files.readString(stderr))
          .contains(
              "SIGHUP: configuration reloaded: arb.risk.max-trade-notional 1000 -> 500;"
                  + " arb.alerts.min-profit-bp 10.0 -> 25.0; arb.logging.level INFO -> DEBUG;"
                  + " changed but applied only at the next start: arb.http");

      // a file with problems changes nothing, and says why
      Files.writeString(conf, "arb.alerts.min-profit-bp = lots\narb.logging.level = WARN\n");
      RunProcessIT.signal(child, "HUP");
      JsonNode kept = await(url, child, stderr, s -> s.at("/config/reload_failures").asLong() == 1);
      assertThat(kept.at("/config/reloads").asLong()).isEqualTo(1);
      assertThat(kept.at("/config/last_reload_error").asText()).contains("min-profit-bp");
      assertThat(kept.at("/config/alert_min_profit_bp").asDouble()).isEqualTo(25.0);
      assertThat(kept.at("/config/log_level").asText()).isEqualTo("DEBUG");
      assertThat(Http.get(url + "/health").statusCode()).isEqualTo(200);
      String err = Files.readString(stderr);
      assertThat(err)
          .contains("SIGHUP: configuration not reloaded, the running one is kept: ")
          // the DEBUG level took effect: the reload's own debug line is in the log
          .containsPattern(
              "DEBUG +ConfigLoader\\S* - config: file " + Pattern.quote(conf.toString()));

      child.destroy(); // SIGTERM
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).as("stderr: %s", Files.readString(stderr)).isZero();
    } finally {
      child.destroyForcibly();
    }
    List<String> lines = Files.readAllLines(stdout);
    assertThat(lines.get(lines.size() - 1)).contains("arb run: stopped (SIGTERM): ");
  }

  private static JsonNode status(String url) throws Exception {
    return JSON.readTree(Http.get(url + "/status").body());
  }

  private static JsonNode await(String url, Process child, Path stderr, Predicate<JsonNode> ok)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      if (!child.isAlive()) {
        throw new AssertionError(
            "the daemon ended with status " + child.exitValue() + "; " + Files.readString(stderr));
      }
      JsonNode s;
      try {
        s = status(url);
      } catch (IOException e) {
        // the endpoint is gone: say how the process ended
        boolean ended = child.waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError(
            (ended ? "the daemon ended with status " + child.exitValue() : "no answer")
                + "; "
                + Files.readString(stderr),
            e);
      }
      if (ok.test(s)) {
        return s;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no reload seen: " + s.get("config"));
      }
      Thread.sleep(50);
    }
  }
}
