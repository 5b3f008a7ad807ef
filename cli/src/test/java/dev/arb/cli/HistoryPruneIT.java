package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.cli.wiring.Stores;
import dev.arb.config.ArbConfig;
import dev.arb.config.ConfigLoader;
import dev.arb.engine.port.RecordStore;
import dev.arb.engine.record.HistoryQuery;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.record.OpportunityStatus;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code arb history prune} on a SQLite store holding records of several ages, and {@code
 * arb.run.retention} applied by a daemon at start.
 */
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HistoryPruneIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private Map<String, String> env() {
    return Map.of("HOME", dir.toString());
  }

  private ArbConfig config() {
    return ConfigLoader.load(
            Optional.empty(), env(), Map.of("arb.data-dir", dir.resolve("data").toString()))
        .config();
  }

  private static OpportunityRecord record(Instant at, OpportunityStatus status) {
    return new OpportunityRecord(
        0,
        at,
        status,
        "USD",
        List.of("kraken"),
        List.of("USD", "BTC"),
        "{\"nodes\":[\"USD\",\"BTC\"],\"legs\":[]}",
        "{}",
        new BigDecimal("0.5"),
        5.0,
        null,
        status == OpportunityStatus.REJECTED ? "below min-profit-bp" : null);
  }

  /** 40 days old: sized, rejected and executing; 10 days, 1 hour and now: sized. */
  private void seed() {
    Instant now = Instant.now();
    try (RecordStore s = Stores.open(config())) {
      s.opportunities()
          .saveAll(
              List.of(
                  record(now.minus(Duration.ofDays(40)), OpportunityStatus.SIZED),
                  record(now.minus(Duration.ofDays(40)), OpportunityStatus.REJECTED),
                  record(now.minus(Duration.ofDays(40)), OpportunityStatus.EXECUTING),
                  record(now.minus(Duration.ofDays(10)), OpportunityStatus.SIZED),
                  record(now.minus(Duration.ofHours(1)), OpportunityStatus.SIZED)));
    }
  }

  private long count() {
    try (RecordStore s = Stores.open(config())) {
      return s.opportunities().find(HistoryQuery.all(100)).size();
    }
  }

  private CliRun arb(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--data-dir";
    all[1] = dir.resolve("data").toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return CliRun.run(env(), all);
  }

  @Test
  void prunesOnlyWhatIsOlderCountingFirstOnADryRun() throws Exception {
    seed();
    CliRun dry = arb("history", "prune", "--older-than", "30d", "--dry-run", "--json");
    assertThat(dry.exitCode()).as(dry.err()).isEqualTo(ExitCode.OK);
    JsonNode d = JSON.readTree(dry.out());
    assertThat(d.path("older_than").asText()).isEqualTo("30d");
    assertThat(d.path("dry_run").asBoolean()).isTrue();
    assertThat(d.path("matched").asLong()).isEqualTo(2); // the executing one is in flight
    assertThat(d.path("deleted").asLong()).isZero();
    assertThat(count()).isEqualTo(5);

    CliRun rejected = arb("history", "prune", "--older-than", "30d", "--status", "rejected");
    assertThat(rejected.exitCode()).as(rejected.err()).isEqualTo(ExitCode.OK);
    assertThat(rejected.out()).startsWith("deleted 1 rejected records detected before ");
    assertThat(count()).isEqualTo(4);

    CliRun all = arb("history", "prune", "--older-than", "30d");
    assertThat(all.out()).startsWith("deleted 1 records").contains("(older than 30d)");
    assertThat(count()).isEqualTo(3);

    CliRun hours = arb("history", "prune", "--older-than", "2h 30m", "--json");
    JsonNode h = JSON.readTree(hours.out());
    assertThat(h.path("older_than").asText()).isEqualTo("2h 30m");
    assertThat(h.path("deleted").asLong()).isEqualTo(1); // the 10-day-old one
    try (RecordStore s = Stores.open(config())) {
      assertThat(s.opportunities().find(HistoryQuery.all(10)))
          .extracting(OpportunityRecord::status)
          .containsExactlyInAnyOrder(OpportunityStatus.SIZED, OpportunityStatus.EXECUTING);
    }
  }

  @Test
  void badAgesAndExecutingAreUsageErrorsNamingTheOption() {
    for (String bad : List.of("30x", "0d", "soon", "-5d")) {
      CliRun r = arb("history", "prune", "--older-than", bad);
      assertThat(r.exitCode()).as(bad).isEqualTo(ExitCode.USAGE);
      assertThat(r.err()).contains("--older-than").contains("'" + bad + "'");
    }
    CliRun missing = arb("history", "prune");
    assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(missing.err()).contains("--older-than");
    CliRun executing = arb("history", "prune", "--older-than", "1d", "--status", "sized,executing");
    assertThat(executing.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(executing.err()).contains("never pruned");
    // no database yet: nothing to prune, and none is created
    CliRun none = arb("history", "prune", "--older-than", "1d");
    assertThat(none.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(none.out()).startsWith("deleted 0 records");
    assertThat(dir.resolve("data").resolve("arb.db")).doesNotExist();
  }

  @Test
  void theDaemonAppliesTheConfiguredRetentionAtStart() throws Exception {
    seed();
    Path conf = Files.writeString(dir.resolve("arb.conf"), "arb.run.retention = 30d\n");
    try (InProcessDaemon d =
        new InProcessDaemon(
            env(),
            "--config",
            conf.toString(),
            "--data-dir",
            dir.resolve("data").toString(),
            "run",
            "--http-port",
            "0")) {
      d.url();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      try (RecordStore s = Stores.open(config())) {
        Instant cut = Instant.now().minus(Duration.ofDays(30));
        while (s.opportunities().countPrunable(cut, java.util.Set.of()) > 0) {
          assertThat(System.nanoTime())
              .as("old records still there: " + d.err)
              .isLessThan(deadline);
          Thread.sleep(50);
        }
        // the one left executing was marked failed at start (recovery), then deleted with the
        // others; the 10-day-old one is kept
        List<OpportunityRecord> left = s.opportunities().find(HistoryQuery.all(10_000));
        assertThat(left).noneMatch(r -> r.detectedAt().isBefore(cut));
        assertThat(left)
            .anyMatch(r -> r.detectedAt().isBefore(Instant.now().minus(Duration.ofDays(9))));
      }
    }
  }
}
