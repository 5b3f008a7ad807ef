package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ArbCommandTest {

  private static final Map<String, String> ENV = Map.of("HOME", "/nonexistent-home");

  @Test
  void helpListsEverySubcommandAndExitsZero() {
    CliRun r = CliRun.run(ENV, "--help");
    assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(r.out()).contains("scan", "run", "history", "defi", "config", "--data-dir");
  }

  @Test
  void versionPrintsArbVersion() {
    CliRun r = CliRun.run(ENV, "--version");
    assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(r.out()).startsWith("arb ");
  }

  @Test
  void noCommandIsAUsageError() {
    CliRun r = CliRun.run(ENV);
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("a command is required");
  }

  @Test
  void unknownOptionIsAUsageErrorWithHint() {
    CliRun r = CliRun.run(ENV, "--frobnicate");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("--frobnicate").contains("arb --help");
  }

  @Test
  void unbuiltCommandsSayTheyAreNotAvailableAndFail() {
    CliRun r = CliRun.run(ENV, "defi");
    assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(r.err()).contains("not available yet");
  }

  @Test
  void globalOptionGivenAfterSubcommandReachesRoot() {
    ArbCommand root =
        new ArbCommand(
            new CliContext(
                ENV,
                new java.io.PrintWriter(java.io.Writer.nullWriter()),
                new java.io.PrintWriter(java.io.Writer.nullWriter())));
    new Cli(
            ENV,
            new java.io.PrintWriter(java.io.Writer.nullWriter()),
            new java.io.PrintWriter(java.io.Writer.nullWriter()))
        .commandLine(root)
        .parseArgs("history", "--data-dir", "/tmp/somewhere");
    assertThat(root.overrides()).containsEntry("arb.data-dir", "/tmp/somewhere");
  }
}
