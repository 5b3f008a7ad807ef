package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code arb man}'s page renders with groff's man macros without one warning. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ManPageRenderIT {

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    return path != null
        && Arrays.stream(path.split(File.pathSeparator))
            .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
  }

  @Test
  void groffRendersThePageWithNoWarnings() throws Exception {
    Assumptions.assumeTrue(
        onPath("groff"), "groff is not installed (apt-get install groff-base): page not rendered");
    CliRun r = CliRun.run(Map.of("HOME", "/nonexistent-home"), "man");
    assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
    Process p = new ProcessBuilder("groff", "-man", "-Tutf8", "-ww").start();
    CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> read(p, false));
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> read(p, true));
    try (var in = p.getOutputStream()) {
      in.write(r.out().getBytes(StandardCharsets.UTF_8));
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("groff ended").isTrue();
    String warnings = new String(err.get(), StandardCharsets.UTF_8);
    String text = new String(out.get(), StandardCharsets.UTF_8).replaceAll(".\b", "");
    assertThat(warnings).as("groff's warnings").isEmpty();
    assertThat(p.exitValue()).isZero();
    assertThat(text)
        .contains("ARB(1)", "NAME", "SYNOPSIS", "COMMANDS", "EXIT STATUS")
        .contains("arb run", "arb config generate", "arb man", "--http-port");
  }

  private static byte[] read(Process p, boolean err) {
    try {
      return (err ? p.getErrorStream() : p.getInputStream()).readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
