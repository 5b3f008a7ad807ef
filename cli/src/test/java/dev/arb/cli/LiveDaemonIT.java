package dev.arb.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.arb.engine.model.Side;
import dev.arb.engine.record.JournalEntry;
import dev.arb.engine.record.OrderState;
import dev.arb.storage.SqliteDatabase;
import dev.arb.storage.SqliteOrderJournal;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon in live mode with an order left in flight that cannot be resolved (the Kraken stand-in
 * answers its query with 503): trading stays paused and {@code /status} and {@code /health} say
 * why; the kill switch cancels the order.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LiveDaemonIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = RunCommandIT.TOKEN;

  @TempDir Path dir;
  private WireMockServer kraken;

  private static String resource(String name) throws Exception {
    try (InputStream in = LiveDaemonIT.class.getResourceAsStream("/dev/arb/cli/venue/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @BeforeEach
  void start() throws Exception {
    kraken =
        new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    kraken.start();
    for (String n : List.of("AssetPairs", "Assets")) {
      kraken.stubFor(
          get(urlPathEqualTo("/0/public/" + n))
              .willReturn(
                  aResponse()
                      .withHeader("Content-Type", "application/json")
                      .withBody(resource(n + ".json"))));
    }
    kraken.stubFor(
        post(urlPathEqualTo("/0/private/QueryOrders")).willReturn(aResponse().withStatus(503)));
    kraken.stubFor(
        post(urlPathEqualTo("/0/private/CancelOrder"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(resource("kraken-cancelorder.json"))));
  }

  @AfterEach
  void stop() {
    kraken.stop();
  }

  @Test
  void anUnresolvedOrderKeepsTradingPausedAndTheKillSwitchCancelsIt() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    try (SqliteDatabase db = SqliteDatabase.open(data.resolve("arb.db"), Duration.ofSeconds(5))) {
      SqliteOrderJournal j = new SqliteOrderJournal(db);
      // leg 1 of the same cycle had filled: 0.00906732 BTC bought for 999.99845 USDT
      JournalEntry leg1 =
          JournalEntry.intent(
              "r9-1",
              "r9",
              "kraken",
              "BTC",
              "USDT",
              Side.BUY,
              new BigDecimal("0.00906732"),
              new BigDecimal("110000"),
              Instant.now());
      j.insert(leg1);
      j.update(
          leg1.with(OrderState.SENT, "OLEG01-AAAAA-BBBBB1", null, Instant.now())
              .filled(
                  OrderState.FILLED,
                  new BigDecimal("0.00906732"),
                  new BigDecimal("999.99845"),
                  new BigDecimal("0.00906732"),
                  new BigDecimal("2.59325"),
                  "USDT",
                  Instant.now()));
      // leg 2 is sent after leg 1 filled (the journal orders an execution's rows by time)
      JournalEntry e =
          JournalEntry.intent(
              "r9-2",
              "r9",
              "kraken",
              "ETH",
              "BTC",
              Side.BUY,
              new BigDecimal("0.22609515"),
              new BigDecimal("0.04"),
              Instant.now());
      j.insert(e);
      j.update(e.with(OrderState.SENT, "OLEG02-AAAAA-BBBBB2", null, Instant.now()));
    }
    Path conf = dir.resolve("arb.conf");
    Files.writeString(
        conf,
        "arb.trading.mode = live\n"
            + "arb.exchanges.kraken { base-url = \""
            + kraken.baseUrl()
            + "\", api-key = { env = \"ARB_KRAKEN_API_KEY\" },"
            + " api-secret = { env = \"ARB_KRAKEN_API_SECRET\" } }\n");
    Map<String, String> env =
        Map.of(
            "HOME",
            dir.toString(),
            "ARB_HTTP_TOKEN",
            TOKEN,
            "ARB_KRAKEN_API_KEY",
            "test-key",
            "ARB_KRAKEN_API_SECRET",
            "dGVzdC1zZWNyZXQ=");

    try (InProcessDaemon d =
        new InProcessDaemon(
            env,
            "--config",
            conf.toString(),
            "--data-dir",
            data.toString(),
            "run",
            "--http-port",
            "0",
            "--input",
            RunCommandIT.sampleFile(dir).toString(),
            "--loop",
            "--interval",
            "200ms")) {
      String url = d.url();
      HttpResponse<String> health = Http.get(url + "/health");
      assertThat(health.statusCode()).isEqualTo(503);
      assertThat(JSON.readTree(health.body()).get("reason").asText())
          .contains("trading paused", "r9-2", "OLEG02-AAAAA-BBBBB2", "cannot reach kraken");
      JsonNode status = JSON.readTree(Http.get(url + "/status").body());
      assertThat(status.get("trading").get("blocked").asText())
          .contains("live order journal not reconciled");
      assertThat(status.get("trading").get("holdings").get(0).asText())
          .isEqualTo("kraken 0.00906732 BTC");
      kraken.verify(0, postRequestedFor(urlPathEqualTo("/0/private/AddOrder")));
      kraken.verify(0, postRequestedFor(urlPathEqualTo("/0/private/CancelOrder")));

      assertThat(Http.post(url + "/kill-switch", TOKEN).statusCode()).isEqualTo(200);

      // cancelled before the kill switch answers
      kraken.verify(
          1,
          postRequestedFor(urlPathEqualTo("/0/private/CancelOrder"))
              .withRequestBody(containing("txid=OLEG02-AAAAA-BBBBB2")));
      kraken.verify(0, postRequestedFor(urlPathEqualTo("/0/private/AddOrder")));
    }
  }
}
