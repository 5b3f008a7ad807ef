package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigGenerateCommandTest {
  private static final Map<String, String> ENV = Map.of("HOME", "/nonexistent-home");

  @TempDir Path dir;

  @Test
  void writesThreeFilesAndTheConfigValidates() throws IOException {
    Path out = dir.resolve("x");
    CliRun r = CliRun.run(ENV, "config", "generate", "--output", out.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(r.out())
        .contains("wrote " + out.resolve("arb.conf"))
        .contains("wrote " + out.resolve("arb.env"))
        .contains("wrote " + out.resolve("arb.service"));
    assertThat(Files.readString(out.resolve("arb.service")))
        .contains("ExecStart=/usr/local/bin/arb run --config /etc/arb/arb.conf");
    assertThat(Files.readString(out.resolve("arb.env"))).contains("ARB_HTTP_TOKEN=");

    CliRun v = CliRun.run(ENV, "config", "validate", out.resolve("arb.conf").toString());
    assertThat(v.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(v.out().strip()).isEqualTo("config: OK " + out.resolve("arb.conf"));
  }

  @Test
  void jsonListsTheFilesWrittenInSnakeCase() throws IOException {
    Path out = dir.resolve("j");
    CliRun r = CliRun.run(ENV, "config", "generate", "-o", out.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    com.fasterxml.jackson.databind.JsonNode j =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
    assertThat(j.path("directory").asText()).isEqualTo(out.toAbsolutePath().toString());
    assertThat(j.path("files_written").toString())
        .isEqualTo(
            "[\""
                + out.resolve("arb.conf").toAbsolutePath()
                + "\",\""
                + out.resolve("arb.env").toAbsolutePath()
                + "\",\""
                + out.resolve("arb.service").toAbsolutePath()
                + "\"]");
    assertThat(j.path("config_file").asText()).endsWith("arb.conf");
    assertThat(j.path("env_file").asText()).endsWith("arb.env");
    assertThat(out.resolve("arb.service")).exists();
  }

  @Test
  void refusesToOverwriteNamingFileAndForceAndWritesNothing() throws IOException {
    Files.writeString(dir.resolve("arb.service"), "mine");
    CliRun r = CliRun.run(ENV, "config", "generate", "--output", dir.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err())
        .contains(dir.resolve("arb.service") + " already exists")
        .contains("--force");
    assertThat(r.out()).isEmpty();
    assertThat(Files.readString(dir.resolve("arb.service"))).isEqualTo("mine");
    assertThat(dir.resolve("arb.conf")).doesNotExist();
    assertThat(dir.resolve("arb.env")).doesNotExist();
  }

  @Test
  void forceOverwrites() throws IOException {
    Files.writeString(dir.resolve("arb.conf"), "garbage {{{");
    CliRun r = CliRun.run(ENV, "config", "generate", "--output", dir.toString(), "--force");
    assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(Files.readString(dir.resolve("arb.conf"))).startsWith("# arb configuration");
  }

  @Test
  void unwritableOutputIsAFailureNamingTheDirectory() throws IOException {
    Path notADir = dir.resolve("file");
    Files.writeString(notADir, "x");
    CliRun r = CliRun.run(ENV, "config", "generate", "--output", notADir.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(r.err()).contains("cannot write the config templates into " + notADir);
  }

  @Test
  void doesNotNeedAValidConfigToRun() throws IOException {
    Path bad = dir.resolve("bad.conf");
    Files.writeString(bad, "arb.scan.top = 0");
    CliRun r =
        CliRun.run(
            ENV,
            "--config",
            bad.toString(),
            "config",
            "generate",
            "-o",
            dir.resolve("o").toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
  }
}
