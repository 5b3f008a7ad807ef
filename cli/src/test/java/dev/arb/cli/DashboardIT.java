package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard at {@code GET /} in a real browser: headless Chromium (the Debian packages {@code
 * chromium} and {@code chromium-driver}, which {@code scripts/test} installs) driven through
 * Selenium, against {@code arb run --dry-run} replaying the bundled sample with paper trading.
 * Without the browser the tests are skipped with the reason, never passed.
 *
 * <p>Screenshots are kept in {@code cli/target/dashboard/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DashboardIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = RunCommandIT.TOKEN;
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir static Path dir;

  private static InProcessDaemon daemon;
  private static ChromeDriver browser;
  private static String url;

  @BeforeAll
  static void startDaemonAndBrowser() throws Exception {
    browser = HeadlessChromium.start(dir.resolve("chromium-profile"), "dashboard");
    Path conf = dir.resolve("arb.conf");
    Files.writeString(
        conf,
        "arb.paper.balances { binanceus { USD = \"100000\", USDT = \"100000\","
            + " BTC = \"5\", ETH = \"50\" } }\n"
            + "arb.risk.slippage-buffer-bp = 0\n");
    Path sample = RunCommandIT.sampleFile(dir);
    daemon =
        new InProcessDaemon(
            Map.of("HOME", dir.toString(), "ARB_HTTP_TOKEN", TOKEN),
            "--config",
            conf.toString(),
            "--data-dir",
            dir.resolve("data").toString(),
            "run",
            "--dry-run",
            "--http-port",
            "0",
            "--input",
            sample.toString(),
            "--loop",
            "--interval",
            "500ms");
    url = daemon.url();
    daemon.awaitStatus(s -> s.get("state").asText().equals("running"));
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (browser != null) {
        browser.quit();
      }
    } finally {
      if (daemon != null) {
        daemon.close();
      }
    }
  }

  /** Waits (at most {@link #WAIT}) until {@code condition} holds in the browser. */
  private static Waiting waiting() {
    return new Waiting();
  }

  private static final class Waiting {
    void until(Predicate<WebDriver> condition) throws Exception {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!condition.test(browser)) {
        if (System.nanoTime() > deadline) {
          try {
            screenshot("failure.png");
          } catch (Exception e) {
            // the failure below says what matters
          }
          throw new AssertionError(
              "the page never got there within "
                  + WAIT.toSeconds()
                  + " s; it shows: "
                  + browser.findElement(By.tagName("body")).getText());
        }
        Thread.sleep(100);
      }
    }
  }

  private static String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  private static JsonNode status() throws Exception {
    return JSON.readTree(Http.get(url + "/status").body());
  }

  private static String cellText(List<Object> row, int column) {
    return (String) ((List<?>) row.get(column)).get(0);
  }

  /** Pixels of a chart's canvas within a small distance of colour {@code rgb} (a drawn series). */
  private static long pixelsOfColour(String chartId, int r, int g, int b) {
    Object n =
        ((JavascriptExecutor) browser)
            .executeScript(
                "const c = document.querySelector('#' + arguments[0] + ' canvas');"
                    + "if (!c || c.width === 0 || c.height === 0) return -1;"
                    // read a copy made for reading: repeated reads of the page's own canvas make
                    // the browser warn (willReadFrequently), a warning of this test, not the page
                    + "const copy = document.createElement('canvas');"
                    + "copy.width = c.width; copy.height = c.height;"
                    + "const x = copy.getContext('2d', {willReadFrequently: true});"
                    + "x.drawImage(c, 0, 0);"
                    + "const d = x.getImageData(0, 0, c.width, c.height).data;"
                    + "let n = 0;"
                    + "for (let i = 0; i < d.length; i += 4) {"
                    + "  if (d[i + 3] > 128 && Math.abs(d[i] - arguments[1]) < 40"
                    + "      && Math.abs(d[i + 1] - arguments[2]) < 40"
                    + "      && Math.abs(d[i + 2] - arguments[3]) < 40) n++;"
                    + "}"
                    + "return n;",
                chartId,
                r,
                g,
                b);
    return ((Number) n).longValue();
  }

  private static void screenshot(String name) throws Exception {
    Path out = Path.of("target", "dashboard");
    Files.createDirectories(out);
    Files.write(out.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
  }

  @Test
  @Order(1)
  void pageShowsStateOpportunitiesAndChartsWithoutConsoleErrors() throws Exception {
    // enough records for the charts: the looping replay records the sample's opportunities
    daemon.awaitStatus(s -> s.get("records").get("written").asLong() >= 20);
    browser.manage().window().setSize(new Dimension(1280, 800));
    browser.get(url + "/");

    assertThat(browser.getTitle()).isEqualTo("arb dashboard");
    waiting().until(d -> text("state").equals("running"));
    waiting().until(d -> !d.findElements(By.cssSelector("#opportunities tbody tr")).isEmpty());
    // one snapshot of the table (the page redraws it while it polls)
    @SuppressWarnings("unchecked")
    List<List<Object>> rows =
        (List<List<Object>>)
            ((JavascriptExecutor) browser)
                .executeScript(
                    "return [...document.querySelectorAll('#opportunities tbody tr')].map(tr =>"
                        + " [...tr.cells].map(td => [td.textContent,"
                        + " getComputedStyle(td).textAlign]));");
    assertThat(rows).isNotEmpty();
    double previous = Double.MAX_VALUE;
    for (List<Object> row : rows) {
      assertThat(row).hasSize(7);
      assertThat(cellText(row, 1)).isIn("executed", "failed", "rejected", "sized");
      assertThat(cellText(row, 2)).matches("(\\w+)( → \\w+)+ → \\1");
      // best first: the return column never rises down the table; numbers right-aligned
      double bp = Double.parseDouble(cellText(row, 4));
      assertThat(bp).isLessThanOrEqualTo(previous);
      previous = bp;
      assertThat(((List<?>) row.get(4)).get(1)).isEqualTo("right");
      assertThat(cellText(row, 5)).matches("-?\\d+(\\.\\d{1,8})? \\w+");
    }
    assertThat(text("summary")).contains("uptime").contains("scans");
    assertThat(browser.findElements(By.cssSelector("#exchanges tbody tr"))).isNotEmpty();
    assertThat(text("exchanges")).contains("binanceus");

    // charts: uPlot canvases with the series drawn in their colours
    waiting().until(d -> pixelsOfColour("chart-found", 0x11, 0x63, 0x29) > 50);
    waiting().until(d -> !d.findElements(By.cssSelector("#chart-profit .chart canvas")).isEmpty());
    waiting().until(d -> pixelsOfColour("chart-trades", 0x11, 0x63, 0x29) > 50);
    assertThat(text("chart-note")).containsPattern("\\d+ records, counted per minute");
    assertThat(text("chart-profit")).contains("USD");

    // decision latency: this daemon polls a file, so nothing is streamed and the panel says so
    // (the values themselves: DecisionLatencyPanelIT, on a replayed journal of streamed books)
    assertThat(status().at("/stream/decision_latency/events").asLong()).isZero();
    waiting().until(d -> d.findElement(By.id("latency-none")).isDisplayed());
    assertThat(text("latency-none")).startsWith("No streamed updates yet in the last minute");
    assertThat(text("latency")).isEmpty();
    assertThat(browser.findElement(By.id("latency-figure")).isDisplayed()).isFalse();

    screenshot("dashboard.png");
    // a taller one showing every part, for the documentation
    browser.manage().window().setSize(new Dimension(1280, 1500));
    Thread.sleep(300);
    screenshot("dashboard-full.png");
    assertThat(HeadlessChromium.warnings(browser))
        .as("browser console warnings and errors")
        .isEmpty();
    assertThat(browser.findElement(By.id("problem")).isDisplayed()).isFalse();
  }

  @Test
  @Order(2)
  void pauseAndResumeWithTheTokenChangeTheState() throws Exception {
    WebElement token = browser.findElement(By.id("token"));
    token.clear();
    token.sendKeys(TOKEN);
    browser.findElement(By.id("pause")).click();
    waiting().until(d -> text("control-result").contains("now paused"));
    waiting().until(d -> text("state").equals("paused"));
    assertThat(status().get("state").asText()).isEqualTo("paused");
    // kept for this tab only, and never put in the address
    Object stored =
        ((JavascriptExecutor) browser)
            .executeScript("return sessionStorage.getItem('arb.control-token');");
    assertThat(stored).isEqualTo(TOKEN);
    Object persistent = ((JavascriptExecutor) browser).executeScript("return localStorage.length;");
    assertThat(((Number) persistent).intValue()).isZero();
    assertThat(browser.getCurrentUrl()).doesNotContain(TOKEN);
    screenshot("dashboard-paused.png");

    browser.findElement(By.id("resume")).click();
    waiting().until(d -> text("state").equals("running"));
    assertThat(status().get("state").asText()).isEqualTo("running");
  }

  @Test
  @Order(3)
  void aWrongTokenShowsTheRefusalAndChangesNothing() throws Exception {
    WebElement token = browser.findElement(By.id("token"));
    token.clear();
    token.sendKeys("not-the-token");
    browser.findElement(By.id("pause")).click();
    waiting().until(d -> text("control-result").contains("refused"));
    assertThat(text("control-result")).contains("403").contains("wrong token");
    assertThat(browser.findElement(By.id("control-result")).getAttribute("class"))
        .isEqualTo("error");
    assertThat(status().get("state").asText()).isEqualTo("running");
    assertThat(text("state")).isEqualTo("running");
  }

  @Test
  @Order(4)
  void fitsAPhoneWidthWindow() throws Exception {
    browser.manage().window().setSize(new Dimension(390, 844));
    browser.navigate().refresh();
    waiting().until(d -> text("state").equals("running"));
    waiting().until(d -> !d.findElements(By.cssSelector("#opportunities tbody tr")).isEmpty());
    waiting().until(d -> pixelsOfColour("chart-found", 0x11, 0x63, 0x29) > 20);
    long scrollWidth =
        ((Number)
                ((JavascriptExecutor) browser)
                    .executeScript("return document.documentElement.scrollWidth;"))
            .longValue();
    long clientWidth =
        ((Number)
                ((JavascriptExecutor) browser)
                    .executeScript("return document.documentElement.clientWidth;"))
            .longValue();
    screenshot("dashboard-phone.png");
    // wide tables scroll inside their card; the page itself never scrolls sideways
    assertThat(scrollWidth).isLessThanOrEqualTo(clientWidth);
  }
}
