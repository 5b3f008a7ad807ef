package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.storage.SqliteDatabase;
import dev.arb.storage.SqliteExecutionRepository;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code arb run --dry-run} on a replayed snapshot, then {@code arb history --executed}. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DryRunIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private Map<String, String> env() {
    return Map.of("HOME", dir.toString());
  }

  private Path config(String risk) throws Exception {
    Path conf = dir.resolve("arb.conf");
    Files.writeString(
        conf,
        "arb.http.enabled = false\n"
            + "arb.paper.balances { binanceus { USD = \"100000\", USDT = \"100000\","
            + " BTC = \"5\", ETH = \"50\" } }\n"
            + risk);
    return conf;
  }

  private CliRun run(Path conf, Path sample) {
    return CliRun.run(
        env(),
        "--config",
        conf.toString(),
        "--data-dir",
        dir.resolve("data").toString(),
        "run",
        "--dry-run",
        "--input",
        sample.toString(),
        "--exit-at-end");
  }

  private CliRun history(Path conf, String... more) {
    String[] args = new String[4 + more.length];
    args[0] = "--config";
    args[1] = conf.toString();
    args[2] = "--data-dir";
    args[3] = dir.resolve("data").toString();
    System.arraycopy(more, 0, args, 4, more.length);
    return CliRun.run(env(), args);
  }

  @Test
  void paperTradesTheSnapshotsOpportunitiesAndHistoryShowsExpectedVsRealized() throws Exception {
    Path conf = config("arb.risk.slippage-buffer-bp = 0\n");
    Path sample = RunCommandIT.sampleFile(dir);

    CliRun r = run(conf, sample);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);

    CliRun h = history(conf, "history", "--executed", "--json");
    assertThat(h.exitCode()).as(h.err()).isEqualTo(ExitCode.OK);
    JsonNode rows = JSON.readTree(h.out());
    assertThat(rows.size()).isPositive();
    int executed = 0;
    for (JsonNode row : rows) {
      BigDecimal expected = new BigDecimal(row.get("expected_profit").asText());
      BigDecimal realized = new BigDecimal(row.get("realized_profit").asText());
      assertThat(row.get("expected_profit").isTextual()).isTrue();
      assertThat(row.get("realized_profit").isTextual()).isTrue();
      assertThat(new BigDecimal(row.get("difference").asText()))
          .isEqualByComparingTo(realized.subtract(expected));
      if (row.get("status").asText().equals("executed")) {
        executed++;
        // paper fills walk the very books the plan was sized on: realized is the expected profit
        assertThat(realized).isEqualByComparingTo(expected);
      }
    }
    assertThat(executed).isPositive();

    CliRun table = history(conf, "history", "--executed");
    assertThat(table.out())
        .contains("expected total")
        .contains("realized total")
        .contains("paper balances")
        .contains("binanceus");
  }

  @Test
  void withNoConfigurationAtAllTheBundledSampleIsPaperTradedFromTheDefaultWallet()
      throws Exception {
    String data = dir.resolve("data").toString();
    CliRun r =
        CliRun.run(
            env(), "--data-dir", data, "run", "--dry-run", "--http-port", "0", "--exit-at-end");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    JsonNode rows = JSON.readTree(CliRun.run(env(), "--data-dir", data, "history", "--json").out());
    int executed = 0;
    for (JsonNode row : rows) {
      assertThat(row.path("reason").asText()).doesNotContain("balance:");
      if (row.get("status").asText().equals("executed")) {
        executed++;
      }
    }
    assertThat(executed).as(rows.toString()).isPositive();
    CliRun table = CliRun.run(env(), "--data-dir", data, "history", "--executed");
    // the start asset on paper: 1,000 from the default wallet, and the profit on top
    assertThat(table.out())
        .contains("paper balances")
        .containsPattern("binanceus +USDT? +1000\\.[0-9]+\\n");
  }

  @Test
  void withoutADefaultWalletAMissingBalanceSaysWhichKeyToSet() throws Exception {
    Path conf = dir.resolve("none.conf");
    Files.writeString(conf, "arb.http.enabled = false\narb.paper.default-balance = 0\n");
    CliRun r = run(conf, RunCommandIT.sampleFile(dir));
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    JsonNode rows = JSON.readTree(history(conf, "history", "--json").out());
    assertThat(rows.size()).isPositive();
    for (JsonNode row : rows) {
      String reason = row.get("reason").asText();
      assertThat(reason).startsWith("balance: binanceus has 0 ");
      String asset = reason.substring("balance: binanceus has 0 ".length()).split(",")[0];
      assertThat(reason).endsWith("; on paper, set arb.paper.balances.binanceus." + asset);
    }
  }

  @Test
  void paperSlippageMakesEveryTradedCycleRealizeLessThanExpected() throws Exception {
    Path conf =
        config(
            "arb.risk.slippage-buffer-bp = 0\narb.paper.slippage-bp = 1\n"
                + "arb.trading.legs = concurrent\n");
    Path sample = RunCommandIT.sampleFile(dir);

    CliRun r = run(conf, sample);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);

    JsonNode rows = JSON.readTree(history(conf, "history", "--executed", "--json").out());
    assertThat(rows.size()).isPositive();
    for (JsonNode row : rows) {
      BigDecimal expected = new BigDecimal(row.get("expected_profit").asText());
      BigDecimal realized = new BigDecimal(row.get("realized_profit").asText());
      // 1 bp worse on every fill of every leg: never the plan's profit, always less
      assertThat(realized).isLessThan(expected);
    }
  }

  @Test
  void paperLatencyFillsOnTheReplaysNextSnapshotSoAWorseOneRealizesLess() throws Exception {
    Path conf = config("arb.risk.slippage-buffer-bp = 0\narb.paper.latency = 100ms\n");
    Path first = RunCommandIT.sampleFile(dir);
    // the same books 50 ms later with half the liquidity (a worse price would not fill at all: each
    // order's limit is the worst price of the books it was sized on)
    JsonNode later = JSON.readTree(first.toFile());
    for (JsonNode ex : later.get("exchanges")) {
      for (JsonNode m : ex.get("markets")) {
        com.fasterxml.jackson.databind.node.ObjectNode market =
            (com.fasterxml.jackson.databind.node.ObjectNode) m;
        market.put(
            "observed_at", Instant.parse(m.get("observed_at").asText()).plusMillis(50).toString());
        halve(m.get("bids"));
        halve(m.get("asks"));
      }
    }
    Path second = dir.resolve("later.snapshot.json");
    JSON.writeValue(second.toFile(), later);

    CliRun r =
        CliRun.run(
            env(),
            "--config",
            conf.toString(),
            "--data-dir",
            dir.resolve("data").toString(),
            "run",
            "--dry-run",
            "--input",
            first.toString(),
            "--input",
            second.toString(),
            "--exit-at-end");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);

    JsonNode rows = JSON.readTree(history(conf, "history", "--executed", "--json").out());
    BigDecimal worst = null;
    for (JsonNode row : rows) {
      if (row.get("realized_profit").isTextual()) {
        BigDecimal diff = new BigDecimal(row.get("difference").asText());
        worst = worst == null ? diff : worst.min(diff);
      }
    }
    // the first snapshot's cycles were sized on its books and filled on the thinner ones
    assertThat(worst)
        .as(rows + "\n" + r.out() + "\n" + history(conf, "history", "--json").out())
        .isNotNull();
    assertThat(worst).as(rows.toString()).isNegative();
  }

  private static void halve(JsonNode levels) {
    for (JsonNode level : levels) {
      com.fasterxml.jackson.databind.node.ArrayNode l =
          (com.fasterxml.jackson.databind.node.ArrayNode) level;
      BigDecimal half = new BigDecimal(l.get(1).asText()).multiply(new BigDecimal("0.5"));
      l.set(1, l.textNode(half.toPlainString()));
    }
  }

  @Test
  void aDailyLossBeyondTheLimitTripsTheDaemonsKillSwitch() throws Exception {
    Path conf = config("arb.risk.daily-loss-limit = 5\narb.http.enabled = true\n");
    Path sample = RunCommandIT.sampleFile(dir);
    Files.createDirectories(dir.resolve("data"));
    try (SqliteDatabase db =
        SqliteDatabase.open(dir.resolve("data").resolve("arb.db"), Duration.ofSeconds(5))) {
      PaperTraderIT.lostTenToday(
          db, PaperTraderIT.firstPlan(PaperTraderIT.scanSample()), Instant.now());
    }

    // the kill switch holds the daemon (it does not read on to the end of the input): stop it
    try (InProcessDaemon d =
        new InProcessDaemon(
            env(),
            "--config",
            conf.toString(),
            "--data-dir",
            dir.resolve("data").toString(),
            "run",
            "--dry-run",
            "--input",
            sample.toString(),
            "--http-port",
            "0")) {
      JsonNode status = d.awaitStatus(s -> s.get("kill_switch").asBoolean());
      assertThat(status.get("kill_switch").asBoolean()).isTrue();
    }

    CliRun h = history(conf, "history", "--executed", "--json");
    assertThat(JSON.readTree(h.out()).size()).isZero();
    try (SqliteDatabase db =
        SqliteDatabase.open(dir.resolve("data").resolve("arb.db"), Duration.ofSeconds(5))) {
      assertThat(new SqliteExecutionRepository(db).count()).isEqualTo(1);
    }
  }

  @Test
  void maxTradeNotionalRefusesEveryTradeAndNothingIsExecuted() throws Exception {
    Path conf = config("arb.risk.max-trade-notional = \"0.000000001\"\n");
    Path sample = RunCommandIT.sampleFile(dir);

    CliRun r = run(conf, sample);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);

    CliRun h = history(conf, "history", "--executed", "--json");
    assertThat(JSON.readTree(h.out()).size()).isZero();
    CliRun rejected = history(conf, "history", "--status", "rejected", "--json");
    assertThat(rejected.out()).contains("above max-trade-notional 0.000000001");
  }
}
