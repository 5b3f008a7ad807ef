package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code arb scan} end to end, in-process, on the published data sets (Sedgewick & Wayne rates,
 * MO-book Binance.US snapshot and forex table; see NOTICE), recording into a temporary data dir.
 */
class ScanCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;

  private CliRun scan(String... args) {
    List<String> all = new ArrayList<>(List.of("--data-dir", dataDir.toString(), "scan"));
    all.addAll(List.of(args));
    return CliRun.run(Map.of("HOME", dataDir.toString()), all.toArray(String[]::new));
  }

  private static String data(String name) {
    try {
      return Path.of(ScanCommandIT.class.getResource("data/" + name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode history() throws Exception {
    CliRun h =
        CliRun.run(
            Map.of("HOME", dataDir.toString()),
            "--data-dir",
            dataDir.toString(),
            "history",
            "--json",
            "--limit",
            "1000");
    assertThat(h.exitCode()).as(h.err()).isEqualTo(ExitCode.OK);
    return JSON.readTree(h.out());
  }

  @Test
  void findsSedgewickArbitrageCycleWithPublishedEndAmount() throws Exception {
    CliRun r = scan("--input", data("rates.txt"), "--amount", "1000", "--json");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    JsonNode first = JSON.readTree(r.out()).get("opportunities").get(0);
    assertThat(first.get("cycle").toString()).isEqualTo("[\"USD\",\"EUR\",\"CAD\",\"USD\"]");
    assertThat(new BigDecimal(first.get("end_amount").asText())).isEqualByComparingTo("1007.14497");
    assertThat(new BigDecimal(first.get("profit").asText())).isEqualByComparingTo("7.14497");
    assertThat(first.get("return_bp").asDouble()).isCloseTo(71.4497, within(1e-6));
    assertThat(first.get("status").asText()).isEqualTo("sized");
  }

  @Test
  void findsMoBookBestSimpleCycleOf14774BpAtLengthEight() throws Exception {
    CliRun r =
        scan(
            "--input",
            data("Binance_US_orderbook_saved.csv"),
            "--fees",
            "0",
            "--max-length",
            "8",
            "--json");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.get("negative_cycle").asBoolean()).isTrue();
    JsonNode first = doc.get("opportunities").get(0);
    assertThat(first.get("return_bp").asDouble()).isCloseTo(14.774, within(0.0005));
    List<String> cycle = new ArrayList<>();
    first.get("cycle").forEach(n -> cycle.add(n.asText()));
    // the published cycle USDT>ADA>BTC>ETH>USD>BUSD>USDC>USDT, rotated to start at USD
    assertThat(cycle).containsExactly("USD", "BUSD", "USDC", "USDT", "ADA", "BTC", "ETH", "USD");
    BigDecimal start = new BigDecimal(first.get("start_amount").asText());
    BigDecimal end = new BigDecimal(first.get("end_amount").asText());
    assertThat(end.subtract(start)).isEqualByComparingTo(first.get("profit").asText());
    assertThat(first.get("profit_bp").asDouble()).isBetween(0.0, 14.775);
  }

  @Test
  void wholeGraphLpTurnsTenThousandUsdIntoPublishedAmount() throws Exception {
    CliRun r =
        scan(
            "--plan",
            "lp",
            "--input",
            data("Binance_US_orderbook_saved.csv"),
            "--fees",
            "0",
            "--amount",
            "10000",
            "--start",
            "USD",
            "--steps",
            "8",
            "--json");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    JsonNode doc = JSON.readTree(r.out());
    assertThat(new BigDecimal(doc.get("final_amount").asText()).doubleValue())
        .isCloseTo(10009.01, within(0.01));
    assertThat(doc.get("transactions").size()).isGreaterThan(3);
    assertThat(history().size()).isEqualTo(1);
  }

  @Test
  void wholeGraphLpTableShowsFinalAmountToTheCent() {
    CliRun r =
        scan(
            "--plan",
            "lp",
            "--input",
            data("Binance_US_orderbook_saved.csv"),
            "--fees",
            "0",
            "--amount",
            "10000",
            "--start",
            "USD");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    // rounded down to the cent: the exact amount the trades pay follows in the line
    assertThat(r.out()).contains("10000 USD -> 10009.00 USD after 8 steps");
    assertThat(r.out()).containsPattern("exact 10009\\.0065\\d*, solver value");
  }

  @Test
  void forexTableThreeLegCycleFromUsdMatchesPublishedResult() throws Exception {
    CliRun r =
        scan(
            "--input",
            data("forex-bloomberg-2022-03-17.tsv"),
            "--amount",
            "100",
            "--start",
            "USD",
            "--max-length",
            "3",
            "--json");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    JsonNode first = JSON.readTree(r.out()).get("opportunities").get(0);
    assertThat(first.get("cycle").toString()).isEqualTo("[\"USD\",\"JPY\",\"CAD\",\"USD\"]");
    assertThat(new BigDecimal(first.get("end_amount").asText()).doubleValue())
        .isCloseTo(100.4514, within(0.00005));
  }

  @Test
  void sampleScanPrintsRankedOpportunitiesAndRecordsEachOne() throws Exception {
    CliRun r = scan();
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    assertThat(r.out()).contains("bundled sample").contains("fees: 0").contains(" sized");
    assertThat(r.out()).contains("10 recorded in");
    JsonNode records = history();
    assertThat(records.size()).isEqualTo(10);
    for (JsonNode rec : records) {
      assertThat(rec.get("status").asText()).isEqualTo("sized");
      assertThat(new BigDecimal(rec.get("estimated_profit").asText())).isPositive();
      assertThat(rec.get("solution").get("legs").size())
          .isEqualTo(rec.get("path").get("nodes").size());
    }
  }

  @Test
  void jsonRanksByReturnAndEveryProfitIsEndMinusStart() throws Exception {
    CliRun r = scan("--json", "--top", "5", "--no-record");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    JsonNode ops = JSON.readTree(r.out()).get("opportunities");
    assertThat(ops.size()).isEqualTo(5);
    double previous = Double.MAX_VALUE;
    for (JsonNode o : ops) {
      assertThat(o.get("return_bp").asDouble()).isLessThanOrEqualTo(previous);
      previous = o.get("return_bp").asDouble();
      BigDecimal start = new BigDecimal(o.get("start_amount").asText());
      BigDecimal end = new BigDecimal(o.get("end_amount").asText());
      assertThat(new BigDecimal(o.get("profit").asText()))
          .isEqualByComparingTo(end.subtract(start));
    }
    assertThat(Files.exists(dataDir.resolve("arb.db"))).isFalse();
  }

  @Test
  void versionTwoFileWithPoolsIsScannedAndRecorded() throws Exception {
    // the real USDC/WETH Uniswap V2 pair at block 11,000,000 with synthetic pools and books
    CliRun r = scan("--input", data("books-and-pools-v2.json"), "--max-length", "3", "--json");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.get("markets").asInt()).isEqualTo(5);
    JsonNode onChain = null;
    for (JsonNode o : doc.get("opportunities")) {
      if (o.get("exchanges").toString().equals("[\"ethereum\"]")) {
        onChain = o;
      }
    }
    assertThat(onChain).as(r.out()).isNotNull();
    assertThat(onChain.get("status").asText()).isEqualTo("sized");
    assertThat(onChain.get("legs").get(0).get("market").asText()).startsWith("ethereum:0x");
    BigDecimal start = new BigDecimal(onChain.get("start_amount").asText());
    BigDecimal end = new BigDecimal(onChain.get("end_amount").asText());
    assertThat(new BigDecimal(onChain.get("profit").asText()))
        .isEqualByComparingTo(end.subtract(start));
    assertThat(doc.get("notes").toString()).contains("before gas");
    assertThat(history().size()).isEqualTo(doc.get("opportunities").size());
  }

  @Test
  void feesRemoveTheSampleArbitrage() throws Exception {
    CliRun r = scan("--fees", "0.001", "--json", "--no-record", "--fail-on-empty");
    assertThat(r.exitCode()).isEqualTo(ExitCode.NOTHING_FOUND);
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.get("opportunities").size()).isZero();
    assertThat(doc.get("notes").toString()).contains("fees: 0.001");
  }

  @Test
  void minProfitThresholdLeavesOutLowerCycles() throws Exception {
    CliRun r = scan("--json", "--no-record", "--min-profit-bp", "13.5", "--top", "50");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    JsonNode ops = JSON.readTree(r.out()).get("opportunities");
    assertThat(ops.size()).isPositive();
    for (JsonNode o : ops) {
      assertThat(o.get("return_bp").asDouble()).isGreaterThan(13.5);
    }
  }

  @Test
  void realBooksWithoutArbitrageFailOnEmptyWithExitThree() {
    CliRun r =
        scan(
            "--input",
            data("orderbooks"),
            "--fees",
            "0.001",
            "--max-age",
            "off",
            "--fail-on-empty");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.NOTHING_FOUND);
    assertThat(r.out()).contains("arbitrage (negative cycle): no").contains("3 markets");
  }

  @Test
  void maxAgeLeavesOutBooksOlderThanTheSnapshotsNewest() throws Exception {
    CliRun r = scan("--input", data("orderbooks"), "--max-age", "1h", "--json", "--no-record");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    JsonNode doc = JSON.readTree(r.out());
    // Bitstamp USDT/USD (2022-01-05) is the newest; the two Kraken books (2021) are stale
    assertThat(doc.get("markets").asInt()).isEqualTo(1);
    assertThat(doc.get("problems").toString()).contains("kraken:BTC/CHF: stale");
  }

  @Test
  void crossedBookIsReportedAndYieldsNoCycle(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("crossed.csv");
    Files.writeString(
        csv,
        "symbol,timestamp,base,quote,bid_price,bid_volume,ask_price,ask_volume\n"
            + "BTC/USD,2023-03-02 15:36:06.529,BTC,USD,30000,1,20000,1\n"
            + "ETH/USD,2023-03-02 15:36:06.529,ETH,USD,1500,1,1501,1\n"
            + "ETH/BTC,2023-03-02 15:36:06.529,ETH,BTC,0.05,1,0.0501,1\n");
    CliRun r = scan("--input", csv.toString(), "--json", "--no-record");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.get("problems").toString()).contains("BTC/USD").contains("crossed");
    for (JsonNode o : doc.get("opportunities")) {
      assertThat(o.get("cycle").toString()).doesNotContain("\"BTC\",\"USD\"");
    }
  }

  @Test
  void unreadableInputIsAUsageError() {
    CliRun r = scan("--input", dataDir.resolve("missing.csv").toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("missing.csv");
  }

  @Test
  void badOptionsAreUsageErrorsListedTogether() {
    CliRun r = scan("--max-length", "1", "--top", "0", "--amount", "-5");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("--max-length").contains("--top").contains("--amount");
  }

  @Test
  void feesOutsideZeroToOneAreRejected() {
    CliRun r = scan("--fees", "1.5");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("--fees").contains("1.5");
  }

  @Test
  void unknownFormatAndBadDurationAreUsageErrors() {
    assertThat(scan("--input", data("rates.txt"), "--format", "xml").exitCode())
        .isEqualTo(ExitCode.USAGE);
    CliRun r = scan("--max-age", "soon");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("'soon' is not a duration");
  }

  @Test
  void lpPlanNeedsStartAndAmount() {
    CliRun r = scan("--plan", "lp");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("--start").contains("--amount");
  }

  @Test
  void transfersLetACycleBuyOnOneExchangeAndSellOnAnother(@TempDir Path dir) throws Exception {
    Path snap = dir.resolve("two-venues.json");
    Files.writeString(
        snap,
        "{\"format_version\":1,\"source\":\"planted\",\"exchanges\":["
            + venue("alpha", "1000", "1001")
            + ","
            + venue("beta", "1010", "1011")
            + "]}");
    CliRun without = scan("--input", snap.toString(), "--json", "--no-record");
    assertThat(without.exitCode()).as(without.err()).isEqualTo(ExitCode.OK);
    assertThat(JSON.readTree(without.out()).get("opportunities").size()).isZero();

    CliRun with = scan("--input", snap.toString(), "--transfers", "--json", "--no-record");
    assertThat(with.exitCode()).as(with.err()).isEqualTo(ExitCode.OK);
    JsonNode first = JSON.readTree(with.out()).get("opportunities").get(0);
    assertThat(first.get("exchanges").toString()).contains("alpha").contains("beta");
    // buy ETH at 1001 on alpha, sell at 1010 on beta, 0.1 % fee on each leg
    double expectedBp = (1010.0 / 1001.0 * 0.999 * 0.999 - 1) * 10_000;
    assertThat(first.get("return_bp").asDouble()).isCloseTo(expectedBp, within(1e-6));
    assertThat(first.get("status").asText()).isEqualTo("sized");
    // depth: 2 ETH on each side, so at most 2 ETH worth of USD is spent
    assertThat(new BigDecimal(first.get("start_amount").asText()))
        .isLessThanOrEqualTo(new BigDecimal("2002"));
  }

  @Test
  void booksRecordedApartAreLeftOutAndReportedUnlessMaxAgeSaysOtherwise(@TempDir Path dir)
      throws Exception {
    Path snap = dir.resolve("a-year-apart.json");
    Files.writeString(
        snap,
        "{\"format_version\":1,\"source\":\"planted\",\"exchanges\":["
            + venue("alpha", "1000", "1001", "2026-01-01T00:00:00Z")
            + ","
            + venue("beta", "1010", "1011", "2025-01-01T00:00:00Z")
            + "]}");
    CliRun skewed = scan("--input", snap.toString(), "--transfers", "--json", "--no-record");
    assertThat(skewed.exitCode()).as(skewed.err()).isEqualTo(ExitCode.OK);
    JsonNode report = JSON.readTree(skewed.out());
    assertThat(report.get("opportunities").size()).isZero();
    assertThat(report.toString())
        .contains(
            "beta:ETH/USD: stale: observed 2025-01-01T00:00:00Z, 365d before the newest"
                + " observation (max age 5s); market left out");

    CliRun off =
        scan(
            "--input", snap.toString(), "--transfers", "--max-age", "off", "--json", "--no-record");
    assertThat(off.exitCode()).as(off.err()).isEqualTo(ExitCode.OK);
    assertThat(JSON.readTree(off.out()).get("opportunities").get(0).get("exchanges").toString())
        .contains("alpha")
        .contains("beta");

    CliRun wide =
        scan("--input", snap.toString(), "--transfers", "--max-age", "400d", "--no-record");
    assertThat(wide.exitCode()).as(wide.err()).isEqualTo(ExitCode.OK);
    assertThat(wide.out()).contains("alpha,beta");

    CliRun bad = scan("--input", snap.toString(), "--max-age", "soon", "--no-record");
    assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(bad.err()).contains("'soon' is not a duration").contains("or off");
  }

  @Test
  void maxLengthCountsTradesNotTransfers(@TempDir Path dir) throws Exception {
    Path snap = dir.resolve("two-venues.json");
    Files.writeString(
        snap,
        "{\"format_version\":1,\"source\":\"planted\",\"exchanges\":["
            + venue("alpha", "1000", "1001")
            + ","
            + venue("beta", "1010", "1011")
            + "]}");
    // two trades and two transfers: found at --max-length 2
    CliRun run =
        scan("--input", snap.toString(), "--transfers", "--max-length", "2", "--no-record");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
    assertThat(run.out()).contains("USD>ETH>USD").contains("alpha,beta");
  }

  @Test
  void whenOnlyLongerCyclesExistTheOutputSaysWhichLengthWouldFindThem() {
    // the bundled Binance.US sample has arbitrage, but no 2-leg cycle on one exchange can profit
    CliRun run = scan("--max-length", "2", "--no-record");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
    assertThat(run.out())
        .contains("arbitrage (negative cycle): yes")
        .contains("no cycle of at most 2 legs above the profit threshold")
        .containsPattern("hint: the negative cycle the detector found, [A-Z>]+, has \\d+ legs")
        .contains("--max-length");
  }

  private CliRun scanWithConfig(Path conf, String... args) {
    List<String> all =
        new ArrayList<>(
            List.of("--data-dir", dataDir.toString(), "--config", conf.toString(), "scan"));
    all.addAll(List.of(args));
    return CliRun.run(Map.of("HOME", dataDir.toString()), all.toArray(String[]::new));
  }

  @Test
  void transfersWithFeesPayEachWithdrawalOnTheWay(@TempDir Path dir) throws Exception {
    Path snap = dir.resolve("two-venues.json");
    Files.writeString(
        snap,
        "{\"format_version\":1,\"source\":\"planted\",\"exchanges\":["
            + venue("alpha", "1000", "1001")
            + ","
            + venue("beta", "1010", "1011")
            + "]}");
    Path conf = dir.resolve("arb.conf");
    Files.writeString(
        conf,
        "arb.transfers {\n"
            + "  ETH { fee = \"0.001\", network = ETH, time = 5m }\n"
            + "  USD { fee = \"1\" }\n"
            + "}\n");
    CliRun r =
        scanWithConfig(
            conf, "--input", snap.toString(), "--transfers=fees", "--json", "--no-record");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    JsonNode first = JSON.readTree(r.out()).get("opportunities").get(0);
    assertThat(first.get("status").asText()).isEqualTo("sized");
    // 2002 USD buys 2 ETH at 1001, 1.998 after the 0.1 % fee; 0.001 ETH to withdraw it to beta;
    // 1.997 × 1010 × 0.999 = 2014.95303 USD, 1 USD to withdraw it back: 2013.95303
    assertThat(new BigDecimal(first.get("start_amount").asText())).isEqualByComparingTo("2002");
    assertThat(new BigDecimal(first.get("profit").asText())).isEqualByComparingTo("11.95303");

    // withdrawing the USD back costs more than the cycle makes: nothing is sized
    Files.writeString(
        conf, "arb.transfers {\n  ETH { fee = \"0.001\" }\n  USD { fee = \"20\" }\n}\n");
    CliRun dear =
        scanWithConfig(
            conf, "--input", snap.toString(), "--transfers=fees", "--json", "--no-record");
    assertThat(dear.exitCode()).as(dear.err()).isEqualTo(ExitCode.OK);
    for (JsonNode o : JSON.readTree(dear.out()).get("opportunities")) {
      assertThat(o.get("status").asText()).isNotEqualTo("sized");
    }
  }

  @Test
  void transfersWithFeesNeedTheirCosts(@TempDir Path dir) throws Exception {
    Path snap = dir.resolve("two-venues.json");
    Files.writeString(
        snap,
        "{\"format_version\":1,\"source\":\"planted\",\"exchanges\":["
            + venue("alpha", "1000", "1001")
            + "]}");
    CliRun r = scan("--input", snap.toString(), "--transfers=fees", "--no-record");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("--transfers=fees needs", "arb.transfers");
    CliRun bad = scan("--input", snap.toString(), "--transfers=teleport", "--no-record");
    assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(bad.err()).contains("--transfers must be inventory or fees, got teleport");
  }

  private static String venue(String name, String bid, String ask) {
    return venue(name, bid, ask, "2026-01-01T00:00:00Z");
  }

  private static String venue(String name, String bid, String ask, String observedAt) {
    return "{\"name\":\""
        + name
        + "\",\"markets\":[{\"base\":\"ETH\",\"quote\":\"USD\",\"taker_fee\":\"0.001\","
        + "\"observed_at\":\""
        + observedAt
        + "\",\"bids\":[[\""
        + bid
        + "\",\"2\"]],\"asks\":[[\""
        + ask
        + "\",\"2\"]]}]}";
  }
}
