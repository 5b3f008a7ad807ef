package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code arb bench feed} measures every book both ways (none lost over UDP loopback); the times
 * themselves are not asserted.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BenchFeedCommandIT {
  @Test
  void everyBookIsMeasuredInProcessAndOverUdp() throws Exception {
    CliRun r =
        CliRun.run(Map.of(), "bench", "feed", "--updates", "300", "--rate", "2000", "--json");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.at("/in_process/count").asLong()).isEqualTo(300);
    // every book over UDP; a snapshot sent as the subscriber connected may add a few
    assertThat(j.at("/udp_loopback/count").asLong()).isBetween(300L, 400L);
    assertThat(j.at("/udp_loopback/p99_us").asDouble())
        .isGreaterThanOrEqualTo(j.at("/udp_loopback/p50_us").asDouble());
  }
}
