package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code arb run} on live exchanges: two WireMock stand-ins serving recorded Bitstamp and Kraken
 * bodies on 127.0.0.1, a webhook receiver on loopback.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LiveRunIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  WireMockServer bitstamp;
  WireMockServer kraken;
  HttpServer receiver;
  final List<JsonNode> alerts = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    // the recorded Bitstamp and Kraken bodies of LiveScanIT
    bitstamp = LiveScanIT.server();
    LiveScanIT.json(
        bitstamp, "/api/v2/trading-pairs-info/", LiveScanIT.fixture("trading-pairs-info.json"));
    LiveScanIT.json(
        bitstamp, "/api/v2/order_book/ethusd/", LiveScanIT.fixture("order_book_ethusd.json"));
    kraken = LiveScanIT.server();
    LiveScanIT.json(kraken, "/0/public/AssetPairs", LiveScanIT.fixture("AssetPairs.json"));
    LiveScanIT.json(kraken, "/0/public/Assets", LiveScanIT.fixture("Assets.json"));
    LiveScanIT.json(kraken, "/0/public/Depth", LiveScanIT.fixture("Depth_XXMRZUSD.json"));
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    receiver.createContext(
        "/hook",
        x -> {
          alerts.add(JSON.readTree(x.getRequestBody().readAllBytes()));
          x.sendResponseHeaders(204, -1);
          x.close();
        });
    receiver.start();
    Files.writeString(
        dir.resolve("arb.conf"),
        "arb.exchanges {\n"
            + "  bitstamp { markets = [\"ETH/USD\"], rate-limit = 100 }\n"
            + "  kraken { markets = [\"XMR/USD\"], rate-limit = 100 }\n"
            + "}\n"
            + "arb.alerts { exchange-down-after = 1s, min-profit-bp = 1000000, timeout = 2s }\n");
  }

  @AfterEach
  void stop() {
    bitstamp.stop();
    kraken.stop();
    receiver.stop(0);
  }

  @Test
  void statusShowsBothExchangesAndAStoppedOneIsMarkedDownAndAlertedWhileTheOtherIsScanned()
      throws Exception {
    Map<String, String> env =
        Map.of(
            "HOME",
            dir.toString(),
            "ARB_ALERT_WEBHOOK",
            "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    try (InProcessDaemon d =
        new InProcessDaemon(
            env,
            "--config",
            dir.resolve("arb.conf").toString(),
            "--data-dir",
            dir.resolve("data").toString(),
            "run",
            "--http-port",
            "0",
            "--interval",
            "200ms",
            // configured exchanges, with their URLs pointing at the stand-ins
            "--exchange-url",
            "bitstamp=" + bitstamp.baseUrl(),
            "--exchange-url",
            "kraken=" + kraken.baseUrl(),
            // the recorded books are years old
            "--max-book-age",
            "100000d")) {
      JsonNode up = d.awaitStatus(s -> s.path("scans").asInt() >= 2);
      assertThat(up.at("/data/source").asText())
          .startsWith("live: ")
          .contains("bitstamp")
          .contains("kraken")
          .endsWith(" every 200 ms");
      for (String ex : List.of("bitstamp", "kraken")) {
        JsonNode e = up.at("/data/exchanges/" + ex);
        assertThat(e.path("health").asText()).as(ex).isEqualTo("up");
        assertThat(e.path("feed").asText()).as(ex).isEqualTo("poll");
        assertThat(e.path("books").asInt()).as(ex).isEqualTo(1);
        assertThat(e.path("down").asBoolean()).as(ex).isFalse();
        assertThat(e.path("age_seconds").isNumber()).as(ex).isTrue();
        assertThat(e.path("api_errors_total").asLong()).as(ex).isZero();
      }
      assertThat(up.at("/last_scan/markets").asInt()).isEqualTo(2);
      String metrics = Http.get(d.url() + "/metrics").body();
      assertThat(value(metrics, "arb_exchange_up{exchange=\"kraken\"}")).isEqualTo(1.0);
      assertThat(value(metrics, "arb_api_retries_total{exchange=\"kraken\"}")).isZero();
      assertThat(value(metrics, "arb_book_age_seconds{exchange=\"bitstamp\"}")).isPositive();

      kraken.stop();
      JsonNode down =
          d.awaitStatus(
              s ->
                  s.at("/data/exchanges/kraken/down").asBoolean()
                      && s.at("/data/exchanges/kraken/health").asText().equals("down")
                      && alerts.stream()
                          .anyMatch(a -> a.path("event").asText().equals("exchange_down")));
      JsonNode k = down.at("/data/exchanges/kraken");
      assertThat(k.path("books").asInt()).isZero();
      assertThat(k.path("last_error").asText()).contains("/0/public/Depth");
      assertThat(k.path("no_data_since").asText()).isNotEmpty();
      assertThat(k.path("api_errors_total").asLong()).isPositive();
      // connection refused is retried (4 attempts a request) before the exchange is marked down
      assertThat(k.path("api_retries_total").asLong()).isGreaterThanOrEqualTo(3);
      JsonNode alert =
          alerts.stream()
              .filter(a -> a.path("event").asText().equals("exchange_down"))
              .findFirst()
              .orElseThrow();
      assertThat(alert.at("/fields/exchange").asText()).isEqualTo("kraken");
      assertThat(alert.path("severity").asText()).isEqualTo("critical");
      assertThat(alerts)
          .filteredOn(a -> a.path("event").asText().equals("exchange_down"))
          .hasSize(1);

      // bitstamp keeps being scanned on its own
      int scansWhenDown = down.path("scans").asInt();
      JsonNode later = d.awaitStatus(s -> s.path("scans").asInt() >= scansWhenDown + 3);
      assertThat(later.at("/data/exchanges/bitstamp/health").asText()).isEqualTo("up");
      assertThat(later.at("/data/exchanges/bitstamp/books").asInt()).isEqualTo(1);
      assertThat(later.at("/data/exchanges/bitstamp/down").asBoolean()).isFalse();
      assertThat(later.at("/last_scan/markets").asInt()).isEqualTo(1);
      String after = Http.get(d.url() + "/metrics").body();
      assertThat(value(after, "arb_exchange_up{exchange=\"kraken\"}")).isZero();
      assertThat(value(after, "arb_exchange_up{exchange=\"bitstamp\"}")).isEqualTo(1.0);
      assertThat(value(after, "arb_api_retries_total{exchange=\"kraken\"}"))
          .isGreaterThanOrEqualTo(3);
      assertThat(value(after, "arb_api_retries_total{exchange=\"bitstamp\"}")).isZero();
      assertThat(value(after, "arb_api_errors_total{exchange=\"kraken\"}")).isPositive();
      // kraken's book age grows from its last book; only one exchange alerted
      assertThat(value(after, "arb_book_age_seconds{exchange=\"kraken\"}")).isGreaterThan(0.5);
      assertThat(alerts)
          .noneMatch(
              a -> a.toString().contains("exchange_down") && a.toString().contains("bitstamp"));

      d.signal("TERM");
      assertThat(d.awaitExit()).isEqualTo(ExitCode.OK);
    }
  }

  @Test
  void inputAndExchangeTogetherAreAUsageError() throws Exception {
    CliRun r =
        CliRun.run(
            Map.of("HOME", dir.toString()),
            "--data-dir",
            dir.resolve("data").toString(),
            "run",
            "--input",
            dir.resolve("arb.conf").toString(),
            "--exchange",
            "kraken");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("run: use either --input (a replay) or --exchange");
  }

  @Test
  void badExchangeUrlIsAUsageErrorNamingRun() throws Exception {
    CliRun r =
        CliRun.run(
            Map.of("HOME", dir.toString()),
            "--data-dir",
            dir.resolve("data").toString(),
            "run",
            "--exchange",
            "kraken",
            "--exchange-url",
            "kraken=ftp://example");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err())
        .contains("run: --exchange-url must be NAME=URL with an http:// or https:// URL");
  }

  /** The value of one sample line of a Prometheus text exposition. */
  private static double value(String metrics, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
    assertThat(m.find()).as(series + " in\n" + metrics).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
