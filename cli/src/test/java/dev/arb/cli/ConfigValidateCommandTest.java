package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigValidateCommandTest {
  private static final Map<String, String> ENV = Map.of("HOME", "/nonexistent-home");

  @TempDir Path dir;

  private Path file(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  @Test
  void validFileExitsZeroNamingIt() throws IOException {
    Path f = file("ok.conf", "arb.scan.top = 3\n");
    CliRun r = CliRun.run(ENV, "config", "validate", f.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(r.out().strip()).isEqualTo("config: OK " + f);
  }

  @Test
  void twoBadValuesExitTwoNamingBothKeysWithFileAndLine() throws IOException {
    Path f =
        file(
            "bad.conf",
            """
            arb {
              storage.batch-size = 0
              exchanges.kraken.taker-fee = 1.5
            }
            """);
    CliRun r = CliRun.run(ENV, "config", "validate", f.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err())
        .contains(
            "config: arb.storage.batch-size must be a whole number of at least 1, got 0 (in "
                + f
                + " line 2)")
        .contains("config: arb.exchanges.kraken.taker-fee must be between 0 and 0.1")
        .contains("got 1.5 (in " + f + " line 3)")
        .contains("2 problems");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void jsonGivesTheVerdictAndEveryProblemWithItsKey() throws IOException {
    Path ok = file("ok.conf", "arb.scan.top = 3\n");
    CliRun good = CliRun.run(ENV, "config", "validate", ok.toString(), "--json");
    assertThat(good.exitCode()).isEqualTo(ExitCode.OK);
    com.fasterxml.jackson.databind.ObjectMapper m =
        new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.JsonNode g = m.readTree(good.out());
    assertThat(g.path("valid").asBoolean()).isTrue();
    assertThat(g.path("file").asText()).isEqualTo(ok.toString());
    assertThat(g.path("problems")).isEmpty();

    Path bad =
        file(
            "bad.conf", "arb {\n  storage.batch-size = 0\n  exchanges.kraken.taker-fee = 1.5\n}\n");
    CliRun r = CliRun.run(ENV, "config", "validate", bad.toString(), "--json");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    com.fasterxml.jackson.databind.JsonNode j = m.readTree(r.out());
    assertThat(j.path("valid").asBoolean()).isFalse();
    assertThat(j.path("problems")).hasSize(2);
    assertThat(j.path("problems").findValuesAsText("key"))
        .containsExactlyInAnyOrder("arb.storage.batch-size", "arb.exchanges.kraken.taker-fee");
    assertThat(j.path("problems").get(0).path("message").asText()).contains("(in " + bad);

    Path broken = file("broken.conf", "arb { scan.top = \n");
    com.fasterxml.jackson.databind.JsonNode b =
        m.readTree(CliRun.run(ENV, "config", "validate", broken.toString(), "--json").out());
    assertThat(b.path("problems").get(0).path("key").isNull()).isTrue();
  }

  @Test
  void withoutFileUsesConfigOptionThenArbConfig() throws IOException {
    Path bad = file("bad.conf", "arb.scan.top = 0\n");
    Path ok = file("ok.conf", "arb.scan.top = 1\n");
    Map<String, String> env = new HashMap<>(ENV);
    env.put("ARB_CONFIG", bad.toString());
    CliRun fromEnv = CliRun.run(env, "config", "validate");
    assertThat(fromEnv.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(fromEnv.err()).contains("arb.scan.top").contains(bad.toString());
    CliRun fromOption = CliRun.run(env, "--config", ok.toString(), "config", "validate");
    assertThat(fromOption.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(fromOption.out()).contains("config: OK " + ok);
  }

  @Test
  void noFileAtAllValidatesDefaults() {
    CliRun r = CliRun.run(ENV, "config", "validate");
    assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(r.out()).contains("config: OK (no config file");
  }

  @Test
  void badEnvironmentOverrideIsReportedWithItsVariable() {
    Map<String, String> env = new HashMap<>(ENV);
    env.put("ARB_HTTP_PORT", "-1");
    CliRun r = CliRun.run(env, "config", "validate");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err())
        .contains(
            "config: arb.http.port must be a port between 0 and 65535, got \"-1\" (from"
                + " environment ARB_HTTP_PORT)");
  }

  @Test
  void missingFileExitsTwo() {
    Path missing = dir.resolve("missing.conf");
    CliRun r = CliRun.run(ENV, "config", "validate", missing.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("config: file " + missing + " does not exist");
  }
}
