package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code arb defi demo} end to end: its own anvil, real Uniswap V2, Balancer and Aave bytecode, and
 * the attempt stored in {@code arb history}.
 */
class DefiDemoCommandIT {
  private static final Map<String, String> ENV = Map.of("HOME", "/nonexistent-home");

  @TempDir Path dataDir;

  private JsonNode history() throws Exception {
    CliRun h = CliRun.run(ENV, "--data-dir", dataDir.toString(), "history", "--json");
    assertThat(h.exitCode()).as(h.err()).isEqualTo(ExitCode.OK);
    return new ObjectMapper().readTree(h.out());
  }

  @Test
  void demoExecutesAProfitableFlashLoanAndRecordsItInHistory() throws Exception {
    CliRun r = CliRun.run(ENV, "--data-dir", dataDir.toString(), "defi", "demo", "--json");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.path("chain_id").asLong()).isEqualTo(31337);
    assertThat(j.path("sent").asBoolean()).isTrue();
    // without a premium the Balancer vault beats the flash swap on the same cycle
    assertThat(j.path("loan_source").asText()).isEqualTo("BALANCER");
    BigDecimal expected = new BigDecimal(j.path("expected_profit").asText());
    assertThat(expected).isGreaterThan(new BigDecimal("0.09"));
    assertThat(new BigDecimal(j.path("simulated_profit").asText())).isEqualByComparingTo(expected);
    assertThat(new BigDecimal(j.path("realized_profit").asText())).isEqualByComparingTo(expected);
    // the owner's WETH balance, read on chain before and after, rose by exactly that
    String gain = j.path("owner_gain").asText();
    assertThat(gain).isEqualTo(j.path("realized_profit").asText());
    assertThat(j.path("gas_used").asLong()).isBetween(100_000L, 1_000_000L);
    assertThat(j.path("tx_hash").asText()).matches("0x[0-9a-f]{64}");
    assertThat(r.err()).contains("demo: outcome: executed, tx " + j.path("tx_hash").asText());
    JsonNode record = j.path("record");
    assertThat(record.path("status").asText()).isEqualTo("executed");
    assertThat(record.path("start_asset").asText()).isEqualTo("WETH");
    assertThat(record.path("exchanges").toString())
        .isEqualTo("[\"uniswap-v2:dex-b\",\"uniswap-v2:dex-a\"]");
    assertThat(new BigDecimal(record.path("realized_profit").asText()))
        .isEqualByComparingTo(expected);
    assertThat(record.path("reason").isNull()).isTrue();
    Path db = dataDir.resolve("arb.db");
    assertThat(record.path("stored").asText()).isEqualTo(db.toString());
    assertThat(r.err())
        .contains("demo: record: executed, stored in " + db + " (see 'arb history')");

    // and 'arb history' shows it: the same exact decimal string as the on-chain gain
    JsonNode h = history();
    assertThat(h).hasSize(1);
    JsonNode stored = h.get(0);
    assertThat(stored.path("status").asText()).isEqualTo("executed");
    assertThat(stored.path("realized_profit").asText()).isEqualTo(gain);
    assertThat(stored.path("estimated_profit").asText())
        .isEqualTo(j.path("expected_profit").asText());
    assertThat(stored.path("start_asset").asText()).isEqualTo("WETH");
    assertThat(stored.path("path").path("kind").asText()).isEqualTo("flash-loan");
    assertThat(stored.path("path").path("source").asText()).isEqualTo("BALANCER");
    assertThat(stored.path("solution").path("tx_hash").asText())
        .isEqualTo(j.path("tx_hash").asText());
    assertThat(stored.path("solution").path("gas_used").asText())
        .isEqualTo(j.path("gas_used").asText());
    assertThat(stored.path("reason").isNull()).isTrue();
  }

  @Test
  void profitThatDoesNotBeatGasPlusTheMarginIsNotSentAndRecordedAsRejectedWithWhy()
      throws Exception {
    CliRun r =
        CliRun.run(
            ENV, "--data-dir", dataDir.toString(), "defi", "demo", "--margin", "1000", "--json");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.FAILURE);
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.path("sent").asBoolean()).isFalse();
    assertThat(j.path("tx_hash").isNull()).isTrue();
    assertThat(j.path("owner_gain").asText()).isEqualTo("0");
    // the simulation succeeded: it is the selective trigger that said no
    assertThat(new BigDecimal(j.path("simulated_profit").asText()))
        .isEqualByComparingTo(new BigDecimal(j.path("expected_profit").asText()));
    String simulated =
        new BigDecimal(j.path("simulated_profit").asText())
            .movePointRight(18)
            .toBigInteger()
            .toString();
    String gas =
        new BigDecimal(j.path("gas_cost_at_max_fee").asText())
            .movePointRight(18)
            .toBigInteger()
            .toString();
    String why =
        "not sent: profit "
            + simulated
            + " does not beat gas "
            + gas
            + " + margin 1000000000000000000000";
    assertThat(j.path("record").path("reason").asText()).isEqualTo(why);

    JsonNode h = history();
    assertThat(h).hasSize(1);
    assertThat(h.get(0).path("status").asText()).isEqualTo("rejected");
    assertThat(h.get(0).path("reason").asText()).isEqualTo(why);
    assertThat(h.get(0).path("realized_profit").isNull()).isTrue();
    assertThat(h.get(0).path("solution").has("tx_hash")).isFalse();
  }

  @Test
  void noRecordLeavesHistoryEmptyAndABadMarginIsAUsageError() throws Exception {
    CliRun bad = CliRun.run(ENV, "--data-dir", dataDir.toString(), "defi", "demo", "--margin=-1");
    assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(bad.err()).contains("--margin must be 0 or more WETH with at most 18 decimals");

    CliRun r = CliRun.run(ENV, "--data-dir", dataDir.toString(), "defi", "demo", "--no-record");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    assertThat(r.err()).contains("demo: record: executed (not stored: --no-record)");
    assertThat(dataDir.resolve("arb.db")).doesNotExist();
  }
}
