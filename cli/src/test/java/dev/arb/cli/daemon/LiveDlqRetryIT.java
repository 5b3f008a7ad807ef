package dev.arb.cli.daemon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.arb.cli.Cli;
import dev.arb.engine.record.DeadLetter;
import dev.arb.engine.record.DeadLetterStatus;
import dev.arb.engine.record.JournalEntry;
import dev.arb.storage.SqliteDatabase;
import dev.arb.storage.SqliteDeadLetterRepository;
import dev.arb.storage.SqliteOrderJournal;
import java.io.PrintWriter;
import java.io.StringWriter;
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
 * {@code arb dlq retry ID} without {@code --dry-run} in live mode: a live dead letter's leftover
 * (0.1 ETH on Kraken) is sold back to its start asset with a live order on a Kraken stand-in, the
 * order journaled; without keys it refuses and sends nothing.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LiveDlqRetryIT {
  private static final String TXID = "OSELL1-AAAAA-BBBBB1";

  @TempDir Path dir;
  private WireMockServer kraken;

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String body) {
    return aResponse().withHeader("Content-Type", "application/json").withBody(body);
  }

  @BeforeEach
  void start() {
    kraken =
        new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    kraken.start();
    for (String n : List.of("AssetPairs", "Assets")) {
      kraken.stubFor(
          get(urlPathEqualTo("/0/public/" + n))
              .willReturn(ok(LiveCrashReconcileIT.resource(n + ".json"))));
    }
    kraken.stubFor(
        post(urlPathEqualTo("/0/private/AddOrder"))
            .withRequestBody(containing("pair=ETHUSDT"))
            .willReturn(
                ok(
                    LiveCrashReconcileIT.resource("kraken-addorder.json")
                        .replace("OHMFXD-DVWOT-XTF4AU", TXID))));
    kraken.stubFor(
        post(urlPathEqualTo("/0/private/QueryOrders"))
            .withRequestBody(containing("txid=" + TXID))
            .willReturn(
                ok(
                    LiveCrashReconcileIT.order(
                        TXID, "closed", "ETHUSDT", "sell", "2000", "0.1", "0.1", "200.0",
                        "0.52"))));
  }

  @AfterEach
  void stop() {
    kraken.stop();
  }

  private Path config() throws Exception {
    Path conf = dir.resolve("arb.conf");
    Files.writeString(
        conf,
        "arb.http.enabled = false\n"
            + "arb.trading.mode = live\n"
            + "arb.trading.poll-interval = 20ms\n"
            + "arb.exchanges.kraken { base-url = \""
            + kraken.baseUrl()
            + "\", api-key = { env = \"ARB_KRAKEN_API_KEY\" },"
            + " api-secret = { env = \"ARB_KRAKEN_API_SECRET\" } }\n");
    return conf;
  }

  /** A live dead letter holding 0.1 ETH on Kraken, as reconciliation writes it. */
  private long deadLetter() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    try (SqliteDatabase db = SqliteDatabase.open(data.resolve("arb.db"), Duration.ofSeconds(5))) {
      return new SqliteDeadLetterRepository(db)
          .addReconciled(
              "l1-1",
              Instant.parse("2026-11-24T07:00:00Z"),
              "reconciled after restart: l1-1 still holds 0.1 ETH on kraken",
              "{\"mode\":\"live\",\"execution_ref\":\"l1-1\",\"start_asset\":\"USDT\","
                  + "\"leftover\":[{\"exchange\":\"kraken\",\"asset\":\"ETH\",\"amount\":\"0.1\"}]}",
              Instant.parse("2026-11-24T07:00:01Z"))
          .orElseThrow();
    }
  }

  /** Kraken's ETH/USDT with 1 ETH bid at 2000. */
  private Path books() throws Exception {
    Path p = dir.resolve("kraken.snapshot.json");
    Files.writeString(
        p,
        "{\"format_version\":1,\"source\":\"test\",\"exchanges\":[{\"name\":\"kraken\","
            + "\"markets\":[{\"base\":\"ETH\",\"quote\":\"USDT\",\"taker_fee\":\"0.0026\","
            + "\"lot_size\":\"0\",\"tick_size\":\"0\",\"min_amount\":\"0\",\"min_notional\":\"0\","
            + "\"observed_at\":\"2026-11-24T07:59:00Z\",\"bids\":[[\"2000\",\"1\"]],"
            + "\"asks\":[[\"2001\",\"1\"]]}]}]}");
    return p;
  }

  private String[] run(Map<String, String> env, long id) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new Cli(env, new PrintWriter(out, true), new PrintWriter(err, true))
            .run(
                "--config",
                config().toString(),
                "--data-dir",
                dir.resolve("data").toString(),
                "dlq",
                "retry",
                Long.toString(id),
                "--input",
                books().toString());
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  @Test
  void aLiveDeadLettersLeftoverIsSoldBackWithALiveOrder() throws Exception {
    long id = deadLetter();

    String[] r =
        run(
            Map.of(
                "HOME",
                dir.toString(),
                "ARB_KRAKEN_API_KEY",
                "test-key",
                "ARB_KRAKEN_API_SECRET",
                "dGVzdC1zZWNyZXQ="),
            id);

    assertThat(r[0]).as(r[2]).isEqualTo("0");
    assertThat(r[1]).contains("retried live: sold back to USDT, received 199.48 USDT");
    kraken.verify(
        1,
        postRequestedFor(urlPathEqualTo("/0/private/AddOrder"))
            .withRequestBody(containing("type=sell"))
            .withRequestBody(containing("volume=0.1")));
    try (SqliteDatabase db =
        SqliteDatabase.open(dir.resolve("data").resolve("arb.db"), Duration.ofSeconds(5))) {
      DeadLetter d = new SqliteDeadLetterRepository(db).find(id).orElseThrow();
      assertThat(d.status()).isEqualTo(DeadLetterStatus.RETRIED);
      List<JournalEntry> rows = new SqliteOrderJournal(db).unresolved();
      assertThat(rows).isEmpty();
    }
  }

  @Test
  void withoutKeysTheLiveRetryRefusesAndSendsNothing() throws Exception {
    long id = deadLetter();

    String[] r = run(Map.of("HOME", dir.toString()), id);

    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).contains("kraken").contains("API key");
    kraken.verify(0, postRequestedFor(urlPathEqualTo("/0/private/AddOrder")));
  }
}
