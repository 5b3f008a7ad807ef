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
    assertThat(SignedRequestOptions.deadline("30s", CLOCK)).isEqualTo(1_800_000_030L);
    assertThat(SignedRequestOptions.deadline("10m", CLOCK)).isEqualTo(1_800_000_600L);
    assertThat(SignedRequestOptions.deadline("2h", CLOCK)).isEqualTo(1_800_007_200L);
    assertThat(SignedRequestOptions.deadline("1d", CLOCK)).isEqualTo(1_800_086_400L);
  }

  @Test
  void absoluteDeadlineMustBeInTheFuture() {
    assertThat(SignedRequestOptions.deadline("2027-01-15T09:00:00Z", CLOCK))
        .isEqualTo(1_800_003_600L);
    assertThat(SignedRequestOptions.deadline("2027-01-15T08:00:01Z", CLOCK))
        .isEqualTo(1_800_000_001L);
    assertThatThrownBy(() -> SignedRequestOptions.deadline("2027-01-15T08:00:00Z", CLOCK))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not in the future");
    assertThatThrownBy(() -> SignedRequestOptions.deadline("10 minutes", CLOCK))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("got 10 minutes");
  }

  @Test
  void signAndFlashloanShareTheSigningOptionsEachWithItsOwnGasDefault() {
    CliRun sign = CliRun.run(java.util.Map.of(), "defi", "sign", "--help");
    CliRun flashloan = CliRun.run(java.util.Map.of(), "defi", "flashloan", "--help");

    assertThat(sign.exitCode()).isZero();
    assertThat(flashloan.exitCode()).isZero();
    assertThat(sign.out().replaceAll("\\s+", " "))
        .contains("--gas=GAS Gas the forwarder must pass to the target of the signed request.")
        .contains("Default: 100000.")
        .contains("--deadline=30s|10m|2h|1d|INSTANT")
        .contains("Default: 10m.");
    assertThat(flashloan.out().replaceAll("\\s+", " "))
        .contains("--gas=GAS Gas the forwarder must pass to the target of the signed request.")
        .contains("Default: 1000000.")
        .contains("Default: 10m.");
  }

  @Test
  void gasMustBePositiveBeforeTheDeadlineIsRead() {
    SignedRequestOptions o = new SignedRequestOptions();
    o.gas = java.math.BigInteger.ZERO;
    o.deadline = "not a deadline";

    assertThatThrownBy(() -> o.validUntil(CLOCK))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--gas must be positive, got 0");
    o.gas = java.math.BigInteger.ONE;
    assertThat(new SignedRequestOptions().gas).isEqualTo(java.math.BigInteger.valueOf(100_000));
    assertThatThrownBy(() -> o.validUntil(CLOCK))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("--deadline must be a duration from now");
  }
}
