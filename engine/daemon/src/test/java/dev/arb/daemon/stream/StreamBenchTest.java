package dev.arb.daemon.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * {@code arb bench stream}'s measurement: every update passes both runners and is counted once; the
 * synthetic lifts lead to decisions; the quantiles are ordered. No time is asserted.
 */
class StreamBenchTest {

  @Test
  void everyUpdateIsMeasuredInBothRunsAndLiftsAreDecided() {
    StreamBench.Result r = StreamBench.run(new StreamBench.Settings(300, 3_000, 200_000, 17));
    assertThat(r.markets()).isEqualTo(150);
    assertThat(r.incremental().count()).isEqualTo(3_000);
    assertThat(r.fullRescan().count()).isEqualTo(3_000);
    // 0.2 % of 3,000 updates lift a book by 1-2 %: cycles open and are decided
    assertThat(r.decisions()).isPositive();
    // every decision came from a flagged update whose search was left to the stage or done on
    // the runner; only those can be handed over
    StreamBench.Stages st = r.stages();
    long searched = st.searchedOnStage() + st.searchedOnRunner();
    assertThat(searched).isGreaterThanOrEqualTo(r.decisions());
    assertThat(st.handedOver()).isPositive().isLessThanOrEqualTo(searched);
    assertThat(st.searchedOnStage()).as("searches on frames").isPositive();
    assertThat(st.stageCpuMs()).as("the stage's thread CPU").isPositive();
    assertThat(st.handOffP50Us()).isPositive();
    for (StreamBench.Latencies l : new StreamBench.Latencies[] {r.incremental(), r.fullRescan()}) {
      assertThat(l.p50Us()).isPositive().isLessThanOrEqualTo(l.p99Us());
      assertThat(l.p99Us()).isLessThanOrEqualTo(l.p999Us());
      assertThat(l.p999Us()).isLessThanOrEqualTo(l.maxUs());
      assertThat(l.serviceP50Us()).isPositive().isLessThanOrEqualTo(l.serviceP99Us());
    }
  }

  @Test
  void refusesSettingsItCannotRun() {
    assertThatThrownBy(() -> new StreamBench.Settings(10, 100, 1_000, 1))
        .hasMessageContaining("--edges must be at least 30, got 10");
    assertThatThrownBy(() -> new StreamBench.Settings(1_000, 100, 0, 1))
        .hasMessageContaining("--rate must be between 1 and 10000000");
  }
}
