package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options of {@code arb history --plot} and {@code arb backtest --report} refused before work. */
class HistoryPlotTest {
  @TempDir Path dir;

  private CliRun arb(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--data-dir";
    all[1] = dir.resolve("data").toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return CliRun.run(Map.of("HOME", dir.toString()), all);
  }

  @Test
  void anotherExtensionIsAUsageErrorNamingTheFileAndTheAcceptedOnes() {
    CliRun r = arb("history", "--plot", "chart.jpg");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err())
        .contains("--plot chart.jpg: the extension chooses the format; use .png or .html");
    assertThat(dir.resolve("chart.jpg")).doesNotExist();

    CliRun b = arb("backtest", "--replay", dir.toString(), "--report", "report.pdf");
    assertThat(b.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(b.err()).contains("--report report.pdf").contains("ending in .html");
  }

  @Test
  void plotIsRefusedWithJsonCsvOrExecutedAndABadSize() {
    CliRun j = arb("history", "--plot", "p.png", "--json");
    assertThat(j.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(j.err()).contains("--plot and --json cannot be used together");
    CliRun s = arb("history", "--plot", "p.png", "--plot-size", "800by600");
    assertThat(s.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(s.err()).contains("--plot-size must be WIDTHxHEIGHT").contains("'800by600'");
  }
}
