package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * {@code arb backtest --report} and {@code arb history --plot} on what a real dry run made: {@code
 * arb run --dry-run} on the looping sample with paper trading writes records and an event journal;
 * the backtest replays that journal. The HTML files are opened from {@code file://} in headless
 * Chromium (skipped with the reason when it is missing); the PNG is read back with ImageIO.
 * Screenshots and files are kept in {@code cli/target/reports/}.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChartFilesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path KEPT = Path.of("target", "reports");

  @TempDir static Path dir;

  private static Map<String, String> env;
  private static Path conf;
  private static Path journal;
  private static ChromeDriver browser;

  @BeforeAll
  static void recordADryRun() throws Exception {
    Files.createDirectories(KEPT);
    env = Map.of("HOME", dir.toString());
    conf = dir.resolve("arb.conf");
    Files.writeString(
        conf,
        "arb.paper.balances { binanceus { USD = \"100000\", USDT = \"100000\","
            + " BTC = \"5\", ETH = \"50\" } }\n"
            + "arb.risk.slippage-buffer-bp = 0\n");
    journal = dir.resolve("journal");
    try (InProcessDaemon d =
        new InProcessDaemon(
            env,
            "--config",
            conf.toString(),
            "--data-dir",
            dir.resolve("data").toString(),
            "run",
            "--dry-run",
            "--http-port",
            "0",
            "--input",
            RunCommandIT.sampleFile(dir).toString(),
            "--loop",
            "--interval",
            "300ms",
            "--journal",
            journal.toString())) {
      d.awaitStatus(s -> s.get("records").get("written").asLong() >= 30);
    }
  }

  @AfterAll
  static void quit() {
    if (browser != null) {
      browser.quit();
    }
  }

  private static ChromeDriver browser() {
    if (browser == null) {
      browser = HeadlessChromium.start(dir.resolve("chromium-profile"), "report");
    }
    return browser;
  }

  private static CliRun arb(String... args) {
    List<String> a =
        new ArrayList<>(
            List.of("--config", conf.toString(), "--data-dir", dir.resolve("data").toString()));
    a.addAll(List.of(args));
    return CliRun.run(env, a.toArray(String[]::new));
  }

  /** The cells of each row of the table with {@code id}, as text (entities decoded). */
  private static List<List<String>> table(String html, String id) {
    Matcher t =
        Pattern.compile("<table id=\"" + id + "\">(.*?)</table>", Pattern.DOTALL).matcher(html);
    assertThat(t.find()).as("table " + id).isTrue();
    String body = t.group(1).substring(t.group(1).indexOf("<tbody>"));
    List<List<String>> rows = new ArrayList<>();
    Matcher r = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL).matcher(body);
    while (r.find()) {
      List<String> cells = new ArrayList<>();
      Matcher c = Pattern.compile("<td[^>]*>(.*?)</td>").matcher(r.group(1));
      while (c.find()) {
        cells.add(c.group(1).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"));
      }
      rows.add(cells);
    }
    return rows;
  }

  @Test
  void backtestReportHoldsTheNumbersTheJsonPrints() throws Exception {
    Path report = KEPT.resolve("backtest.html").toAbsolutePath();
    Files.deleteIfExists(report);
    CliRun bt =
        arb("backtest", "--replay", journal.toString(), "--report", report.toString(), "--json");
    assertThat(bt.exitCode()).as(bt.err()).isZero();
    JsonNode j = JSON.readTree(bt.out());
    JsonNode run = j.at("/runs/0");
    // the journal holds the dry run's snapshots: the backtest finds and trades opportunities
    assertThat(run.path("opportunities").asLong()).isPositive();
    assertThat(run.path("executed").asLong()).isPositive();
    String html = Files.readString(report);

    Map<String, String> summary = new LinkedHashMap<>();
    for (List<String> row : table(html, "summary")) {
      summary.put(row.get(0), row.get(1));
    }
    assertThat(summary)
        .containsEntry("events", run.path("events").asText())
        .containsEntry("books", run.path("books").asText())
        .containsEntry("snapshots", run.path("snapshots").asText())
        .containsEntry("decisions with opportunities", run.path("decisions").asText())
        .containsEntry("opportunities found", run.path("opportunities").asText())
        .containsEntry("sized and worth trading", run.path("sized").asText())
        .containsEntry("executed on paper", run.path("executed").asText())
        .containsEntry("failed on paper (aborted or unwound)", run.path("failed").asText())
        .containsEntry("rejected by a rule", run.path("rejected").asText());

    List<List<String>> totals = table(html, "totals");
    assertThat(totals).hasSize(run.path("totals").size());
    for (int i = 0; i < totals.size(); i++) {
      JsonNode t = run.path("totals").get(i);
      List<String> row = totals.get(i);
      assertThat(row.get(0)).isEqualTo(t.path("asset").asText());
      assertThat(row.get(1)).isEqualTo(t.path("executed").asText());
      assertThat(row.get(2)).isEqualTo(t.path("failed").asText());
      assertThat(row.get(3)).isEqualTo(t.path("expected_profit").asText());
      assertThat(row.get(4)).isEqualTo(t.path("realized_profit").asText());
      assertThat(new java.math.BigDecimal(row.get(5)))
          .isEqualByComparingTo(
              new java.math.BigDecimal(t.path("realized_profit").asText())
                  .subtract(new java.math.BigDecimal(t.path("expected_profit").asText())));
      assertThat(row.get(6)).isEqualTo(t.path("max_drawdown").asText());
    }

    // fee sensitivity: one row per run and start asset, with that run's numbers
    List<List<String>> fees = table(html, "fees");
    int k = 0;
    for (JsonNode r : j.path("runs")) {
      String fee = r.path("taker_fee").isNull() ? "as recorded" : r.path("taker_fee").asText();
      int rows = Math.max(1, r.path("totals").size());
      for (int i = 0; i < rows; i++) {
        List<String> row = fees.get(k++);
        assertThat(row.subList(0, 6))
            .containsExactly(
                fee,
                r.path("opportunities").asText(),
                r.path("sized").asText(),
                r.path("executed").asText(),
                r.path("failed").asText(),
                r.path("rejected").asText());
        if (r.path("totals").size() > 0) {
          JsonNode t = r.path("totals").get(i);
          assertThat(row.subList(6, 10))
              .containsExactly(
                  t.path("asset").asText(),
                  t.path("expected_profit").asText(),
                  t.path("realized_profit").asText(),
                  t.path("max_drawdown").asText());
        }
      }
    }
    assertThat(k).isEqualTo(fees.size());
    assertThat(j.path("runs")).hasSize(3);

    List<List<String>> hours = table(html, "hours");
    assertThat(hours).hasSize(run.path("hours").size());
    for (int i = 0; i < hours.size(); i++) {
      JsonNode h = run.path("hours").get(i);
      assertThat(hours.get(i).get(0) + ":00Z").isEqualTo(h.path("hour").asText().replace('T', ' '));
      assertThat(hours.get(i).subList(1, 5))
          .containsExactly(
              h.path("asset").asText(),
              h.path("executed").asText(),
              h.path("expected_profit").asText(),
              h.path("realized_profit").asText());
    }
    // no script, nothing from outside the file
    assertThat(html).doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
    assertThat(html).contains("Content-Security-Policy").contains("default-src 'none'");

    openedOfflineWithDrawnCharts(report, "backtest-report.png");
  }

  @Test
  void historyPlotHtmlDrawsTheRecordsOfTheStore() throws Exception {
    Path page = KEPT.resolve("history.html").toAbsolutePath();
    Files.deleteIfExists(page);
    CliRun plot = arb("history", "--plot", page.toString());
    assertThat(plot.exitCode()).as(plot.err()).isZero();
    assertThat(plot.out()).contains("drawn to " + page);
    CliRun all = arb("history", "--json", "--limit", "100000");
    JsonNode records = JSON.readTree(all.out());
    long executed = 0;
    for (JsonNode r : records) {
      executed += r.path("status").asText().equals("executed") ? 1 : 0;
    }
    assertThat(executed).isPositive();
    String html = Files.readString(page);
    assertThat(plot.out()).startsWith("arb history: " + records.size() + " records from ");
    // the legend: every executed record counted once
    assertThat(html).contains(">executed: " + executed + "</text>");
    openedOfflineWithDrawnCharts(page, "history-plot.png");
  }

  @Test
  void historyPlotPngHasTheRequestedSizeAndDrawsInThePlotArea() throws Exception {
    Path png = KEPT.resolve("history.png").toAbsolutePath();
    Files.deleteIfExists(png);
    CliRun plot = arb("history", "--plot", png.toString(), "--plot-size", "900x700");
    assertThat(plot.exitCode()).as(plot.err()).isZero();
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(900);
    assertThat(image.getHeight()).isEqualTo(700);
    // panels: opportunities by status, profit per traded start asset (one empty one if none),
    // trades and dead letters (when any); stacked under a 36-pixel heading
    java.util.Set<String> traded = new java.util.TreeSet<>();
    for (JsonNode r : JSON.readTree(arb("history", "--json", "--limit", "100000").out())) {
      if (!r.path("realized_profit").isNull()) {
        traded.add(r.path("start_asset").asText());
      }
    }
    assertThat(traded).isNotEmpty();
    int panels = 1 + traded.size() + 1;
    double each = (700 - 36) / (double) panels;
    // the first panel's plot area: 78 px from the left, 46 px below its top, 30 px above its
    // bottom; the executed series (green) is drawn there
    int green = 0;
    int ink = 0;
    for (int y = 36 + 46; y < (int) (36 + each - 30); y++) {
      for (int x = 80; x < 880; x++) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        ink += rgb != 0xffffff ? 1 : 0;
        int r = rgb >> 16;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        green +=
            Math.abs(r - 0x11) < 40 && Math.abs(g - 0x63) < 40 && Math.abs(b - 0x29) < 40 ? 1 : 0;
      }
    }
    assertThat(ink).isGreaterThan(500);
    assertThat(green).isGreaterThan(20);
    try (Stream<Path> left = Files.list(png.getParent())) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void aPlotThatCannotBeWrittenIsAClearErrorAndLeavesNoFile() throws Exception {
    Path missing = dir.resolve("no-such-folder").resolve("p.png");
    CliRun a = arb("history", "--plot", missing.toString());
    assertThat(a.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(a.err())
        .contains("cannot write " + missing)
        .contains("does not exist")
        .doesNotContain("Exception");
    assertThat(missing.getParent()).doesNotExist();

    Path folder = dir.resolve("taken.html");
    Files.createDirectories(folder);
    CliRun b = arb("history", "--plot", folder.toString());
    assertThat(b.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(b.err()).contains("cannot write " + folder).contains("it is a folder");
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }

    CliRun c =
        arb(
            "backtest",
            "--replay",
            journal.toString(),
            "--report",
            missing.resolveSibling("r.html").toString());
    assertThat(c.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(c.err()).contains("--report").contains("does not exist");
  }

  /**
   * Opens {@code file} from {@code file://} in headless Chromium: no console warning or error, no
   * request, and SVG charts whose series paths are drawn (non-empty, spanning some width).
   */
  private static void openedOfflineWithDrawnCharts(Path file, String screenshot) throws Exception {
    ChromeDriver b = browser();
    b.get(file.toUri().toString());
    JavascriptExecutor js = b;
    long svgs =
        ((Number) js.executeScript("return document.querySelectorAll('svg').length;")).longValue();
    assertThat(svgs).isGreaterThanOrEqualTo(2);
    // every chart has drawn paths; the widest series path of each spans most of its chart
    @SuppressWarnings("unchecked")
    List<Object> widths =
        (List<Object>)
            js.executeScript(
                "return [...document.querySelectorAll('svg')].map(s => {"
                    + "  const paths = [...s.querySelectorAll('path')]"
                    + "    .filter(p => (p.getAttribute('d') || '').length > 0"
                    + "      && p.getAttribute('stroke-width') === '2');"
                    + "  if (paths.length === 0) return 0;"
                    + "  return Math.max(...paths.map(p => p.getBBox().width))"
                    + "    / s.viewBox.baseVal.width; });");
    assertThat(widths).isNotEmpty();
    int drawn = 0;
    for (Object w : widths) {
      drawn += ((Number) w).doubleValue() > 0.5 ? 1 : 0;
    }
    // the empty-panel note is the only chart without series
    assertThat(drawn).isGreaterThanOrEqualTo(widths.size() - 1).isGreaterThanOrEqualTo(2);
    long requests =
        ((Number) js.executeScript("return performance.getEntriesByType('resource').length;"))
            .longValue();
    assertThat(requests).isZero();
    Files.write(KEPT.resolve(screenshot), b.getScreenshotAs(OutputType.BYTES));
    assertThat(HeadlessChromium.warnings(b)).as("browser console warnings and errors").isEmpty();
  }
}
