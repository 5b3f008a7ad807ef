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
    assertThat(r.out()).contains("scan", "run", "history", "dlq", "defi", "config", "--data-dir");
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

  @Test
  void jsonLogLinesAreJsonObjectsNamingTheComponent(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    CliRun r =
        CliRun.run(
            Map.of("HOME", dir.toString()),
            "--log-format",
            "json",
            "-v",
            "--data-dir",
            dir.toString(),
            "history",
            "--json");
    assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    java.util.List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines).isNotEmpty();
    for (String line : lines) {
      com.fasterxml.jackson.databind.JsonNode event = json.readTree(line);
      assertThat(event.get("level").asText()).isNotEmpty();
      assertThat(event.get("mdc").get("component").asText()).isEqualTo("arb history");
    }
  }
}
