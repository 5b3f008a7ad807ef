package dev.arb.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void roundedDurationsKeepWhatAPersonNeeds() {
    assertThat(Durations.rounded(Duration.parse("PT2040H19M42.736379S"))).isEqualTo("85d 19m");
    assertThat(Durations.rounded(Duration.parse("PT2.31S"))).isEqualTo("2s 310ms");
    assertThat(Durations.rounded(Duration.parse("PT2M5.9S"))).isEqualTo("2m 5s");
    assertThat(Durations.rounded(Duration.ofMillis(1))).isEqualTo("1ms");
    assertThat(Durations.rounded(Duration.ofNanos(1_500))).isEqualTo("1500ns");
    assertThat(Durations.rounded(Duration.ZERO)).isEqualTo("0s");
    assertThat(Durations.rounded(Duration.ofSeconds(-3700))).isEqualTo("-1h 1m");
  }
}
