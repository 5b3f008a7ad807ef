package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.error.ConfigException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DefiSignCommandTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC);

  @Test
  void relativeDeadlinesCountFromNow() {
    assertThat(DefiSignCommand.deadline("30s", CLOCK)).isEqualTo(1_800_000_030L);
    assertThat(DefiSignCommand.deadline("10m", CLOCK)).isEqualTo(1_800_000_600L);
    assertThat(DefiSignCommand.deadline("2h", CLOCK)).isEqualTo(1_800_007_200L);
    assertThat(DefiSignCommand.deadline("1d", CLOCK)).isEqualTo(1_800_086_400L);
  }

  @Test
  void absoluteDeadlineMustBeInTheFuture() {
    assertThat(DefiSignCommand.deadline("2027-01-15T09:00:00Z", CLOCK)).isEqualTo(1_800_003_600L);
    assertThat(DefiSignCommand.deadline("2027-01-15T08:00:01Z", CLOCK)).isEqualTo(1_800_000_001L);
    assertThatThrownBy(() -> DefiSignCommand.deadline("2027-01-15T08:00:00Z", CLOCK))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not in the future");
    assertThatThrownBy(() -> DefiSignCommand.deadline("10 minutes", CLOCK))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("got 10 minutes");
  }
}
