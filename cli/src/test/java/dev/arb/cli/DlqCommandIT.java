package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.engine.execution.Books;
import dev.arb.engine.execution.ExecutionPolicy;
import dev.arb.engine.execution.ProfitThreshold;
import dev.arb.engine.model.Asset;
import dev.arb.engine.paper.PaperBalances;
import dev.arb.engine.paper.PaperOrderExecutor;
import dev.arb.engine.record.DeadLetter;
import dev.arb.engine.record.DeadLetterStatus;
import dev.arb.engine.record.ExecutionResult;
import dev.arb.engine.record.ExecutionStatus;
import dev.arb.engine.record.Holding;
import dev.arb.engine.sample.SampleSnapshot;
import dev.arb.engine.sizing.TradePlan;
import dev.arb.storage.SqliteDatabase;
import dev.arb.storage.SqliteDeadLetterRepository;
import dev.arb.storage.SqliteExecutionRepository;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code arb dlq list|show|retry|drop} on dead letters the real execution policy produced on the
 * bundled Binance.US sample (paper), and every verb's bad input.
 */
class DlqCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T = Instant.parse("2026-11-24T08:00:00Z");
  private static final String BALANCES =
      "arb.paper.balances { binanceus { USD = \"100000\", USDT = \"100000\","
          + " BTC = \"5\", ETH = \"50\" } }\n";

  @TempDir Path dir;

  private Path conf;
  private final TradePlan plan = PaperTraderIT.firstPlan(PaperTraderIT.scanSample());

  private Path db() {
    return dir.resolve("data").resolve("arb.db");
  }

  private CliRun arb(String... args) throws Exception {
    if (conf == null) {
      conf = dir.resolve("arb.conf");
      Files.writeString(conf, BALANCES + "arb.risk.slippage-buffer-bp = 0\n");
    }
    String[] all = new String[4 + args.length];
    all[0] = "--config";
    all[1] = conf.toString();
    all[2] = "--data-dir";
    all[3] = dir.resolve("data").toString();
    System.arraycopy(args, 0, all, 4, args.length);
    return CliRun.run(Map.of("HOME", dir.toString()), all);
  }

  private SqliteDatabase open() throws Exception {
    Files.createDirectories(db().getParent());
    return SqliteDatabase.open(db(), Duration.ofSeconds(5));
  }

  private static List<Holding> initial() {
    return List.of(
        new Holding("binanceus", Asset.of("USD"), new BigDecimal("100000")),
        new Holding("binanceus", Asset.of("USDT"), new BigDecimal("100000")),
        new Holding("binanceus", Asset.of("BTC"), new BigDecimal("5")),
        new Holding("binanceus", Asset.of("ETH"), new BigDecimal("50")));
  }

  /**
   * Leg 1 fills on paper; then every book vanishes (the exchange went dark), so the re-check stops
   * the cycle and the unwind finds no market: what leg 1 bought is stranded. Stored as the daemon
   * stores it, the ledger with it.
   */
  private ExecutionResult strandAfterLegOne(SqliteDatabase db) {
    SqliteExecutionRepository repo = new SqliteExecutionRepository(db);
    repo.seedPaperLedger(initial(), T);
    PaperBalances ledger = new PaperBalances(repo.paperBalances());
    Books all = Books.of(SampleSnapshot.load().books());
    AtomicInteger asked = new AtomicInteger();
    ExecutionResult r =
        ExecutionPolicy.execute(
            plan,
            () -> asked.getAndIncrement() == 0 ? all : Books.of(List.of()),
            new PaperOrderExecutor(all, ledger),
            ProfitThreshold.anyProfit(),
            "t");
    repo.save(r, "paper", T, T, ledger.holdings());
    return r;
  }

  /** The first order found no paper balance (an empty ledger at the time): nothing traded. */
  private void firstOrderFails(SqliteDatabase db, String mode) {
    SqliteExecutionRepository repo = new SqliteExecutionRepository(db);
    repo.seedPaperLedger(initial(), T);
    Books all = Books.of(SampleSnapshot.load().books());
    ExecutionResult r =
        ExecutionPolicy.execute(
            plan,
            () -> all,
            new PaperOrderExecutor(all, new PaperBalances(List.of())),
            ProfitThreshold.anyProfit(),
            "t");
    assertThat(r.status()).isEqualTo(ExecutionStatus.ABORTED);
    repo.save(r, mode, T, T, null);
  }

  private DeadLetter only(SqliteDatabase db, DeadLetterStatus status) {
    List<DeadLetter> l =
        new SqliteDeadLetterRepository(db)
            .list(new SqliteDeadLetterRepository.Query(Set.of(status), Optional.empty(), 10));
    assertThat(l).hasSize(1);
    return l.get(0);
  }

  @Test
  void listShowAndRetryOfAStrandedPaperCycleSellsTheLeftoverBack() throws Exception {
    ExecutionResult stranded;
    long id;
    try (SqliteDatabase db = open()) {
      stranded = strandAfterLegOne(db);
      id = only(db, DeadLetterStatus.OPEN).id();
    }
    assertThat(stranded.status()).isEqualTo(ExecutionStatus.STRANDED);
    Holding left = stranded.leftover().get(0);
    Asset start = plan.cycle().startAsset();

    CliRun list = arb("dlq", "list");
    assertThat(list.exitCode()).as(list.err()).isEqualTo(ExitCode.OK);
    assertThat(list.out())
        .contains("unwind_incomplete")
        .contains("open")
        .contains("paper")
        .contains("stranded: re-check before leg 2");

    CliRun json = arb("dlq", "list", "--json");
    JsonNode rows = JSON.readTree(json.out());
    assertThat(rows.size()).isEqualTo(1);
    assertThat(rows.get(0).at("/context/leftover/0/amount").asText())
        .isEqualTo(left.amount().toPlainString());
    assertThat(rows.get(0).at("/context/plan/legs/0/market").asText())
        .isEqualTo(plan.cycle().legs().get(0).market().id());

    CliRun show = arb("dlq", "show", Long.toString(id));
    assertThat(show.exitCode()).as(show.err()).isEqualTo(ExitCode.OK);
    assertThat(show.out())
        .contains("dead letter " + id)
        .contains("kind:        unwind_incomplete")
        .contains(
            "still held: "
                + left.amount().toPlainString()
                + " "
                + left.asset()
                + " on "
                + left.exchange())
        .contains("\"leftover\"")
        .contains("\"risk\"");

    CliRun retry = arb("dlq", "retry", Long.toString(id), "--dry-run", "--json");
    assertThat(retry.exitCode()).as(retry.err()).isEqualTo(ExitCode.OK);
    JsonNode out = JSON.readTree(retry.out());
    assertThat(out.get("status").asText()).isEqualTo("retried");
    assertThat(out.get("execution_status").asText()).isEqualTo("unwound");
    BigDecimal back = new BigDecimal(out.get("realized_profit").asText());
    assertThat(back).isPositive();
    assertThat(out.get("new_dead_letter").isNull()).isTrue();

    try (SqliteDatabase db = open()) {
      DeadLetter d = new SqliteDeadLetterRepository(db).find(id).orElseThrow();
      assertThat(d.status()).isEqualTo(DeadLetterStatus.RETRIED);
      assertThat(d.resolution().orElseThrow())
          .startsWith("retried on paper: sold back to " + start + ", received " + back)
          .endsWith("(execution " + out.get("execution_id").asLong() + ")");
      SqliteExecutionRepository repo = new SqliteExecutionRepository(db);
      assertThat(repo.count()).isEqualTo(2);
      // the ledger no longer holds the leftover, and got the start asset back
      BigDecimal heldNow =
          repo.paperBalances().stream()
              .filter(h -> h.asset().equals(left.asset()) && h.exchange().equals(left.exchange()))
              .map(Holding::amount)
              .findFirst()
              .orElse(BigDecimal.ZERO);
      BigDecimal initialHeld =
          initial().stream()
              .filter(h -> h.asset().equals(left.asset()))
              .map(Holding::amount)
              .findFirst()
              .orElse(BigDecimal.ZERO);
      assertThat(heldNow).isLessThan(initialHeld.add(left.amount()));
    }

    CliRun again = arb("dlq", "retry", Long.toString(id), "--dry-run");
    assertThat(again.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(again.err())
        .contains("dead letter " + id + " is retried")
        .contains("only open dead letters can be retried or dropped");
    assertThat(arb("dlq", "list").out()).contains("no open dead letters match");
    assertThat(arb("dlq", "list", "--status", "retried").out()).contains("retried");
  }

  @Test
  void retryOfAFailedFirstOrderReSizesAndExecutesTheCycle() throws Exception {
    long id;
    try (SqliteDatabase db = open()) {
      firstOrderFails(db, "paper");
      DeadLetter d = only(db, DeadLetterStatus.OPEN);
      assertThat(d.kind()).isEqualTo("order_failed");
      assertThat(d.error()).contains("no paper balance");
      id = d.id();
    }

    CliRun retry = arb("dlq", "retry", Long.toString(id), "--dry-run");
    assertThat(retry.exitCode()).as(retry.err()).isEqualTo(ExitCode.OK);
    assertThat(retry.out()).contains("dead letter " + id + " retried on paper: executed, realized");

    try (SqliteDatabase db = open()) {
      DeadLetter d = new SqliteDeadLetterRepository(db).find(id).orElseThrow();
      assertThat(d.status()).isEqualTo(DeadLetterStatus.RETRIED);
      List<SqliteExecutionRepository.Summary> runs =
          new SqliteExecutionRepository(db).since(Instant.EPOCH);
      assertThat(runs).hasSize(2);
      // re-sized on the same sample books with a funded ledger: the sample's first cycle again
      assertThat(runs)
          .filteredOn(r -> r.realizedProfit().signum() > 0)
          .singleElement()
          .satisfies(r -> assertThat(r.startAsset()).isEqualTo(plan.cycle().startAsset()));
    }
  }

  @Test
  void aRetryTheRiskLimitsRefuseKeepsTheDeadLetterOpenWithTheNewError() throws Exception {
    long id;
    try (SqliteDatabase db = open()) {
      firstOrderFails(db, "paper");
      id = only(db, DeadLetterStatus.OPEN).id();
    }
    conf = dir.resolve("arb.conf");
    Files.writeString(conf, BALANCES + "arb.risk.max-trade-notional = \"0.000001\"\n");

    CliRun retry = arb("dlq", "retry", Long.toString(id), "--dry-run", "--json");
    assertThat(retry.exitCode()).isEqualTo(ExitCode.FAILURE);
    JsonNode o = JSON.readTree(retry.out());
    assertThat(o.get("status").asText()).isEqualTo("open");
    assertThat(o.get("execution_id").isNull()).isTrue();
    assertThat(o.get("error").asText()).contains("above max-trade-notional 0.000001");
    assertThat(retry.err())
        .contains("dead letter " + id + " stays open, nothing was traded")
        .contains("above max-trade-notional 0.000001");
    try (SqliteDatabase db = open()) {
      DeadLetter d = new SqliteDeadLetterRepository(db).find(id).orElseThrow();
      assertThat(d.status()).isEqualTo(DeadLetterStatus.OPEN);
      assertThat(d.error()).startsWith("retry at ").contains("above max-trade-notional 0.000001");
      assertThat(new SqliteExecutionRepository(db).count()).isEqualTo(1);
    }
  }

  @Test
  void liveRetryIsRefusedAndAPaperRetryOfALiveDeadLetterToo() throws Exception {
    long paperId;
    long liveId;
    try (SqliteDatabase db = open()) {
      firstOrderFails(db, "paper");
      firstOrderFails(db, "live");
      List<DeadLetter> all =
          new SqliteDeadLetterRepository(db)
              .list(new SqliteDeadLetterRepository.Query(Set.of(), Optional.empty(), 10));
      liveId = all.get(0).id();
      paperId = all.get(1).id();
    }
    CliRun live = arb("dlq", "retry", Long.toString(paperId));
    assertThat(live.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(live.err())
        .contains("needs arb.trading.mode = live (it is paper)")
        .contains("nothing was sent")
        .contains("--dry-run");

    CliRun paperOfLive = arb("dlq", "retry", Long.toString(liveId), "--dry-run");
    assertThat(paperOfLive.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(paperOfLive.err())
        .contains("dead letter " + liveId + " is from live trading")
        .contains("cannot resolve it");
    try (SqliteDatabase db = open()) {
      assertThat(new SqliteDeadLetterRepository(db).find(liveId).orElseThrow().status())
          .isEqualTo(DeadLetterStatus.OPEN);
      assertThat(new SqliteExecutionRepository(db).count()).isEqualTo(2);
    }
  }

  @Test
  void dropNeedsAReasonKeepsTheRowAndOnlyOnce() throws Exception {
    long id;
    try (SqliteDatabase db = open()) {
      strandAfterLegOne(db);
      id = only(db, DeadLetterStatus.OPEN).id();
    }
    CliRun noReason = arb("dlq", "drop", Long.toString(id));
    assertThat(noReason.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(noReason.err()).contains("Missing required option: '--reason=TEXT'");
    CliRun blank = arb("dlq", "drop", Long.toString(id), "--reason", "  ");
    assertThat(blank.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(blank.err()).contains("--reason must say why");

    CliRun drop = arb("dlq", "drop", Long.toString(id), "--reason", "sold by hand");
    assertThat(drop.exitCode()).as(drop.err()).isEqualTo(ExitCode.OK);
    assertThat(drop.out()).contains("dead letter " + id + " dropped: sold by hand");

    CliRun twice = arb("dlq", "drop", Long.toString(id), "--reason", "again");
    assertThat(twice.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(twice.err()).contains("is dropped since").contains("(sold by hand)");

    JsonNode rows = JSON.readTree(arb("dlq", "list", "--status", "dropped", "--json").out());
    assertThat(rows.size()).isEqualTo(1);
    assertThat(rows.get(0).get("resolution").asText()).isEqualTo("sold by hand");
    assertThat(rows.get(0).get("resolved_at").asText()).isNotEmpty();
  }

  @Test
  void badInputIsAUsageErrorThatSaysWhatToDo() throws Exception {
    CliRun none = arb("dlq", "list");
    assertThat(none.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(none.out()).contains("no dead letters (").contains("does not exist yet");
    assertThat(Files.exists(db())).isFalse();

    CliRun missing = arb("dlq", "show", "42");
    assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(missing.err()).contains("no dead letter 42 in").contains("arb dlq list");

    try (SqliteDatabase db = open()) {
      strandAfterLegOne(db);
    }
    assertThat(arb("dlq", "retry", "42", "--dry-run").err()).contains("no dead letter 42");
    assertThat(arb("dlq", "drop", "42", "--reason", "x").exitCode()).isEqualTo(ExitCode.USAGE);

    CliRun status = arb("dlq", "list", "--status", "stuck");
    assertThat(status.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(status.err()).contains("unknown dead-letter status 'stuck'").contains("open");

    CliRun limit = arb("dlq", "list", "--limit", "0");
    assertThat(limit.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(limit.err()).contains("--limit must be at least 1");

    assertThat(arb("dlq", "list", "--since", "2026-11-25").out())
        .contains("no open dead letters match");
    assertThat(arb("dlq", "list", "--since", "2026-11-24").out()).contains("unwind_incomplete");

    CliRun notAnId = arb("dlq", "show", "three");
    assertThat(notAnId.exitCode()).isEqualTo(ExitCode.USAGE);

    CliRun noInput =
        arb("dlq", "retry", "1", "--dry-run", "--input", dir.resolve("nope.json").toString());
    assertThat(noInput.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(noInput.err()).contains("--input").contains("does not exist or cannot be read");

    CliRun bare = arb("dlq");
    assertThat(bare.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(bare.err()).contains("a subcommand is required: list, show, retry or drop");
  }

  @Test
  void aDryRunWhoseFillsSlipTooMuchLeavesDeadLettersWithTheRiskLimitsOfTheTime() throws Exception {
    conf = dir.resolve("arb.conf");
    // 50 bp worse on every fill: after the first leg the rest of a cycle no longer pays
    Files.writeString(
        conf,
        BALANCES
            + "arb.http.enabled = false\narb.paper.slippage-bp = 50\n"
            + "arb.risk { slippage-buffer-bp = 0, max-trade-notional = \"100000\" }\n");
    CliRun run =
        arb(
            "run",
            "--dry-run",
            "--input",
            RunCommandIT.sampleFile(dir).toString(),
            "--exit-at-end");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);

    JsonNode open = JSON.readTree(arb("dlq", "list", "--json").out());
    assertThat(open.size()).isPositive();
    for (JsonNode d : open) {
      assertThat(d.get("kind").asText()).isIn("cycle_failed", "unwind_incomplete");
      assertThat(d.at("/context/mode").asText()).isEqualTo("paper");
      assertThat(d.at("/context/risk/max_trade_notional").asText()).isEqualTo("100000");
      assertThat(d.at("/context/risk/max_open_cycles").asInt()).isEqualTo(1);
      assertThat(d.at("/context/fills/0/order_id").asText()).startsWith("paper-p");
      assertThat(d.get("error").asText()).contains("re-check before leg");
    }
    try (SqliteDatabase db = open()) {
      // one dead letter per execution that did not end as planned (traded, then unwound at a
      // loss), none for the others (executed with a profit, or aborted with none)
      long failed =
          new SqliteExecutionRepository(db)
              .since(Instant.EPOCH).stream().filter(x -> x.realizedProfit().signum() < 0).count();
      assertThat((long) open.size()).isEqualTo(failed);
    }
  }

  @Test
  void helpTeachesTheVerbsAndWhatRetryDoes() throws Exception {
    CliRun help = arb("dlq", "--help");
    assertThat(help.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(help.out())
        .contains("arb dlq retry 3 --dry-run")
        .contains("arb dlq drop 3 --reason")
        .contains("same transaction");
    CliRun retry = arb("dlq", "retry", "--help");
    assertThat(retry.out())
        .contains("sold back to the start asset")
        .contains("re-sized on the current books")
        .contains("leftover holdings are sold back")
        .contains("with live orders");
  }
}
