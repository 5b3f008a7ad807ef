package dev.arb.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven through Selenium, for the browser tests (the dashboard, the
 * HTML reports). Without the browser a test is skipped with the reason, never passed.
 */
final class HeadlessChromium {
  static final Duration PAGE_LOAD = Duration.ofSeconds(60);

  private HeadlessChromium() {}

  /** The chromedriver and browser to use: env ARB_CHROMEDRIVER / ARB_CHROMIUM, else Debian's. */
  private static Path executable(String env, String debian) {
    String p = System.getenv(env);
    return Path.of(p != null && !p.isBlank() ? p : debian);
  }

  /**
   * A browser with a profile in {@code profile}, its console logged at every level; aborts the test
   * (skipped, with the reason on stderr) when chromium or chromedriver is missing.
   *
   * @param what the tests that need it, for the reason
   */
  static ChromeDriver start(Path profile, String what) {
    Path driver = executable("ARB_CHROMEDRIVER", "/usr/bin/chromedriver");
    Path chromium = executable("ARB_CHROMIUM", "/usr/bin/chromium");
    for (Path p : List.of(driver, chromium)) {
      if (!Files.isExecutable(p)) {
        String why =
            what
                + " browser tests skipped: "
                + p
                + " not found; install the Debian packages chromium and chromium-driver"
                + " (scripts/test does) or set ARB_CHROMIUM and ARB_CHROMEDRIVER";
        System.err.println(why);
        Assumptions.abort(why);
      }
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--user-data-dir=" + profile,
        "--window-size=1280,800");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(driver.toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(PAGE_LOAD);
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    return browser;
  }

  /** The console's warnings and errors since the last call. */
  static List<LogEntry> warnings(ChromeDriver browser) {
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
        .toList();
  }
}
