package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.daemon.stream.Journals;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard's decision-latency panel with values: {@code arb run} replays a journal of streamed
 * books (paced, so updates keep arriving) and the page shows the streaming engine's p50, p99 and
 * max as {@code /status} reports them, with a chart of the values it polled.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DecisionLatencyPanelIT {
  private static final long WAIT_NANOS = 60_000_000_000L;

  @TempDir static Path dir;

  private static ChromeDriver browser;
  private static InProcessDaemon daemon;

  @BeforeAll
  static void start() throws Exception {
    browser = HeadlessChromium.start(dir.resolve("chromium-profile"), "decision latency panel");
    Path journal = dir.resolve("journal");
    // 6,000 books 50 ms apart: five minutes of updates at the recorded pace
    Journals.synthetic(journal, 6_000, 50);
    daemon =
        new InProcessDaemon(
            Map.of("HOME", dir.toString()),
            "--data-dir",
            dir.resolve("data").toString(),
            "run",
            "--dry-run",
            "--http-port",
            "0",
            "--replay",
            journal.toString(),
            "--speed",
            "1");
    daemon.awaitStatus(s -> s.at("/stream/decision_latency/events").asLong() > 0);
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

  private static String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  /** A latency as the page shows it ({@code 12.3 µs}, {@code 1.20 ms}), in microseconds. */
  private static double micros(String shown) {
    Matcher m = Pattern.compile("([0-9.]+) (µs|ms|s)").matcher(shown);
    assertThat(m.find()).as(shown).isTrue();
    double v = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> v * 1e3;
      case "s" -> v * 1e6;
      default -> v;
    };
  }

  @Test
  void showsP50P99AndMaxOfStreamedUpdatesAndChartsThem() throws Exception {
    browser.get(daemon.url() + "/");
    long deadline = System.nanoTime() + WAIT_NANOS;
    // a few polls, so the chart has several samples
    while (browser.findElements(By.cssSelector("#chart-latency canvas")).isEmpty()
        || !text("latency").contains("p99")) {
      assertThat(System.nanoTime())
          .as("latency panel never filled: " + text("h-latency"))
          .isLessThan(deadline);
      Thread.sleep(200);
    }
    Thread.sleep(4_500);
    String shown = text("latency");
    JsonNode l = daemon.status().at("/stream/decision_latency");
    assertThat(l.path("events").asLong()).isPositive();
    assertThat(browser.findElement(By.id("latency-none")).isDisplayed()).isFalse();
    Matcher rows = Pattern.compile("(?m)^(p50|p99|max)\\R(.+)$").matcher(shown);
    double p50 = -1;
    double p99 = -1;
    double max = -1;
    while (rows.find()) {
      double v = micros(rows.group(2));
      switch (rows.group(1)) {
        case "p50" -> p50 = v;
        case "p99" -> p99 = v;
        default -> max = v;
      }
    }
    assertThat(p50).as(shown).isPositive();
    assertThat(p99).as(shown).isGreaterThanOrEqualTo(p50);
    assertThat(max).as(shown).isGreaterThanOrEqualTo(p99);
    assertThat(shown).containsPattern("updates\\R\\d+ in the last minute");
    assertThat(browser.findElement(By.id("latency-figure")).isDisplayed()).isTrue();
    java.nio.file.Files.createDirectories(Path.of("target", "dashboard"));
    java.nio.file.Files.write(
        Path.of("target", "dashboard", "dashboard-latency.png"),
        browser.getScreenshotAs(OutputType.BYTES));
    assertThat(HeadlessChromium.warnings(browser))
        .as("browser console warnings and errors")
        .isEmpty();
  }
}
