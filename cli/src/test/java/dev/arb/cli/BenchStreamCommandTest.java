package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code arb bench stream}: the JSON keys programs read, and a clear refusal of bad options. */
class BenchStreamCommandTest {

  /** A short run on 300 edges at 100,000 updates/s, printing JSON, with {@code more} options. */
  private static CliRun bench(int updates, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "bench",
                "stream",
                "--edges",
                "300",
                "--updates",
                String.valueOf(updates),
                "--rate",
                "100000",
                "--json"));
    args.addAll(List.of(more));
    return CliRun.run(Map.of(), args.toArray(String[]::new));
  }

  @Test
  void printsTheLatencyKeysAsDecimalStrings() throws Exception {
    CliRun r = bench(2000);
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode n = new ObjectMapper().readTree(r.out());
    assertThat(n.path("edges").asInt()).isEqualTo(300);
    assertThat(n.path("updates").asInt()).isEqualTo(2000);
    assertThat(n.path("wait").asText()).isEqualTo("spin");
    assertThat(n.at("/stages/stage_idle_priority").isBoolean()).isTrue();
    assertThat(n.path("incremental").path("count").asLong()).isEqualTo(2000);
    assertThat(n.path("full_rescan").path("count").asLong()).isEqualTo(2000);
    for (String key :
        new String[] {
          "/incremental/p50_us", "/incremental/p99_us", "/full_rescan/p50_us", "/full_rescan/p99_us"
        }) {
      assertThat(n.at(key).isTextual()).as(key).isTrue();
      assertThat(new BigDecimal(n.at(key).asText())).as(key).isPositive();
    }
    for (String key : new String[] {"/stages/hand_off_p50_us", "/stages/stage_cpu_ms"}) {
      assertThat(n.at(key).isTextual()).as(key).isTrue();
      assertThat(new BigDecimal(n.at(key).asText())).as(key).isPositive();
    }
    assertThat(n.at("/stages/handed_over").asLong())
        .isLessThanOrEqualTo(
            n.at("/stages/searched_on_stage").asLong()
                + n.at("/stages/searched_on_runner").asLong());
    BigDecimal ratio = new BigDecimal(n.path("ratio_p50").asText());
    BigDecimal expected =
        new BigDecimal(n.at("/full_rescan/p50_us").asText())
            .divide(
                new BigDecimal(n.at("/incremental/p50_us").asText()),
                1,
                java.math.RoundingMode.HALF_EVEN);
    assertThat(ratio.setScale(1, java.math.RoundingMode.HALF_EVEN))
        .isCloseTo(expected, org.assertj.core.data.Offset.offset(new BigDecimal("0.1")));
  }

  @Test
  void measuresTheDaemonsDefaultWaitOnRequestAndRefusesAnUnknownOne() throws Exception {
    CliRun r =
        CliRun.run(
            Map.of(),
            "bench",
            "stream",
            "--edges",
            "300",
            "--updates",
            "500",
            "--rate",
            "100000",
            "--wait",
            "phased",
            "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode n = new ObjectMapper().readTree(r.out());
    assertThat(n.path("wait").asText()).isEqualTo("phased");
    assertThat(n.at("/stages/stage_idle_priority").asBoolean())
        .as("a runner that does not spin leaves the stage at normal priority")
        .isFalse();
    CliRun bad = CliRun.run(Map.of(), "bench", "stream", "--wait", "busy");
    assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(bad.err()).contains("--wait must be spin or phased, got 'busy'");
  }

  @Test
  void refusesARateOfZero() {
    CliRun r = CliRun.run(Map.of(), "bench", "stream", "--rate", "0");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("--rate must be between 1 and 10000000 updates per second, got 0");
  }
}
