package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages are written for people: durations as {@code 2s 310ms}, numbers and lists as a person
 * writes them, and no Java types ({@code PT0S}, {@code int}, {@code BigDecimal}, {@code []}, an
 * exception's class name).
 */
class HumanMessagesTest {

  @TempDir Path dir;

  private CliRun run(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--data-dir";
    all[1] = dir.resolve("data").toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return CliRun.run(Map.of("HOME", dir.toString()), all);
  }

  private static void noJavaInternals(String text) {
    assertThat(text)
        .doesNotContainPattern("\\bPT[0-9]")
        .doesNotContain("Exception", "java.", "BigDecimal", "is not an int", "is not a long")
        .doesNotContain("[]");
  }

  @Test
  void zeroDurationsAreWrittenAsPeopleWriteThem() {
    CliRun scan = run("scan", "--max-age", "0s");
    assertThat(scan.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(scan.err()).contains("--max-age must be positive, got 0s");
    noJavaInternals(scan.err());
    CliRun loop = run("run", "--interval", "0s");
    assertThat(loop.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(loop.err()).contains("--interval must be positive, got 0s");
    noJavaInternals(loop.err());
  }

  @Test
  void staleBooksSayHowOldInPlainUnits() {
    CliRun r = run("scan", "--max-age", "1ms");
    assertThat(r.err())
        .contains("binanceus:ADA/ETH: stale: observed 2023-03-02T15:36:06.960Z, 2s 310ms before")
        .contains("(max age 1ms)");
    noJavaInternals(r.err());
  }

  @Test
  void numbersThatAreNotNumbersSaySoPlainly() {
    CliRun limit = run("history", "--limit", "abc");
    assertThat(limit.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(limit.err()).contains("--limit", "'abc' is not a whole number");
    noJavaInternals(limit.err());
    CliRun top = run("scan", "--top", "1.5");
    assertThat(top.err()).contains("--top", "'1.5' is not a whole number");
    noJavaInternals(top.err());
    CliRun amount = run("scan", "--amount", "x");
    assertThat(amount.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(amount.err()).contains("--amount", "'x' is not a number");
    noJavaInternals(amount.err());
  }

  @Test
  void aDecisionSaysNotSentOnce() {
    assertThat(DefiDemoCommand.decision(false, "not sent: profit 0.01 WETH below gas"))
        .isEqualTo("not sent: profit 0.01 WETH below gas");
    assertThat(DefiDemoCommand.decision(false, "simulation reverted"))
        .isEqualTo("not sent: simulation reverted");
    assertThat(DefiDemoCommand.decision(true, "profit beats gas"))
        .isEqualTo("sent: profit beats gas");
  }

  @Test
  void aMissingListSaysNoneNotBrackets() {
    CliRun r = run("scan", "--plan", "lp");
    assertThat(r.err()).contains("--plan lp needs exactly one --start asset, got none");
    noJavaInternals(r.err());
  }

  @Test
  void aFileInTheWayOfTheTemplatesIsNamedWithoutItsExceptionClass() throws Exception {
    Path file = Files.writeString(dir.resolve("arb.conf"), "x");
    CliRun r = run("config", "generate", "-o", file.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(r.err()).contains(file + " already exists");
    noJavaInternals(r.err());
  }
}
