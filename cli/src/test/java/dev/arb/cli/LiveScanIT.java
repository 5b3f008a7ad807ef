package dev.arb.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.source.SnapshotJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code arb scan --exchange} and {@code arb record} against recorded responses on 127.0.0.1. */
class LiveScanIT {
  @TempDir Path dataDir;
  WireMockServer bitstamp;
  WireMockServer kraken;
  String bitstampUrl;
  String krakenUrl;

  @BeforeEach
  void start() throws IOException {
    bitstamp = server();
    json(bitstamp, "/api/v2/trading-pairs-info/", fixture("trading-pairs-info.json"));
    json(bitstamp, "/api/v2/order_book/ethusd/", fixture("order_book_ethusd.json"));
    kraken = server();
    bitstampUrl = bitstamp.baseUrl();
    krakenUrl = kraken.baseUrl();
    json(kraken, "/0/public/AssetPairs", fixture("AssetPairs.json"));
    json(kraken, "/0/public/Assets", fixture("Assets.json"));
    json(kraken, "/0/public/Depth", fixture("Depth_XXMRZUSD.json"));
    Files.writeString(
        dataDir.resolve("arb.conf"),
        "arb.exchanges {\n"
            + "  bitstamp { markets = [\"ETH/USD\"], rate-limit = 100 }\n"
            + "  kraken { markets = [\"XMR/USD\"], rate-limit = 100 }\n"
            + "}\n");
  }

  @AfterEach
  void stop() {
    bitstamp.stop();
    kraken.stop();
  }

  private CliRun arb(String command, String... more) {
    String[] base = {
      "--config",
      dataDir.resolve("arb.conf").toString(),
      "--data-dir",
      dataDir.toString(),
      command,
      "--exchange",
      "bitstamp",
      "--exchange",
      "kraken",
      "--exchange-url",
      "bitstamp=" + bitstampUrl,
      "--exchange-url",
      "kraken=" + krakenUrl,
      // the recorded books are years old
      "--max-book-age",
      "100000d"
    };
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return CliRun.run(Map.of(), all);
  }

