package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.config.ArbConfig;
import dev.arb.config.ConfigLoader;
import dev.arb.daemon.trade.KillSwitch;
import dev.arb.daemon.trade.PaperTrader;
import dev.arb.daemon.trade.ScanResult;
import dev.arb.daemon.trade.TradingService;
import dev.arb.engine.execution.RiskLimits;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.path.PathQuery;
import dev.arb.engine.record.ExecutionResult;
import dev.arb.engine.record.ExecutionStatus;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.record.OpportunityStatus;
import dev.arb.engine.sample.SampleSnapshot;
import dev.arb.engine.scan.Opportunity;
import dev.arb.engine.scan.OpportunityRecords;
import dev.arb.engine.scan.ScanReport;
import dev.arb.engine.scan.ScanRequest;
import dev.arb.engine.scan.Scanner;
import dev.arb.engine.sizing.TradePlan;
import dev.arb.storage.SqliteDatabase;
import dev.arb.storage.SqliteExecutionRepository;
import dev.arb.storage.SqliteRecordStore;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The paper trader against the kill switch: engaged means no trade; the daily loss trips it. */
class PaperTraderIT {
  private static final Instant T = Instant.parse("2026-11-24T08:00:00Z");
  private static final Clock CLOCK = Clock.fixed(T, ZoneOffset.UTC);

  @TempDir Path dir;

  /** A kill switch that records its trip. */
  static final class FakeKillSwitch implements KillSwitch {
    boolean engaged;
    String tripped;

    @Override
    public boolean engaged() {
      return engaged;
    }

    @Override
    public void trip(String reason) {
      tripped = reason;
      engaged = true;
    }
  }

  private ArbConfig config(String risk) throws Exception {
    Path conf = dir.resolve("arb.conf");
    Files.writeString(
        conf,
        "arb.paper.balances { binanceus { USD = \"100000\", USDT = \"100000\","
            + " BTC = \"5\", ETH = \"50\" } }\n"
            + "arb.risk.slippage-buffer-bp = 0\n"
            + risk);
    return ConfigLoader.load(Optional.of(conf), Map.of("HOME", dir.toString()), Map.of()).config();
  }

  /** Paper trading on {@code db} under {@code cfg}, as {@code arb run --dry-run} does. */
  private static PaperTrader paper(SqliteDatabase db, ArbConfig cfg) {
    return TradingService.open(
            SqliteRecordStore.over(db, cfg.storage(), RiskLimits.of(cfg.risk())), cfg, CLOCK)
        .paper();
  }

  static ScanResult scanSample() {
    MarketSnapshot s = SampleSnapshot.load();
    ScanReport report =
        Scanner.scan(
            s,
            new ScanRequest(
                new PathQuery(5, 10, List.of(), OptionalDouble.of(0), true),
                Optional.empty(),
                Optional.empty()));
    List<OpportunityRecord> records = new ArrayList<>();
    for (Opportunity o : report.opportunities()) {
      records.add(OpportunityRecords.of(o, "sample", T));
    }
    return new ScanResult(report.markets(), records, report.opportunities(), Optional.of(s));
  }

  static TradePlan firstPlan(ScanResult r) {
    return r.opportunities().stream()
        .filter(o -> o.plan().isPresent())
        .findFirst()
        .orElseThrow()
        .plan()
        .get();
  }

  /** Stores an execution of today that lost 10 of its start asset. */
  static void lostTenToday(SqliteDatabase db, TradePlan plan, Instant at) {
    ExecutionResult loss =
        new ExecutionResult(
            plan,
            ExecutionStatus.UNWOUND,
            List.of(),
            List.of(),
            plan.startAmount().add(BigDecimal.TEN),
            plan.startAmount(),
            List.of(),
            "earlier unwind");
    new SqliteExecutionRepository(db).save(loss, "paper", at, at, null);
  }

  @Test
  void aDayThatAlreadyLostBeyondTheLimitTripsTheKillSwitchAndTradesNothing() throws Exception {
    ScanResult scan = scanSample();
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("arb.db"), Duration.ofSeconds(5))) {
      lostTenToday(db, firstPlan(scan), T.minus(Duration.ofHours(1)));
      PaperTrader trader = paper(db, config("arb.risk.daily-loss-limit = 5\n"));
      FakeKillSwitch ks = new FakeKillSwitch();

      List<OpportunityRecord> out = trader.trade(scan, ks);

      assertThat(ks.tripped).startsWith("daily loss limit: 10 ").endsWith("lost today, limit 5");
      assertThat(out).noneMatch(r -> r.status() == OpportunityStatus.EXECUTED);
      assertThat(new SqliteExecutionRepository(db).count()).isEqualTo(1);
    }
  }

  @Test
  void belowTheLimitTheSameScanIsTraded() throws Exception {
    ScanResult scan = scanSample();
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("arb.db"), Duration.ofSeconds(5))) {
      lostTenToday(db, firstPlan(scan), T.minus(Duration.ofHours(1)));
      PaperTrader trader = paper(db, config("arb.risk.daily-loss-limit = 50\n"));
      FakeKillSwitch ks = new FakeKillSwitch();

      List<OpportunityRecord> out = trader.trade(scan, ks);

      assertThat(ks.tripped).isNull();
      assertThat(out).anyMatch(r -> r.status() == OpportunityStatus.EXECUTED);
      assertThat(new SqliteExecutionRepository(db).count()).isGreaterThan(1);
    }
  }

  @Test
  void anEngagedKillSwitchStartsNoTrade() throws Exception {
    ScanResult scan = scanSample();
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("arb.db"), Duration.ofSeconds(5))) {
      PaperTrader trader = paper(db, config(""));
      FakeKillSwitch ks = new FakeKillSwitch();
      ks.engaged = true;

      List<OpportunityRecord> out = trader.trade(scan, ks);

      assertThat(out).isEqualTo(scan.records());
      assertThat(new SqliteExecutionRepository(db).count()).isZero();
      assertThat(trader.balances())
          .extracting(h -> h.asset().toString() + "=" + h.amount().toPlainString())
          .containsExactly("BTC=5", "ETH=50", "USD=100000", "USDT=100000");
    }
  }
}
