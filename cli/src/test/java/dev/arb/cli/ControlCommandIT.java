package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code arb pause|resume|kill-switch on|off|stop} against a real daemon ({@code arb run} in this
 * JVM): each changes what {@code /status} says; the token comes from the daemon's variable; a wrong
 * or missing token and a daemon that does not answer are errors for people with their exit codes.
 */
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ControlCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "control-token-0123456789";

  @TempDir Path dir;

  private Map<String, String> env(String token) {
    return token == null
        ? Map.of("HOME", dir.toString())
        : Map.of("HOME", dir.toString(), "ARB_HTTP_TOKEN", token);
  }

  private InProcessDaemon daemon() {
    return LoopingDaemon.start(env(TOKEN), dir.resolve("data"), "10ms");
  }

  @Test
  void pauseResumeKillSwitchAndStopChangeWhatStatusSays() throws Exception {
    try (InProcessDaemon d = daemon()) {
      String url = d.url();
      d.awaitStatus(x -> x.get("scans").asLong() >= 1);

      CliRun pause = CliRun.run(env(TOKEN), "pause", "--url", url);
      assertThat(pause.exitCode()).as(pause.err()).isEqualTo(ExitCode.OK);
      assertThat(pause.out()).contains("paused (state paused, kill switch off)");
      assertThat(d.status().get("state").asText()).isEqualTo("paused");
      CliRun again = CliRun.run(env(TOKEN), "pause", "--url", url);
      assertThat(again.out()).contains("already paused");

      CliRun resume = CliRun.run(env(TOKEN), "resume", "--url", url, "--json");
      assertThat(resume.exitCode()).as(resume.err()).isEqualTo(ExitCode.OK);
      JsonNode r = JSON.readTree(resume.out());
      assertThat(r.get("state").asText()).isEqualTo("running");
      assertThat(r.get("kill_switch").asBoolean()).isFalse();
      assertThat(r.get("changed").asBoolean()).isTrue();
      assertThat(d.status().get("state").asText()).isEqualTo("running");

      // the address from the config file, as arb.http has it
      int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
      Path conf =
          Files.writeString(
              dir.resolve("arb.conf"), "arb.http { host = \"0.0.0.0\", port = " + port + " }\n");
      CliRun on = CliRun.run(env(TOKEN), "--config", conf.toString(), "kill-switch", "on");
      assertThat(on.exitCode()).as(on.err()).isEqualTo(ExitCode.OK);
      assertThat(on.out()).contains("kill switch on (state running, kill switch on)");
      assertThat(d.status().get("kill_switch").asBoolean()).isTrue();

      CliRun off = CliRun.run(env(TOKEN), "kill-switch", "off", "--url", url);
      assertThat(off.exitCode()).as(off.err()).isEqualTo(ExitCode.OK);
      assertThat(off.out()).contains("kill switch off");
      assertThat(d.status().get("kill_switch").asBoolean()).isFalse();

      CliRun bad = CliRun.run(env(TOKEN), "kill-switch", "maybe", "--url", url);
      assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
      assertThat(bad.err()).contains("maybe");

      CliRun wrong = CliRun.run(env("not-the-token"), "pause", "--url", url);
      assertThat(wrong.exitCode()).isEqualTo(ExitCode.USAGE);
      assertThat(wrong.err())
          .contains("rejected the token from env ARB_HTTP_TOKEN")
          .doesNotContain("not-the-token");
      CliRun missing = CliRun.run(env(null), "pause", "--url", url);
      assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
      assertThat(missing.err()).contains("no control token: set ARB_HTTP_TOKEN");
      assertThat(d.status().get("state").asText()).isEqualTo("running");

      CliRun stop = CliRun.run(env(TOKEN), "stop", "--url", url);
      assertThat(stop.exitCode()).as(stop.err()).isEqualTo(ExitCode.OK);
      assertThat(stop.out()).contains("stopping");
      assertThat(d.awaitExit()).isEqualTo(ExitCode.OK);
      assertThat(d.out.toString()).contains("stopped (POST /stop)");
    }
  }

  @Test
  void noDaemonAnsweringIsAFailureThatSaysWhereItLooked() throws Exception {
    String url = LoopingDaemon.urlWithNothingListening();
    CliRun r = CliRun.run(env(TOKEN), "resume", "--url", url);
    assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(r.err())
        .contains("no arb daemon answers at " + url + " — is `arb run` running?")
        .doesNotContain("Exception");
    CliRun notUrl = CliRun.run(env(TOKEN), "stop", "--url", "ftp:/x");
    assertThat(notUrl.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(notUrl.err()).contains("--url must be an http:// URL");
  }
}
