package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container's health check works: the Dockerfile's {@code HEALTHCHECK} command, run with bash
 * as Docker would, passes against a running daemon and fails where none answers. The image itself
 * is built only when asked ({@code ARB_DOCKER_BUILD=1}) and a Docker daemon answers: the build
 * pulls base images, which needs the internet.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ContainerImageIT {
  @TempDir Path dir;

  /** The HEALTHCHECK's exec-form command, from the shipped Dockerfile. */
  private static List<String> healthcheck() throws IOException {
    String text = Files.readString(ContainerFilesTest.ROOT.resolve("Dockerfile"));
    List<Dockerfiles.Stage> stages = Dockerfiles.stages(text);
    String hc = stages.get(stages.size() - 1).all("HEALTHCHECK").get(0);
    JsonNode cmd = new ObjectMapper().readTree(hc.substring(hc.indexOf("CMD ") + 4));
    List<String> out = new ArrayList<>();
    cmd.forEach(x -> out.add(x.asText()));
    return out;
  }

  private static Process start(List<String> command, Map<String, String> env, Path dir)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.directory(dir.toFile());
    pb.environment().putAll(env);
    return pb.start();
  }

  private static int exit(Process p) throws InterruptedException {
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("did not end in 30 s: " + p.info().commandLine().orElse("?"));
    }
    return p.exitValue();
  }

  @Test
  void healthcheckPassesAgainstARunningDaemonAndFailsWithoutOne() throws Exception {
    List<String> hc = healthcheck();
    assertThat(hc.get(0)).isEqualTo("bash");
    try (InProcessDaemon d =
        new InProcessDaemon(
            Map.of("HOME", dir.toString()),
            "--data-dir",
            dir.resolve("data").toString(),
            "run",
            "--http-port",
            "0",
            "--loop",
            "--interval",
            "100ms")) {
      int port = URI.create(d.url()).getPort();
      d.awaitStatus(s -> s.get("state").asText().equals("running"));
      assertThat(exit(start(hc, Map.of("ARB_HTTP_PORT", String.valueOf(port)), dir))).isZero();
    }
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    assertThat(exit(start(hc, Map.of("ARB_HTTP_PORT", String.valueOf(closed)), dir))).isNotZero();
  }

  @Test
  void imageBuildsWhereADockerDaemonAnswers() throws Exception {
    Assumptions.assumeTrue(
        "1".equals(System.getenv("ARB_DOCKER_BUILD")),
        "image build not asked for (set ARB_DOCKER_BUILD=1; it pulls node, maven and"
            + " eclipse-temurin base images, so it needs the internet); the Dockerfile is linted by"
            + " ContainerFilesTest instead");
    Process info =
        start(List.of("docker", "info", "--format", "{{.ServerVersion}}"), Map.of(), dir);
    String version = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Assumptions.assumeTrue(
        exit(info) == 0, "no Docker daemon answers (docker info: " + version.strip() + ")");
    Path root = ContainerFilesTest.ROOT.toAbsolutePath().normalize();
    Process build =
        start(List.of("docker", "build", "-t", "arb:it", root.toString()), Map.of(), dir);
    String log = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(build.waitFor()).as(log).isZero();
    Process user =
        start(
            List.of("docker", "image", "inspect", "--format", "{{.Config.User}}", "arb:it"),
            Map.of(),
            dir);
    String u = new String(user.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(exit(user)).isZero();
    assertThat(u).isEqualTo("arb:arb");
  }
}
