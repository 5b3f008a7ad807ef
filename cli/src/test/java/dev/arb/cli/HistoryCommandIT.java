package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.record.OpportunityStatus;
import dev.arb.storage.SqliteDatabase;
import dev.arb.storage.SqliteOpportunityRepository;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryCommandIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  @TempDir Path dataDir;

  private Map<String, String> env() {
    return Map.of("HOME", dataDir.resolve("home").toString());
  }

  private CliRun history(String... args) {
    List<String> all = new ArrayList<>(List.of("--data-dir", dataDir.toString(), "history"));
    all.addAll(Arrays.asList(args));
    return CliRun.run(env(), all.toArray(String[]::new));
  }

  private static OpportunityRecord record(
      Instant at,
      OpportunityStatus status,
      String start,
      List<String> exchanges,
      List<String> assets,
      String profit,
      double bp,
      String reason) {
    return new OpportunityRecord(
        0,
        at,
        status,
        start,
        exchanges,
        assets,
        "{\"nodes\":[\"" + String.join("\",\"", assets) + "\"],\"legs\":[]}",
        "{\"amounts\":[\"100\"]}",
        new BigDecimal(profit),
        bp,
        null,
        reason);
  }

  private void save(OpportunityRecord... records) {
    saveAs("desk-1", records);
  }

  private void saveAs(String instance, OpportunityRecord... records) {
    try (SqliteDatabase db =
        SqliteDatabase.open(dataDir.resolve("arb.db"), Duration.ofSeconds(5), instance)) {
      new SqliteOpportunityRepository(db).saveAll(List.of(records));
    }
  }

  /** Ids 1..5. */
  private void saveFixture() {
    save(
        record(
            T0,
            OpportunityStatus.SIZED,
            "USD",
            List.of("kraken", "bitstamp"),
            List.of("USD", "BTC"),
            "1.5",
            15,
            null),
        record(
            T0.plusSeconds(3600),
            OpportunityStatus.REJECTED,
            "USD",
            List.of("Kraken"),
            List.of("USD", "ETH"),
            "0.1",
            1,
            "profit 1 bp, below 5 bp, \"min-profit\""),
        record(
            T0.plusSeconds(7200),
            OpportunityStatus.EXECUTED,
            "BTC",
            List.of("binance"),
            List.of("BTC", "ETH"),
            "0.000000012345678901234567890",
            30,
            null),
        record(
            Instant.parse("2026-11-25T01:00:00Z"),
            OpportunityStatus.FAILED,
            "USD",
            List.of("coinbase"),
            List.of("USD", "SOL"),
            "0.4",
            22.5,
            "leg 2 rejected by venue"),
        record(
            Instant.parse("2026-11-25T02:00:00Z"),
            OpportunityStatus.DETECTED,
            "EUR",
            List.of("bitstamp"),
            List.of("EUR", "BTC"),
            "0.2",
            -1,
            null));
  }

  private static List<Long> ids(CliRun r) throws Exception {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    List<Long> ids = new ArrayList<>();
    for (JsonNode n : JSON.readTree(r.out())) {
      ids.add(n.get("id").asLong());
    }
    return ids;
  }

  @Test
  void helpListsTheFiltersAndFormats() {
    CliRun r = history("--help");
    assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(r.out())
        .contains(
            "--since",
            "--until",
            "--status",
            "--exchange",
            "--asset",
            "--min-profit-bp",
            "--limit",
            "--json",
            "--csv",
            "default: 50");
  }

  @Test
  void freshDataDirPrintsAnEmptyJsonArrayAndCreatesNoDatabase() {
    CliRun r = history("--json");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    assertThat(r.out()).isEqualTo("[]\n");
    assertThat(dataDir.resolve("arb.db")).doesNotExist();
  }

  @Test
  void freshDataDirTableSaysThereAreNoRecordsYet() {
    CliRun r = history();
    assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(r.out())
        .isEqualTo("no records yet (" + dataDir.resolve("arb.db") + " does not exist)\n");
  }

  @Test
  void freshDataDirCsvIsJustTheHeader() {
    CliRun r = history("--csv");
    assertThat(r.out())
        .isEqualTo(
            "id,detected_at,status,start_asset,exchanges,assets,estimated_profit,return_bp,"
                + "realized_profit,reason,path,solution,instance\r\n");
  }

  @Test
  void jsonRecordHasEveryFieldWithExactDecimalStrings() throws Exception {
    saveFixture();
    CliRun r = history("--json", "--status", "executed");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    JsonNode all = JSON.readTree(r.out());
    assertThat(all.isArray()).isTrue();
    assertThat(all).hasSize(1);
    JsonNode n = all.get(0);
    assertThat(n.get("id").asLong()).isEqualTo(3);
    assertThat(n.get("detected_at").asText()).isEqualTo("2026-11-24T12:00:00Z");
    assertThat(n.get("status").asText()).isEqualTo("executed");
    assertThat(n.get("start_asset").asText()).isEqualTo("BTC");
    assertThat(n.get("exchanges").toString()).isEqualTo("[\"binance\"]");
    assertThat(n.get("assets").toString()).isEqualTo("[\"BTC\",\"ETH\"]");
    assertThat(n.get("path").get("nodes").toString()).isEqualTo("[\"BTC\",\"ETH\"]");
    assertThat(n.get("solution").get("amounts").get(0).asText()).isEqualTo("100");
    assertThat(n.get("estimated_profit").isTextual()).isTrue();
    assertThat(n.get("estimated_profit").asText()).isEqualTo("0.00000001234567890123456789");
    assertThat(n.get("return_bp").isNumber()).isTrue();
    assertThat(n.get("return_bp").asDouble()).isEqualTo(30.0);
    assertThat(n.get("realized_profit").isNull()).isTrue();
    assertThat(n.get("instance").asText()).isEqualTo("desk-1");
    assertThat(n.get("reason").isNull()).isTrue();
  }

  @Test
  void everyFilterReturnsExactlyTheMatchingRecordsNewestFirst() throws Exception {
    saveFixture();
    assertThat(ids(history("--json"))).containsExactly(5L, 4L, 3L, 2L, 1L);
    assertThat(ids(history("--json", "--status", "rejected,failed"))).containsExactly(4L, 2L);
    assertThat(ids(history("--json", "--status", "SIZED", "--status", "detected")))
        .containsExactly(5L, 1L);
    assertThat(ids(history("--json", "--exchange", "KRAKEN"))).containsExactly(2L, 1L);
    assertThat(ids(history("--json", "--asset", "eth"))).containsExactly(3L, 2L);
    assertThat(ids(history("--json", "--min-profit-bp", "15"))).containsExactly(4L, 3L, 1L);
    assertThat(ids(history("--json", "--since", "2026-11-24T11:00:00Z")))
        .containsExactly(5L, 4L, 3L, 2L);
    assertThat(ids(history("--json", "--until", "2026-11-25"))).containsExactly(3L, 2L, 1L);
    assertThat(ids(history("--json", "--since", "2026-11-25"))).containsExactly(5L, 4L);
    assertThat(ids(history("--json", "--limit", "2"))).containsExactly(5L, 4L);
    assertThat(
            ids(
                history(
                    "--json",
                    "--since",
                    "2026-11-24T10:30:00+00:00",
                    "--asset",
                    "USD",
                    "--min-profit-bp",
                    "1")))
        .containsExactly(4L, 2L);
    assertThat(ids(history("--json", "--exchange", "kucoin"))).isEmpty();
  }

  @Test
  void relativeSinceCountsBackFromNow() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    save(
        record(
            now.minus(Duration.ofHours(3)),
            OpportunityStatus.SIZED,
            "USD",
            List.of("k"),
            List.of("USD"),
            "1",
            1,
            null),
        record(
            now.minus(Duration.ofHours(1)),
            OpportunityStatus.SIZED,
            "USD",
            List.of("k"),
            List.of("USD"),
            "1",
            1,
            null));
    assertThat(ids(history("--json", "--since", "2h"))).containsExactly(2L);
    assertThat(ids(history("--json", "--until", "2h"))).containsExactly(1L);
  }

  @Test
  void tableShowsRowsThenTotalsOfAllMatchingPerStartAsset() {
    saveFixture();
    CliRun r = history("--limit", "2", "--status", "sized,rejected,failed");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0))
        .startsWith("id  detected (UTC)")
        .contains("status", "start", "path", "exchanges", "profit", "bp", "reason");
    assertThat(lines.get(1))
        .startsWith(" 4  2026-11-25 01:00:00  failed")
        .contains("USD>SOL>USD", "coinbase", "0.4", "22.50", "leg 2 rejected by venue");
    assertThat(lines.get(2)).startsWith(" 2  2026-11-24 11:00:00  rejected").contains("Kraken");
    assertThat(lines.get(3)).isEmpty();
    assertThat(lines.get(4))
        .isEqualTo("2 of 3 matching records shown, newest first (raise --limit to see more)");
    // the summary adds up each status apart: an estimate of a rejected record is not a profit
    assertThat(lines.get(5)).isEmpty();
    assertThat(lines.get(6)).startsWith("all matching records by status:");
    assertThat(lines.subList(7, lines.size()))
        .hasSize(4)
        .satisfies(l -> assertThat(l.get(0)).matches("status +start +records +estimated profit"))
        .satisfies(l -> assertThat(l.get(1)).matches("sized +USD +1 +1\\.5"))
        .satisfies(l -> assertThat(l.get(2)).matches("rejected +USD +1 +0\\.1"))
        .satisfies(l -> assertThat(l.get(3)).matches("failed +USD +1 +0\\.4"));
  }

  @Test
  void tableRoundsProfitsForPeopleAndWideShowsTheReasonInFull() throws Exception {
    saveFixture();
    String reason =
        "balance: binanceus has 0 USDT, leg USDT>ADA on binanceus needs 12.5; on paper, set"
            + " arb.paper.balances.binanceus.USDT";
    save(
        record(
            Instant.parse("2026-11-26T00:00:00Z"),
            OpportunityStatus.REJECTED,
            "USDT",
            List.of("binanceus"),
            List.of("USDT", "TRX", "BTC"),
            "0.00036047247071999001648",
            13,
            reason));
    CliRun table = history("--limit", "1");
    assertThat(table.out()).contains(" 0.00036047 ").doesNotContain("0.000360472470");
    assertThat(table.out())
        .doesNotContain(reason)
        .contains("balance: binanceus has 0 USDT, leg US...");
    CliRun wide = history("--limit", "1", "--wide");
    assertThat(wide.out()).contains(reason);
    // the exact value stays in --json
    assertThat(
            JSON.readTree(history("--limit", "1", "--json").out())
                .get(0)
                .get("estimated_profit")
                .asText())
        .isEqualTo("0.00036047247071999001648");
  }

  @Test
  void tableSaysWhenNothingMatches() {
    saveFixture();
    CliRun r = history("--exchange", "kucoin");
    assertThat(r.out()).isEqualTo("no records match\n");
  }

  @Test
  void csvHasAHeaderAndQuotesFieldsWithCommasAndQuotes() {
    saveFixture();
    CliRun r = history("--csv", "--status", "rejected");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    assertThat(r.out().split("\r\n", -1))
        .containsExactly(
            "id,detected_at,status,start_asset,exchanges,assets,estimated_profit,return_bp,"
                + "realized_profit,reason,path,solution,instance",
            "2,2026-11-24T11:00:00Z,rejected,USD,Kraken,USD;ETH,0.1,1,,"
                + "\"profit 1 bp, below 5 bp, \"\"min-profit\"\"\","
                + "\"{\"\"nodes\"\":[\"\"USD\"\",\"\"ETH\"\"],\"\"legs\"\":[]}\","
                + "\"{\"\"amounts\"\":[\"\"100\"\"]}\",desk-1",
            "");
  }

  @Test
  void instanceShowsOnlyTheRecordsThatProcessStored() throws Exception {
    saveFixture();
    saveAs(
        "desk-2",
        record(
            T0.plusSeconds(60),
            OpportunityStatus.DETECTED,
            "USD",
            List.of("bitstamp"),
            List.of("USD", "BTC"),
            "2",
            20,
            null));
    JsonNode other = JSON.readTree(history("--json", "--instance", "desk-2").out());
    assertThat(other).hasSize(1);
    assertThat(other.get(0).get("instance").asText()).isEqualTo("desk-2");
    assertThat(other.get(0).get("estimated_profit").asText()).isEqualTo("2");
    JsonNode first = JSON.readTree(history("--json", "--instance", "desk-1").out());
    assertThat(first).hasSize(5);
    assertThat(JSON.readTree(history("--json").out())).hasSize(6);
  }

  @Test
  void badSinceIsAUsageErrorNamingTheOptionAndTheAcceptedForms() {
    CliRun r = history("--since", "yesterday");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("--since", "'yesterday' is not a time", "2h", "2026-11-24");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void unknownStatusIsAUsageErrorListingTheAllowedOnes() {
    CliRun r = history("--status", "sized,won");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err())
        .contains("--status", "unknown status 'won'", "detected", "rejected", "executed", "failed");
  }

  @Test
  void conflictingOrNonsenseOptionsAreUsageErrors() {
    assertThat(history("--json", "--csv").exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(history("--limit", "0").err()).contains("--limit must be at least 1, got 0");
    CliRun inverted = history("--since", "2026-11-25", "--until", "2026-11-24");
    assertThat(inverted.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(inverted.err()).contains("--since (2026-11-25T00:00:00Z) must be before --until");
  }

  @Test
  void databaseNewerThanThisArbFailsWithWhatToDo() throws Exception {
    saveFixture();
    try (SqliteDatabase db =
        SqliteDatabase.open(dataDir.resolve("arb.db"), Duration.ofSeconds(5))) {
      // another arb's future schema version
      try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db.file());
          var s = c.createStatement()) {
        s.execute(
            "INSERT INTO schema_version (version, description, applied_at)"
                + " VALUES (99, 'future', '2030-01-01T00:00:00Z')");
      }
    }
    CliRun r = history("--json");
    assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(r.err())
        .contains(
            "has schema version 99 but this arb knows up to "
                + dev.arb.storage.Migrations.standard().latestVersion()
                + "; upgrade arb (or use another"
                + " --data-dir)");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void databasePathThatIsADirectoryIsAClearFailure() throws Exception {
    Files.createDirectories(dataDir.resolve("arb.db"));
    CliRun r = history("--json");
    assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(r.err())
        .isEqualTo(
            "arb: could not open "
                + dataDir.resolve("arb.db")
                + ": it is a directory; move it away or use another --data-dir\n");
    assertThat(r.out()).isEmpty();
  }
}
