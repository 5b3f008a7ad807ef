package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.config.ArbConfig;
import dev.arb.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The shipped Dockerfile, compose.yaml and .dockerignore keep the container rules (a lint: no
 * container tool is needed; ContainerImageIT builds the image where one runs): multi-stage (Maven
 * on Java 17, then a JRE), a non-root user, a data volume, {@code HEALTHCHECK} of {@code /health}
 * on the default port, {@code arb run} as the command, the jar the build makes is the one copied,
 * no secret in either file, the port published on loopback only.
 */
class ContainerFilesTest {
  static final Path ROOT = Path.of("..");

  private static String dockerfile;
  private static Map<String, Object> compose;
  private static ContainerLint.Expected expected;
  private static ArbConfig defaults;

  @BeforeAll
  static void read() throws Exception {
    dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
    compose = new Yaml().load(Files.readString(ROOT.resolve("compose.yaml")));
    defaults =
        ConfigLoader.load(Optional.empty(), Map.of("HOME", "/nonexistent"), Map.of()).config();
    Matcher finalName =
        Pattern.compile("<finalName>([^<]+)</finalName>")
            .matcher(Files.readString(ROOT.resolve("cli/pom.xml")));
    assertThat(finalName.find()).as("cli/pom.xml has a finalName").isTrue();
    Matcher launcher =
        Pattern.compile("exec java \\$\\{ARB_JAVA_OPTS:-} -jar (\\S+) \"\\$@\"")
            .matcher(Files.readString(ROOT.resolve("scripts/docker/arb")));
    assertThat(launcher.find()).as("scripts/docker/arb execs java -jar").isTrue();
    expected =
        new ContainerLint.Expected(
            defaults.http().port(),
            "cli/target/" + finalName.group(1) + ".jar",
            launcher.group(1),
            "/var/lib/arb");
  }

  @Test
  void shippedDockerfileKeepsEveryRule() {
    assertThat(expected.port()).isEqualTo(8742);
    assertThat(ContainerLint.dockerfile(dockerfile, expected)).isEmpty();
  }

  @Test
  void shippedComposeFileKeepsEveryRule() {
    assertThat(ContainerLint.compose(compose, expected, defaults.run().shutdownTimeout()))
        .isEmpty();
  }

  @Test
  void lintCatchesEachBrokenRule() {
    assertThat(ContainerLint.dockerfile(dockerfile.replace("USER arb:arb", "USER root"), expected))
        .containsExactly("the runtime runs as root");
    assertThat(ContainerLint.dockerfile(dockerfile.replace("/health ", "/status "), expected))
        .containsExactly("no HEALTHCHECK of /health on port 8742");
    assertThat(
            ContainerLint.dockerfile(
                dockerfile.replace("/src/cli/target/arb.jar", "/src/cli/target/arb-cli.jar"),
                expected))
        .containsExactly(
            "the runtime does not copy /src/cli/target/arb.jar from stage build to /opt/arb/arb.jar");
    assertThat(
            ContainerLint.dockerfile(
                dockerfile.replace(
                    "ARB_HTTP_PORT=8742 \\", "ARB_HTTP_PORT=8742 ARB_HTTP_TOKEN=s3 \\"),
                expected))
        .containsExactly("ENV ARB_HTTP_TOKEN puts a secret into the image");
    assertThat(
            ContainerLint.dockerfile(
                dockerfile.replace("CMD [\"run\"]", "CMD [\"scan\"]"), expected))
        .containsExactly("the container does not run arb run: [/usr/local/bin/arb, scan]");
    String oneStage = dockerfile.substring(dockerfile.indexOf("FROM ${RUNTIME_IMAGE}"));
    assertThat(ContainerLint.dockerfile("ARG RUNTIME_IMAGE=x\n" + oneStage, expected))
        .containsExactly("not multi-stage: 1 stage(s)");

    @SuppressWarnings("unchecked")
    Map<String, Object> arb =
        (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get("arb");
    Map<String, Object> open = new java.util.LinkedHashMap<>(arb);
    open.put("ports", List.of("8742:8742"));
    open.put(
        "environment",
        Map.of("ARB_HTTP_TOKEN", "hunter2", "ARB_KRAKEN_API_KEY", "${ARB_KRAKEN_API_KEY}"));
    open.put("stop_grace_period", "10s");
    assertThat(
            ContainerLint.compose(
                Map.of("services", Map.of("arb", open)),
                expected,
                defaults.run().shutdownTimeout()))
        .containsExactly(
            "port 8742:8742 is not bound to 127.0.0.1",
            "environment ARB_HTTP_TOKEN is written inline; use env_file or ${ARB_HTTP_TOKEN}",
            "stop_grace_period 10s does not exceed arb.run.shutdown-timeout (20s)");
  }

  @Test
  void buildContextLeavesOutBuildOutputDependenciesDataAndSecrets() throws Exception {
    List<String> ignored =
        Files.readAllLines(ROOT.resolve(".dockerignore")).stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList();
    assertThat(ignored)
        .contains(".git", "**/target", "**/node_modules", "*.db", "**/*.env", "deploy");
    // the compose file's config and secrets directory is never committed either
    assertThat(Files.readAllLines(ROOT.resolve(".gitignore"))).contains("/deploy/");
  }
}
