package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.cli.wiring.DaemonChainDemo;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code arb defi demo --scenario daemon --json} end to end on its own anvil: the daemon's chain
 * follower, given no route, over three real Uniswap V2 factories and three real V3 pools (33
 * pools): a large swap's mispricing executed within 2 blocks with the realised profit equal to the
 * owner's balance change to the wei; a small one not sent, with its gas figure; one taken away by a
 * competitor between simulation and inclusion reverting on chain; all three in {@code arb history}.
 */
class DefiDaemonDemoIT {
  private static final Map<String, String> ENV = Map.of("HOME", "/nonexistent-home");

  @TempDir Path dataDir;

  @Test
  void theDaemonFindsSimulatesAndExecutesAndRecordsWhatItDecided() throws Exception {
    CliRun r =
        CliRun.run(
            ENV,
            "--data-dir",
            dataDir.toString(),
            "defi",
            "demo",
            "--scenario",
            "daemon",
            "--json");

    // on failure: the problems first (a long message is cut in the middle), then stderr's tail
    assertThat(r.exitCode()).as(() -> failure(r)).isEqualTo(ExitCode.OK);
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.path("ok").asBoolean()).isTrue();
    assertThat(j.path("problems")).isEmpty();
    assertThat(j.path("pools_tracked").asInt()).isEqualTo(33);

    // 1. found by the daemon, executed within 2 blocks, realised = the owner's gain to the wei
    JsonNode done = j.path("executed").get(0);
    assertThat(done.path("found_by").asText()).isEqualTo("daemon");
    assertThat(done.path("status").asText()).isEqualTo("executed");
    assertThat(done.path("route").size()).isBetween(2, 3);
    assertThat(done.path("route").get(done.path("route").size() - 1).asText()).endsWith("->WETH");
    long blocks = done.path("mined_block").asLong() - done.path("mispricing_block").asLong();
    assertThat(blocks).isBetween(1L, 2L);
    String realized = done.path("realized_profit").asText();
    assertThat(realized).isEqualTo(done.path("owner_gain").asText());
    assertThat(new BigDecimal(realized)).isGreaterThan(new BigDecimal("0.1"));
    assertThat(new BigDecimal(done.path("simulated_profit").asText()))
        .isEqualByComparingTo(realized);
    assertThat(done.path("tx_hash").asText()).matches("0x[0-9a-f]{64}");
    assertThat(done.path("gas_used").asLong()).isBetween(100_000L, 1_000_000L);

    // 2. too small to beat gas: not sent, with its gas figure
    JsonNode small = j.path("rejected").get(0);
    assertThat(small.path("tx_hash").isNull()).isTrue();
    BigDecimal gas = new BigDecimal(small.path("gas_cost").asText());
    BigDecimal simulated = new BigDecimal(small.path("simulated_profit").asText());
    assertThat(gas).isPositive();
    assertThat(simulated.subtract(gas)).isLessThan(DaemonChainDemo.MARGIN);
    assertThat(small.path("reason").asText())
        .startsWith("not sent: simulated profit " + small.path("simulated_profit").asText())
        .contains("less gas " + small.path("gas_cost").asText() + " WETH (")
        .contains("is below the margin 0.001 WETH");

    // 3. a competitor first: reverted on chain, the loss only gas
    JsonNode lost = j.path("failed").get(0);
    assertThat(lost.path("status").asText()).isEqualTo("failed");
    assertThat(lost.path("mined_block").asLong())
        .isEqualTo(lost.path("mispricing_block").asLong() + 1);
    assertThat(lost.path("reason").asText())
        .startsWith("reverted on chain: ")
        .containsPattern("InsufficientToRepay|ProfitBelowMinimum")
        .contains("lost only gas");

    // arb history shows them, the executed one with the same realised profit and transaction
    CliRun h =
        CliRun.run(ENV, "--data-dir", dataDir.toString(), "history", "--json", "--limit", "10000");
    assertThat(h.exitCode()).as(h.err()).isEqualTo(ExitCode.OK);
    JsonNode stored = new ObjectMapper().readTree(h.out());
    List<String> hashes = new ArrayList<>();
    JsonNode executed = null;
    for (JsonNode s : stored) {
      assertThat(s.path("solution").path("found_by").asText()).isEqualTo("daemon");
      hashes.add(s.path("solution").path("tx_hash").asText());
      if (done.path("tx_hash").asText().equals(s.path("solution").path("tx_hash").asText())) {
        executed = s;
      }
    }
    assertThat(hashes).contains(lost.path("tx_hash").asText());
    assertThat(executed).isNotNull();
    assertThat(executed.path("status").asText()).isEqualTo("executed");
    assertThat(executed.path("realized_profit").asText()).isEqualTo(realized);
    assertThat(executed.path("path").path("source").asText()).isEqualTo("BALANCER");
    assertThat(stored.toString()).contains(small.path("reason").asText());
  }

  private static String failure(CliRun r) {
    String problems;
    try {
      problems = new ObjectMapper().readTree(r.out()).path("problems").toString();
    } catch (java.io.IOException | RuntimeException e) {
      problems = "(no JSON on stdout)";
    }
    List<String> lines = r.err().lines().toList();
    return "problems: "
        + problems
        + "\nlast lines of stderr:\n"
        + String.join("\n", lines.subList(Math.max(0, lines.size() - 12), lines.size()));
  }
}
