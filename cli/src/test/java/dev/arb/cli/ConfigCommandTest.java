package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigCommandTest {
  private static final Map<String, String> ENV = Map.of("HOME", "/nonexistent-home");

  @Test
  void withoutSubcommandPrintsUsageAndExitsTwo() {
    CliRun r = CliRun.run(ENV, "config");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err())
        .contains("a subcommand is required")
        .contains("generate")
        .contains("validate")
        .contains("show");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void unknownSubcommandIsAUsageError() {
    CliRun r = CliRun.run(ENV, "config", "frobnicate");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("frobnicate");
  }
}
