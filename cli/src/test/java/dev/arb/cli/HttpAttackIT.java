package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's HTTP endpoint under attack, on real sockets on 127.0.0.1 (other loopback addresses,
 * 127.0.0.2 and up, are other clients): slow clients, floods, malformed framing. Every wait is
 * bounded by {@link RawHttp#HANG_GUARD_MS}: the endpoint must answer, however long it takes here.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HttpAttackIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = RunCommandIT.TOKEN;

  /** What a Java class name, an exception or a stack frame looks like in an answer. */
  static final Pattern JAVA_INTERNALS =
      Pattern.compile(
          "Exception|Error:|\\bthrown\\b|java\\.|javax\\.|sun\\.|io\\.netty|\\bat [a-z]+\\.[a-z]"
              + "|\\b[a-z]+\\.[a-z]+\\.[A-Z][A-Za-z]+");

  @TempDir Path dir;

  private InProcessDaemon daemon() {
    return new InProcessDaemon(
        Map.of("HOME", dir.toString(), "ARB_HTTP_TOKEN", TOKEN),
        "--data-dir",
        dir.resolve("data").toString(),
        "run",
        "--http-port",
        "0",
        "--loop",
        "--interval",
        "50ms");
  }

  private static RawHttp.Answer get(String url, String source, String path) throws IOException {
    try (RawHttp c = RawHttp.connect(url, source)) {
      return c.exchange("GET " + path + " HTTP/1.1\r\nHost: arb\r\nConnection: close\r\n\r\n");
    }
  }

  private static RawHttp.Answer post(String url, String source, String path, String token)
      throws IOException {
    try (RawHttp c = RawHttp.connect(url, source)) {
      return c.exchange(
          "POST "
              + path
              + " HTTP/1.1\r\nHost: arb\r\nConnection: close\r\nContent-Length: 0\r\n"
              + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
              + "\r\n");
    }
  }

  /** {@code /health} and an authenticated {@code POST /kill-switch} answer, from {@code source}. */
  private static void operatorIsServed(String url, String source) throws IOException {
    RawHttp.Answer health = get(url, source, "/health");
    assertThat(health.status()).as(health.raw()).isEqualTo(200);
    assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("ok");
    RawHttp.Answer kill = post(url, source, "/kill-switch", TOKEN);
    assertThat(kill.status()).as(kill.raw()).isEqualTo(200);
    assertThat(JSON.readTree(kill.body()).get("kill_switch").asBoolean()).isTrue();
    RawHttp.Answer resume = post(url, source, "/resume", TOKEN);
    assertThat(resume.status()).as(resume.raw()).isEqualTo(200);
  }

  @Test
  void slowHeadersAndSlowBodiesOnSeveralConnectionsDoNotStopHealthOrTheKillSwitch()
      throws Exception {
    try (InProcessDaemon d = daemon()) {
      String url = d.url();
      try (SlowClients slow =
          SlowClients.against(url, 500)
              .add("127.0.0.1", 3, SlowClients.slowHead("/health"))
              .add("127.0.0.1", 2, SlowClients.slowBody("GET", "/status", 2000))
              .add("127.0.0.1", 2, SlowClients.slowBody("POST", "/pause", 2000))
              .start()) {
        Thread.sleep(1000); // every slow connection has started its request
        operatorIsServed(url, "127.0.0.1");
        operatorIsServed(url, "127.0.0.1");
      }
    }
  }

  @Test
  void slowClientsFromManyAddressesDoNotStopTheOperator() throws Exception {
    try (InProcessDaemon d = daemon()) {
      String url = d.url();
      SlowClients attack = SlowClients.against(url, 1000);
      for (int a = 2; a < 42; a++) {
        attack.add("127.0.0." + a, 8, SlowClients.slowHead("/status"));
        attack.add("127.0.0." + a, 8, SlowClients.slowBody("GET", "/opportunities", 4000));
      }
      try (SlowClients slow = attack.start()) {
        Thread.sleep(1000);
        operatorIsServed(url, "127.0.0.1");
        // the slow clients outlive the request timeouts, and come back when closed
        Thread.sleep(15_000);
        operatorIsServed(url, "127.0.0.1");
        assertThat(slow.closedByServer())
            .as("slow connections closed by the server (%d opened)", slow.opened())
            .isPositive();
      }
    }
  }

  @Test
  void oneClientGetsOnlyItsShareOfConnections() throws Exception {
    try (InProcessDaemon d = daemon()) {
      String url = d.url();
      List<RawHttp> idle = new ArrayList<>();
      try {
        int refused = 0;
        for (int i = 0; i < 64; i++) {
          RawHttp c = RawHttp.connect(url, "127.0.0.9");
          idle.add(c);
        }
        // each of them now asks for /health: those over the client's share are turned away
        for (RawHttp c : idle) {
          RawHttp.Answer a;
          try {
            a = c.exchange("GET /health HTTP/1.1\r\nHost: arb\r\n\r\n");
          } catch (IOException closed) {
            refused++;
            continue;
          }
          if (a.status() == 429) {
            refused++;
            assertThat(JSON.readTree(a.body()).get("error").asText()).contains("connections");
          } else {
            assertThat(a.status()).as(a.raw()).isEqualTo(200);
          }
        }
        assertThat(refused).as("connections over one client's share").isPositive();
        operatorIsServed(url, "127.0.0.1");
      } finally {
        idle.forEach(RawHttp::close);
      }
    }
  }

  @Test
  void aFloodOfAnonymousRequestsDoesNotLockTheOperatorOut() throws Exception {
    try (InProcessDaemon d = daemon()) {
      String url = d.url();
      int limited = 0;
      int sent = 0;
      try (RawHttp c = RawHttp.connect(url, "127.0.0.1")) {
        while (sent < 2000) {
          RawHttp.Answer a = c.exchange("GET /health HTTP/1.1\r\nHost: arb\r\n\r\n");
          sent++;
          if (a.status() == 429) {
            limited++;
            assertThat(a.header("Retry-After")).isEqualTo("1");
          } else {
            assertThat(a.status()).as(a.raw()).isEqualTo(200);
          }
        }
      }
      assertThat(limited).as("anonymous requests refused by the rate limit").isPositive();

      // the operator, on the same address, with the token: its own budget
      RawHttp.Answer pause = post(url, "127.0.0.1", "/pause", TOKEN);
      assertThat(pause.status()).as(pause.raw()).isEqualTo(200);
      assertThat(JSON.readTree(pause.body()).get("state").asText()).isEqualTo("paused");
      // another client is not limited by the first one's flood
      assertThat(get(url, "127.0.0.2", "/health").status()).isEqualTo(200);

      // wrong tokens count against the client: guessing is soon answered 429, not 403
      int guessesRefused = 0;
      int guesses = 0;
      try (RawHttp c = RawHttp.connect(url, "127.0.0.3")) {
        while (guesses < 300 && guessesRefused == 0) {
          RawHttp.Answer a =
              c.exchange(
                  "POST /resume HTTP/1.1\r\nHost: arb\r\nContent-Length: 0\r\n"
                      + "Authorization: Bearer guess-"
                      + guesses
                      + "\r\n\r\n");
          guesses++;
          if (a.status() == 429) {
            guessesRefused++;
          } else {
            assertThat(a.status()).as(a.raw()).isEqualTo(403);
          }
        }
      }
      assertThat(guessesRefused).as("wrong tokens refused by the limit after %d", guesses).isOne();
      assertThat(d.status().get("state").asText()).isEqualTo("paused");
      // the operator from that same address still gets in
      RawHttp.Answer resume = post(url, "127.0.0.3", "/resume", TOKEN);
      assertThat(resume.status()).as(resume.raw()).isEqualTo(200);
      assertThat(JSON.readTree(resume.body()).get("state").asText()).isEqualTo("running");
    }
  }

  /** A malformed request, and the status it must get. */
  private record Bad(String name, String request, int status) {}

  private static final List<Bad> MALFORMED =
      List.of(
          new Bad(
              "Content-Length not a number",
              "POST /pause HTTP/1.1\r\nHost: arb\r\nContent-Length: abc\r\n\r\n",
              400),
          new Bad(
              "negative Content-Length",
              "POST /pause HTTP/1.1\r\nHost: arb\r\nContent-Length: -5\r\n\r\n",
              400),
          new Bad(
              "two different Content-Length",
              "POST /pause HTTP/1.1\r\nHost: arb\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
              400),
          new Bad(
              "Content-Length and chunked",
              "POST /pause HTTP/1.1\r\nHost: arb\r\nContent-Length: 4\r\n"
                  + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
              400),
          new Bad(
              "chunk size not hexadecimal",
              "GET /status HTTP/1.1\r\nHost: arb\r\nTransfer-Encoding: chunked\r\n\r\n"
                  + "zz\r\nhello\r\n0\r\n\r\n",
              400),
          new Bad(
              "chunk size not hexadecimal, with the token",
              "POST /pause HTTP/1.1\r\nHost: arb\r\nTransfer-Encoding: chunked\r\n"
                  + "Authorization: Bearer "
                  + TOKEN
                  + "\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
              400),
          new Bad(
              "bad percent-encoding in the query",
              "GET /opportunities?exchange=%zz HTTP/1.1\r\nHost: arb\r\n\r\n",
              400),
          new Bad(
              "bad percent-encoding in the path",
              "GET /heal%zzth HTTP/1.1\r\nHost: arb\r\n\r\n",
              400),
          new Bad(
              "oversize header",
              "GET /health HTTP/1.1\r\nHost: arb\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n",
              431),
          new Bad(
              "too many headers",
              "GET /health HTTP/1.1\r\nHost: arb\r\n" + "X-H: 1\r\n".repeat(2000) + "\r\n",
              431),
          new Bad(
              "oversize request line",
              "GET /health?" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: arb\r\n\r\n",
              414),
          new Bad(
              "oversize body (declared)",
              "POST /pause HTTP/1.1\r\nHost: arb\r\nContent-Length: 100000\r\n\r\n"
                  + "x".repeat(1000),
              413),
          new Bad(
              "oversize body (chunked)",
              "POST /pause HTTP/1.1\r\nHost: arb\r\nTransfer-Encoding: chunked\r\n"
                  + "Authorization: Bearer "
                  + TOKEN
                  + "\r\n\r\n"
                  + ("1000\r\n" + "x".repeat(4096) + "\r\n").repeat(3)
                  + "0\r\n\r\n",
              413),
          new Bad("HTTP/0.9 request", "GET /health\r\n\r\n", 400),
          new Bad("request line with no version", "GET /health \r\nHost: arb\r\n\r\n", 400),
          new Bad(
              "garbage",
              "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u01fc\u0003\u0003\r\n\r\n",
              400),
          new Bad("header without a colon", "GET /health HTTP/1.1\r\nHost arb\r\n\r\n", 400),
          new Bad(
              "unknown transfer coding",
              "POST /pause HTTP/1.1\r\nHost: arb\r\nTransfer-Encoding: gzip\r\n\r\n",
              501),
          new Bad("unsupported HTTP version", "GET /health HTTP/3.0\r\nHost: arb\r\n\r\n", 505));

  @Test
  void malformedRequestsGetArbsJsonErrorAndNoJavaInternals() throws Exception {
    try (InProcessDaemon d = daemon()) {
      String url = d.url();
      List<String> wrong = new ArrayList<>();
      for (Bad bad : MALFORMED) {
        RawHttp.Answer a;
        try (RawHttp c = RawHttp.connect(url, "127.0.0.1")) {
          a = c.exchange(bad.request());
        } catch (IOException e) {
          wrong.add(bad.name() + ": no answer (" + e.getMessage() + ")");
          continue;
        }
        JsonNode body;
        try {
          body = JSON.readTree(a.body());
        } catch (IOException e) {
          body = null;
        }
        if (a.status() != bad.status()
            || body == null
            || !body.path("error").isTextual()
            || !String.valueOf(a.header("Content-Type")).startsWith("application/json")
            || JAVA_INTERNALS.matcher(a.raw()).find()) {
          wrong.add(bad.name() + " (want " + bad.status() + "): " + a.raw());
        }
      }
      assertThat(wrong).as("malformed requests answered wrongly").isEmpty();
      // and the endpoint still serves
      operatorIsServed(url, "127.0.0.1");
    }
  }
}
