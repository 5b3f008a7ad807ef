package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chat control of {@code arb run} against a stand-in of the Telegram Bot API on loopback: the
 * allowed chat pauses, resumes and flips the kill switch (seen in the daemon's {@code /status});
 * any other chat changes nothing and gets no answer; an unknown command gets the help; a Bot API
 * that answers 500 or garbage does not stop the daemon; the token is never in the log or in {@code
 * /status}.
 */
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TelegramChatIT {
  private static final String TOKEN = "7000111222:AAFakeTokenForTheStandIn_xyz-0123456789";
  private static final long OPERATOR = 424242L;
  private static final long STRANGER = 999001L;

  @TempDir Path dir;

  private InProcessDaemon daemon(BotApiStandIn api, String token) throws Exception {
    Path conf = dir.resolve("arb.conf");
    Files.writeString(
        conf,
        "arb.chat.telegram { enabled = true, api-url = \""
            + api.url()
            + "\", allowed-chats = ["
            + OPERATOR
            + ", -100123], poll-timeout = 1s }\n");
    Map<String, String> env =
        Map.of("HOME", dir.toString(), "ARB_HTTP_TOKEN", "t", "ARB_TELEGRAM_TOKEN", token);
    return new InProcessDaemon(
        env,
        "--config",
        conf.toString(),
        "--data-dir",
        dir.resolve("data").toString(),
        "-v",
        "run",
        "--http-port",
        "0",
        "--input",
        RunCommandIT.sampleFile(dir).toString(),
        "--loop",
        "--interval",
        "50ms");
  }

  private static String reply(List<BotApiStandIn.Sent> sent, int i) {
    assertThat(sent).hasSizeGreaterThan(i);
    assertThat(sent.get(i).chatId()).isEqualTo(OPERATOR);
    return sent.get(i).text();
  }

  @Test
  void allowedChatControlsTheDaemonAndAStrangerIsIgnored() throws Exception {
    try (BotApiStandIn api = new BotApiStandIn(TOKEN);
        InProcessDaemon d = daemon(api, TOKEN)) {
      JsonNode s = d.awaitStatus(x -> x.at("/chat/polls").asLong() >= 1);
      assertThat(s.at("/chat/enabled").asBoolean()).isTrue();
      assertThat(s.at("/chat/service").asText()).isEqualTo("telegram");
      assertThat(s.at("/chat/allowed_chats").asInt()).isEqualTo(2);
      assertThat(s.at("/chat/last_poll_age_seconds").asDouble()).isBetween(0.0, 30.0);

      // a stranger first: no effect, no answer
      api.message(STRANGER, "/kill_on stranger-words-never-logged");
      api.message(OPERATOR, "/pause");
      s = d.awaitStatus(x -> x.get("state").asText().equals("paused"));
      assertThat(s.get("kill_switch").asBoolean()).isFalse();
      List<BotApiStandIn.Sent> sent = api.awaitSent(1);
      assertThat(reply(sent, 0)).startsWith("Done: paused");
      s = d.awaitStatus(x -> x.at("/chat/commands").asLong() == 1);
      assertThat(s.at("/chat/ignored").asLong()).isEqualTo(1);

      api.message(OPERATOR, "/status@arb_test_bot");
      assertThat(reply(api.awaitSent(2), 1)).startsWith("arb is paused, kill switch off");

      api.message(OPERATOR, "/frobnicate now");
      String help = reply(api.awaitSent(3), 2);
      assertThat(help).startsWith("Unknown command.").contains("/pause", "/resume", "/kill_on");

      api.message(OPERATOR, "/killswitch on");
      s = d.awaitStatus(x -> x.get("kill_switch").asBoolean());
      assertThat(reply(api.awaitSent(4), 3)).startsWith("Done: kill switch ON");

      api.message(OPERATOR, "/kill_off");
      s = d.awaitStatus(x -> !x.get("kill_switch").asBoolean());
      assertThat(s.get("state").asText()).isEqualTo("running");
      assertThat(reply(api.awaitSent(5), 4)).startsWith("Done: kill switch off; running");

      api.message(OPERATOR, "/resume");
      assertThat(reply(api.awaitSent(6), 5)).startsWith("Already so: running");

      // five commands carried out (the unknown one got the help), the stranger ignored
      CliRun st = CliRun.run(Map.of("HOME", dir.toString()), "status", "--url", d.url());
      assertThat(st.exitCode()).isEqualTo(ExitCode.OK);
      assertThat(st.out())
          .containsPattern(
              "chat: +telegram, last poll [0-9.]+ s ago, 5 commands, 1 ignored," + " no errors");
      assertThat(api.sent()).allMatch(m -> m.chatId() == OPERATOR);
      assertThat(api.wrongToken()).isZero();
      String status = Http.get(d.url() + "/status").body();
      d.signal("TERM");
      assertThat(d.awaitExit()).isEqualTo(ExitCode.OK);
      String log = d.err.toString();
      assertThat(log)
          .contains("chat control on")
          .contains("ignored a message from chat " + STRANGER)
          .contains("pause via chat: done")
          .doesNotContain("stranger-words-never-logged");
      assertThat(log + d.out + status).doesNotContain(TOKEN).doesNotContain("AAFakeToken");
    }
  }

  @Test
  void botApiAnswering500OrGarbageDoesNotStopTheDaemon() throws Exception {
    try (BotApiStandIn api = new BotApiStandIn(TOKEN)) {
      api.fail500(2);
      api.failGarbage(1);
      try (InProcessDaemon d = daemon(api, TOKEN)) {
        JsonNode s = d.awaitStatus(x -> x.at("/chat/errors").asLong() >= 3);
        long scans = s.get("scans").asLong();
        assertThat(s.get("state").asText()).isEqualTo("running");
        assertThat(s.at("/chat/last_error").asText()).startsWith("getUpdates: ");
        // the bot comes back: its next poll is answered and a command is carried out
        api.message(OPERATOR, "/pause");
        s = d.awaitStatus(x -> x.get("state").asText().equals("paused"));
        assertThat(s.get("scans").asLong()).isGreaterThan(scans);
        assertThat(s.at("/chat/errors").asLong()).isEqualTo(3);
        assertThat(s.at("/chat/retry_in_seconds").isNull()).isTrue();
        String status = Http.get(d.url() + "/status").body();
        d.signal("TERM");
        assertThat(d.awaitExit()).isEqualTo(ExitCode.OK);
        String log = d.err.toString();
        assertThat(log)
            .contains("chat: getUpdates: HTTP 500 from 127.0.0.1:")
            .contains("HTTP 200 from 127.0.0.1:")
            .contains("trying again in 1s")
            .contains("trying again in 2s");
        assertThat(log + d.out + status).doesNotContain(TOKEN).doesNotContain("AAFakeToken");
      }
    }
  }

  @Test
  void aMalformedTokenIsRefusedBeforeStartWithoutShowingIt() throws Exception {
    String bad = "not a token but a pasted-secret";
    try (BotApiStandIn api = new BotApiStandIn(TOKEN);
        InProcessDaemon d = daemon(api, bad)) {
      assertThat(d.awaitExit()).isEqualTo(ExitCode.USAGE);
      assertThat(d.err.toString())
          .contains("arb.chat.telegram.token (env ARB_TELEGRAM_TOKEN) is not a bot token")
          .doesNotContain("pasted-secret");
      assertThat(api.polls()).isZero();
    }
  }
}