  @Test
  void scansBothExchangesLive() throws IOException {
    CliRun r = arb("scan", "--json", "--no-record");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.toString()).contains("bitstamp").contains("kraken");
    assertThat(j.path("markets").asInt()).isEqualTo(2);
    assertThat(j.path("problems")).isEmpty();
  }

  @Test
  void stoppedExchangeGivesAClearErrorAndTheOtherStillScans() throws IOException {
    kraken.stop();
    CliRun r = arb("scan", "--json", "--no-record");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.path("markets").asInt()).isEqualTo(1);
    assertThat(j.path("problems").toString())
        .contains("kraken: cannot load markets: GET /0/public/AssetPairs and /0/public/Assets")
        .contains("cannot connect");
  }

  @Test
  void recordJsonSaysWhatWasWrittenInSnakeCase() throws IOException {
    Path out = dataDir.resolve("snap-json.json");
    CliRun r = arb("record", "--output", out.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.path("output").asText()).isEqualTo(out.toString());
    assertThat(j.path("books").asInt()).isEqualTo(2);
    assertThat(j.path("exchanges").toString()).isEqualTo("[\"bitstamp\",\"kraken\"]");
    assertThat(j.path("markets").toString()).isEqualTo("[\"bitstamp:ETH/USD\",\"kraken:XMR/USD\"]");
    assertThat(j.path("as_of").asText())
        .isEqualTo(
            SnapshotJson.read(out).books().stream()
                .map(b -> b.observedAt())
                .max(java.util.Comparator.naturalOrder())
                .orElseThrow()
                .toString());
    assertThat(j.path("problems").isArray()).isTrue();
  }

  @Test
  void recordWritesASnapshotThatScanReplays() throws IOException {
    Path out = dataDir.resolve("snap.json");
    CliRun r = arb("record", "--output", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("2 books written to " + out);
    MarketSnapshot s = SnapshotJson.read(out);
    assertThat(s.books())
        .extracting(b -> b.market().id())
        .containsExactly("bitstamp:ETH/USD", "kraken:XMR/USD");
    assertThat(s.books().get(0).bids()).hasSize(2023);
    assertThat(s.books().get(1).market().takerFee()).isEqualByComparingTo("0.0026");
    CliRun replay =
        CliRun.run(
            Map.of(),
            "--data-dir",
            dataDir.toString(),
            "scan",
            "--input",
            out.toString(),
            // the two stand-ins serve books their exchanges stamped at different times
            "--max-age",
            "off",
            "--json",
            "--no-record");
    assertThat(replay.exitCode()).as(replay.err()).isZero();
    assertThat(new ObjectMapper().readTree(replay.out()).path("markets").asInt()).isEqualTo(2);
  }

  @Test
  void transfersWithFeesUseTheWithdrawalFeesBitstampReportsAndSayWhereTheyCameFrom()
      throws IOException {
    // Bitstamp's withdrawal fees, hand-made in its documented format (no recording exists)
    bitstamp.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(
                    "/api/v2/fees/withdrawal/"))
            .willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.okJson(
                    "[{\"currency\": \"eth\", \"fee\": \"0.00120000\", \"network\":"
                        + " \"ethereum\"}, {\"currency\": \"usd\", \"fee\": \"25.00\","
                        + " \"network\": \"wire\"}, {\"currency\": \"xrp\", \"fee\":"
                        + " \"0.25\", \"network\": \"xrpl\"}]")));
    Files.writeString(
        dataDir.resolve("arb.conf"),
        "arb.exchanges {\n"
            + "  bitstamp { markets = [\"ETH/USD\"], rate-limit = 100,"
            + " api-key = { env = \"ARB_BITSTAMP_API_KEY\" },"
            + " api-secret = { env = \"ARB_BITSTAMP_API_SECRET\" } }\n"
            + "  kraken { markets = [\"XMR/USD\"], rate-limit = 100 }\n"
            + "}\n"
            + "arb.transfers { USD { fee = \"15\" } }\n");
    String[] args = {
      "--config",
      dataDir.resolve("arb.conf").toString(),
      "--data-dir",
      dataDir.toString(),
      "scan",
      "--exchange",
      "bitstamp",
      "--exchange",
      "kraken",
      "--exchange-url",
      "bitstamp=" + bitstampUrl,
      "--exchange-url",
      "kraken=" + krakenUrl,
      "--max-book-age",
      "100000d",
      "--transfers=fees",
      "--no-record"
    };
    CliRun r =
        CliRun.run(
            Map.of(
                "ARB_BITSTAMP_API_KEY",
                "arb-test-key",
                "ARB_BITSTAMP_API_SECRET",
                "arb-test-secret"),
            args);

    assertThat(r.exitCode()).as(r.err()).isZero();
    // ETH from Bitstamp's own list; USD configured (15) wins over Bitstamp's 25; XRP is in no book
    assertThat(r.out() + r.err())
        .contains(
            "transfers: withdrawal fees read from bitstamp (POST /api/v2/fees/withdrawal/): ETH"
                + " 0.0012; arb.transfers wins for USD")
        .doesNotContain("XRP 0.25")
        .doesNotContain("arb-test-secret");
  }

  /** A WireMock server on 127.0.0.1, on a free port (also used by {@link LiveRunIT}). */
  static WireMockServer server() {
    WireMockServer s =
        new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    s.start();
    return s;
  }

  static void json(WireMockServer s, String path, String body) {
    s.stubFor(
        get(urlPathEqualTo(path))
            .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body)));
  }

  /** A recorded exchange response body from {@code venue/}. */
  static String fixture(String name) throws IOException {
    try (InputStream in = LiveScanIT.class.getResourceAsStream("venue/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
