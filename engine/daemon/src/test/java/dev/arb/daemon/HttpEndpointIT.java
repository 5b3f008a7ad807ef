package dev.arb.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.config.Secret;
import dev.arb.daemon.http.HttpLimits;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The endpoint's defences one by one, with short limits so that they show quickly: deadlines,
 * connection shares, making room, lanes. Real sockets on 127.0.0.1; other loopback addresses are
 * other clients.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HttpEndpointIT {
  private static final String TOKEN = "endpoint-test-token-42";

  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger slowStarted = new AtomicInteger();
  private final List<Wire> open = new ArrayList<>();
  private HttpEndpoint endpoint;

  private static HttpLimits limits(Duration head, int connections, int perClient) {
    HttpLimits d = HttpLimits.defaults();
    return new HttpLimits(
        head,
        head,
        d.writeTimeout(),
        Duration.ofMillis(500),
        d.maxRequestLine(),
        d.maxHeaderBytes(),
        connections,
        perClient,
        d.maxPipelined(),
        d.probeThreads(),
        d.readThreads(),
        d.controlThreads(),
        d.queuePerLane());
  }

  private int start(HttpLimits limits) throws IOException {
    Map<String, HttpEndpoint.Route> routes =
        Map.of(
            "/health",
            HttpEndpoint.Route.probe(q -> HttpEndpoint.Response.json(200, "{\"status\":\"ok\"}")),
            "/slow",
            new HttpEndpoint.Route(
                "GET",
                false,
                q -> {
                  slowStarted.incrementAndGet();
                  try {
                    release.await(60, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return HttpEndpoint.Response.json(200, "{}");
                }),
            "/kill-switch",
            new HttpEndpoint.Route(
                "POST", true, q -> HttpEndpoint.Response.json(200, "{\"kill_switch\":true}")));
    endpoint =
        HttpEndpoint.start("127.0.0.1", 0, routes, Optional.of(new Secret(TOKEN, "test")), limits);
    return endpoint.port();
  }

  @AfterEach
  void close() throws IOException {
    release.countDown();
    for (Wire w : open) {
      w.close();
    }
    if (endpoint != null) {
      endpoint.close();
    }
  }

  private Wire connect(int port, String source) throws IOException {
    Wire w = Wire.connect(port, source);
    open.add(w);
    return w;
  }

  private static Wire.Answer health(int port, String source) throws IOException {
    try (Wire w = Wire.connect(port, source)) {
      return w.exchange("GET /health HTTP/1.1\r\nHost: arb\r\n\r\n");
    }
  }

  private static Wire.Answer kill(int port, String source) throws IOException {
    try (Wire w = Wire.connect(port, source)) {
      return w.exchange(
          "POST /kill-switch HTTP/1.1\r\nHost: arb\r\nContent-Length: 0\r\n"
              + "Authorization: Bearer "
              + TOKEN
              + "\r\n\r\n");
    }
  }

  @Test
  void aHeadNotCompleteInTimeIsAnswered408AndClosed() throws Exception {
    int port = start(limits(Duration.ofSeconds(1), 64, 8));
    Wire slow = connect(port, "127.0.0.1").send("GET /health HTTP/1.1\r\nHost: arb\r\nX-Slow: a");
    Wire.Answer a = slow.read();
    assertThat(a.status()).isEqualTo(408);
    assertThat(a.body()).startsWith("{\"error\":\"request head not complete within 1 s");
    assertThat(slow.closedByServer()).isTrue();
    // a connection that sends nothing is closed without a word
    Wire idle = connect(port, "127.0.0.1");
    assertThat(idle.closedByServer()).isTrue();
  }

  @Test
  void aBodyNotCompleteInTimeIsAnswered408() throws Exception {
    int port = start(limits(Duration.ofSeconds(1), 64, 8));
    Wire slow =
        connect(port, "127.0.0.1")
            .send(
                "POST /kill-switch HTTP/1.1\r\nHost: arb\r\nContent-Length: 100\r\n"
                    + "Authorization: Bearer "
                    + TOKEN
                    + "\r\n\r\n{\"a\":");
    Wire.Answer a = slow.read();
    assertThat(a.status()).isEqualTo(408);
    assertThat(a.body()).contains("request body not complete within 1 s");
  }

  @Test
  void connectionsOverAClientsShareAreAnswered429WhileOthersAreServed() throws Exception {
    int port = start(limits(Duration.ofSeconds(30), 64, 3));
    for (int i = 0; i < 3; i++) {
      connect(port, "127.0.0.5");
    }
    Wire fourth = connect(port, "127.0.0.5");
    Wire.Answer over = fourth.exchange("GET /health HTTP/1.1\r\nHost: arb\r\n\r\n");
    assertThat(over.status()).isEqualTo(429);
    assertThat(over.head()).contains("Retry-After: 1");
    assertThat(over.body()).contains("too many connections from your address; at most 3");
    assertThat(fourth.closedByServer()).isTrue();
    assertThat(health(port, "127.0.0.6").status()).isEqualTo(200);
    assertThat(kill(port, "127.0.0.6").status()).isEqualTo(200);
  }

  @Test
  void whenFullTheLongestWaitingConnectionMakesRoom() throws Exception {
    int port = start(limits(Duration.ofSeconds(30), 8, 2));
    List<Wire> idle = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      idle.add(connect(port, "127.0.1." + (i + 1)).send("GET /health HTTP/1.1\r\nX-Slow: a"));
    }
    Thread.sleep(200); // all eight are in the table
    assertThat(health(port, "127.0.0.1").status()).isEqualTo(200);
    assertThat(idle.get(0).closedByServer()).as("the first, longest waiting").isTrue();
    assertThat(kill(port, "127.0.0.1").status()).isEqualTo(200);
  }

  @Test
  void blockedReadHandlersDelayNeitherProbesNorControl() throws Exception {
    int port = start(limits(Duration.ofSeconds(30), 256, 16));
    HttpLimits d = HttpLimits.defaults();
    int fill = d.readThreads() + d.queuePerLane();
    for (int i = 0; i < fill; i++) {
      connect(port, "127.0.2." + (i / 8 + 1)).send("GET /slow HTTP/1.1\r\nHost: arb\r\n\r\n");
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (slowStarted.get() < d.readThreads() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(slowStarted.get()).isEqualTo(d.readThreads());
    // the read lane is full: one more read is refused at once, probes and control are served
    Wire.Answer more;
    try (Wire w = Wire.connect(port, "127.0.0.7")) {
      more = w.exchange("GET /slow HTTP/1.1\r\nHost: arb\r\n\r\n");
    }
    assertThat(more.status()).isEqualTo(503);
    assertThat(more.body()).contains("busy");
    assertThat(health(port, "127.0.0.1").status()).isEqualTo(200);
    Wire.Answer k = kill(port, "127.0.0.1");
    assertThat(k.status()).isEqualTo(200);
    assertThat(k.body()).isEqualTo("{\"kill_switch\":true}");
    release.countDown();
    Wire.Answer first = open.get(0).read();
    assertThat(first.status()).isEqualTo(200);
  }
}
