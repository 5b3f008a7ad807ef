package dev.arb.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code arb scan --balances}: Kraken's private Balance call with keys from the environment, and
 * the keys nowhere in stdout, stderr or the debug JSON log.
 */
class LiveBalancesIT {
  static final String KEY = "arb-cli-test-key-Hq4Lm9";
  static final String SECRET = "Y2xpLXNlY3JldC1mb3ItYXJiLXRlc3RzLW9ubHk=";

  @TempDir Path dataDir;
  WireMockServer kraken;

  @BeforeEach
  void start() throws IOException {
    kraken =
        new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    kraken.start();
    json("/0/public/AssetPairs", get(urlPathEqualTo("/0/public/AssetPairs")), "AssetPairs.json");
    json("/0/public/Assets", get(urlPathEqualTo("/0/public/Assets")), "Assets.json");
    json("/0/public/Depth", get(urlPathEqualTo("/0/public/Depth")), "Depth_XXMRZUSD.json");
    json("/0/private/Balance", post(urlPathEqualTo("/0/private/Balance")), "Balance.json");
    json(
        "/0/private/TradeBalance",
        post(urlPathEqualTo("/0/private/TradeBalance")),
        "TradeBalance.json");
    json(
        "/0/private/TradeVolume",
        post(urlPathEqualTo("/0/private/TradeVolume")),
        "TradeVolume.json");
    Files.writeString(
        dataDir.resolve("arb.conf"),
        "arb.exchanges.kraken {\n"
            + "  markets = [\"XMR/USD\"]\n"
            + "  rate-limit = 100\n"
            + "  api-key = { env = \"ARB_KRAKEN_API_KEY\" }\n"
            + "  api-secret = { env = \"ARB_KRAKEN_API_SECRET\" }\n"
            + "}\n");
  }

  @AfterEach
  void stop() {
    kraken.stop();
  }

  private void json(
      String path, com.github.tomakehurst.wiremock.client.MappingBuilder m, String file)
      throws IOException {
    try (InputStream in = LiveBalancesIT.class.getResourceAsStream("venue/" + file)) {
      kraken.stubFor(
          m.willReturn(
              aResponse()
                  .withHeader("Content-Type", "application/json")
                  .withBody(new String(in.readAllBytes(), StandardCharsets.UTF_8))));
    }
  }

  private CliRun scan(String... more) {
    String[] base = {
      "--config",
      dataDir.resolve("arb.conf").toString(),
      "--data-dir",
      dataDir.toString(),
      "-v",
      "--log-format",
      "json",
      "scan",
      "--exchange",
      "kraken",
      "--exchange-url",
      "kraken=" + kraken.baseUrl(),
      "--max-book-age",
      "100000d",
      "--no-record",
      "--balances"
    };
    return CliRun.run(
        Map.of("ARB_KRAKEN_API_KEY", KEY, "ARB_KRAKEN_API_SECRET", SECRET),
        Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new));
  }

  @Test
  void balancesAreListedAndTheKeyIsNeverPrintedOrLogged() {
    CliRun r = scan("--json");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
    assertThat(r.out())
        .contains("\"balances kraken: BTC 0.4888583300, EUR 1.0539, XTSTCUR 10.123\"");
    // debug logging was on and in JSON (so a leak would have shown)
    assertThat(r.err()).contains("\"level\":\"DEBUG\"");
    // no problem from the private calls (balances, fee tier)
    assertThat(r.out()).contains("\"problems\" : [ ]");
    // the key was used: Kraken got it in its header
    kraken.verify(
        postRequestedFor(urlPathEqualTo("/0/private/Balance")).withHeader("API-Key", equalTo(KEY)));
    for (String s : new String[] {r.out(), r.err()}) {
      assertThat(s).doesNotContain(KEY).doesNotContain(SECRET);
    }
  }

  @Test
  void rejectedKeyIsReportedWithoutTheKey() throws IOException {
    kraken.stubFor(
        post(urlPathEqualTo("/0/private/Balance"))
            .willReturn(aResponse().withBody("{\"error\":[\"EAPI:Invalid key\"]}")));
    CliRun r = scan();
    assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
    assertThat(r.out()).contains("balances kraken: cannot read balances: ");
    for (String s : new String[] {r.out(), r.err()}) {
      assertThat(s).doesNotContain(KEY).doesNotContain(SECRET);
    }
  }

  @Test
  void balancesWithAnInputFileIsAUsageError() {
    CliRun r =
        CliRun.run(
            Map.of(), "--data-dir", dataDir.toString(), "scan", "--input", "x.json", "--balances");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains("scan: --balances needs live exchanges (--exchange NAME), not --input");
  }
}
