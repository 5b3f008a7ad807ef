package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code arb defi demo} end to end: its own anvil, real Uniswap V2 and Balancer bytecode. */
class DefiDemoCommandIT {

  @Test
  void demoExecutesAProfitableFlashLoanAndReportsIt() throws Exception {
    CliRun r = CliRun.run(Map.of("HOME", "/nonexistent-home"), "defi", "demo", "--json");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.path("chainId").asLong()).isEqualTo(31337);
    assertThat(j.path("sent").asBoolean()).isTrue();
    // without a premium the Balancer vault beats the flash swap on the same cycle
    assertThat(j.path("loanSource").asText()).isEqualTo("BALANCER");
    BigDecimal expected = new BigDecimal(j.path("expectedProfit").asText());
    assertThat(expected).isGreaterThan(new BigDecimal("0.09"));
    assertThat(new BigDecimal(j.path("simulatedProfit").asText())).isEqualByComparingTo(expected);
    assertThat(new BigDecimal(j.path("realizedProfit").asText())).isEqualByComparingTo(expected);
    assertThat(j.path("gasUsed").asLong()).isBetween(100_000L, 1_000_000L);
    assertThat(j.path("txHash").asText()).matches("0x[0-9a-f]{64}");
    assertThat(r.err()).contains("demo: outcome: executed, tx " + j.path("txHash").asText());
    JsonNode record = j.path("record");
    assertThat(record.path("status").asText()).isEqualTo("executed");
    assertThat(record.path("startAsset").asText()).isEqualTo("WETH");
    assertThat(record.path("exchanges").toString())
        .isEqualTo("[\"uniswap-v2:dex-b\",\"uniswap-v2:dex-a\"]");
    assertThat(new BigDecimal(record.path("realizedProfit").asText()))
        .isEqualByComparingTo(expected);
    assertThat(record.path("reason").isNull()).isTrue();
  }
}
