package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code arb scan --input} on the hostile inputs of the hardening review (issue 14, finding 8),
 * in-process: each ends as exit 0 (bad markets reported on stderr as {@code warning: ...} and left
 * out) or exit 2 with a message naming the input; never exit 1 or 3, a stack trace, or a hang.
 */
class ScanHostileInputTest {
  /** Hang guard, not a speed assertion. */
  private static final Duration GUARD = Duration.ofSeconds(60);

  @TempDir Path tmp;

  private CliRun scan(String... args) {
    List<String> all =
        new ArrayList<>(List.of("--data-dir", tmp.resolve("data").toString(), "scan"));
    all.addAll(List.of(args));
    all.add("--no-record");
    CliRun r =
        assertTimeoutPreemptively(
            GUARD, () -> CliRun.run(Map.of("HOME", tmp.toString()), all.toArray(String[]::new)));
    assertThat(r.err())
        .as("stderr of %s", all)
        .doesNotContain("unexpected error")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    return r;
  }

  private static Path data(String name) {
    try {
      return Path.of(ScanHostileInputTest.class.getResource("data/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private Path write(String name, String content) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  /** Two real markets (MO-book Binance.US, 2023-03-02) in arb's snapshot format. */
  private static String snapshot(String ethBtcObservedAt, String ethBtcBids) {
    return "{\"format_version\": 1, \"exchanges\": [{\"name\": \"binanceus\", \"markets\": [\n"
        + " {\"base\": \"ETH\", \"quote\": \"BTC\", \"taker_fee\": \"0\", \"observed_at\": \""
        + ethBtcObservedAt
        + "\", \"bids\": "
        + ethBtcBids
        + ", \"asks\": [[\"0.069759\", \"0.05\"]]},\n"
        + " {\"base\": \"BNB\", \"quote\": \"BTC\", \"taker_fee\": \"0\","
        + " \"observed_at\": \"2023-03-02T15:36:06.583Z\","
        + " \"bids\": [[\"0.0127426\", \"0.05\"]], \"asks\": [[\"0.0127545\", \"3.0\"]]}\n"
        + "]}]}\n";
  }

  private static final String AT = "2023-03-02T15:36:06.529Z";

  private static void usageError(CliRun r, Path input, String what) {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains(input.toString()).contains(what);
  }

  private static void accepted(CliRun r, int markets, String... warnings) {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    assertThat(r.out()).contains("graph: " + markets + " markets");
    for (String w : warnings) {
      assertThat(r.err()).contains("warning: ").contains(w);
    }
  }

  @Test
  void hugeExponentInABidPriceIsAUsageErrorNamingTheInput() throws IOException {
    Path p = write("exp.json", snapshot(AT, "[[1e999999999, \"0.012\"]]"));
    usageError(scan("--input", p.toString()), p, "out of range");
  }

  @Test
  void bareHugeNumberIsAUsageError() throws IOException {
    Path p = write("bare.json", "1e99999999999");
    usageError(scan("--input", p.toString(), "--format", "snapshot"), p, "");
  }

  @Test
  void rateCountBeyondAnIntIsAUsageError() throws IOException {
    for (String count : List.of("2147483648", "99999999999999999999")) {
      Path p = write("rates" + count.length() + ".txt", count + "\nUSD 1 0.741\nEUR 1.349 1\n");
      usageError(scan("--input", p.toString()), p, count);
    }
  }

  @Test
  void deeplyNestedFileInAFolderIsLeftOut() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("books"));
    Files.copy(data("orderbooks/KRAKEN_XBT-CHF.json"), dir.resolve("KRAKEN_XBT-CHF.json"));
    Files.writeString(dir.resolve("deep.json"), "[".repeat(100_000) + "]".repeat(100_000));
    accepted(scan("--input", dir.toString()), 1, "deep.json");
  }

  @Test
  void devZeroAsInputIsAUsageError() {
    Path zero = Path.of("/dev/zero");
    assumeTrue(Files.exists(zero));
    usageError(scan("--input", zero.toString()), zero, "not a regular file");
  }

  @Test
  void symlinksToDevicesInAFolderAreLeftOut() throws IOException {
    assumeTrue(Files.exists(Path.of("/dev/zero")) && Files.exists(Path.of("/dev/urandom")));
    Path dir = Files.createDirectory(tmp.resolve("links"));
    Files.copy(data("orderbooks/KRAKEN_XBT-CHF.json"), dir.resolve("KRAKEN_XBT-CHF.json"));
    Files.createSymbolicLink(dir.resolve("zero.json"), Path.of("/dev/zero"));
    Files.createSymbolicLink(dir.resolve("urandom.json"), Path.of("/dev/urandom"));
    accepted(scan("--input", dir.toString()), 1, "zero.json", "urandom.json");
  }

  @Test
  void fifoInAFolderIsLeftOutWithoutWaiting() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("fifo"));
    Files.copy(data("orderbooks/KRAKEN_XBT-CHF.json"), dir.resolve("KRAKEN_XBT-CHF.json"));
    Path fifo = dir.resolve("pipe.json");
    assumeTrue(mkfifo(fifo), "mkfifo is not available");
    accepted(scan("--input", dir.toString()), 1, "pipe.json");
  }

  @Test
  void sparseFileOverTheSizeLimitIsAUsageError() throws IOException {
    Path p = tmp.resolve("huge.csv");
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.setLength(300L << 20); // sparse: no blocks written; over the default limit
    }
    usageError(scan("--input", p.toString()), p, "larger than");
  }

  @Test
  void arabicIndicDigitsAreReportedAndLeftOut() throws IOException {
    Path p = write("digits.json", snapshot(AT, "[[\"0.069735\", \"\u0661\u0662\"]]"));
    accepted(scan("--input", p.toString()), 1, "binanceus:ETH/BTC");
  }

  @Test
  void farFutureObservationIsLeftOutAndDoesNotMakeOtherBooksStale() throws IOException {
    Path p =
        write("future.json", snapshot("+999999999-01-01T00:00:00Z", "[[\"0.069735\", \"1\"]]"));
    CliRun r = scan("--input", p.toString(), "--max-age", "5s");
    accepted(r, 1, "binanceus:ETH/BTC");
    assertThat(r.err()).doesNotContain("stale");
  }

  @Test
  void levelWithThreeElementsIsLeftOut() throws IOException {
    Path p = write("three.json", snapshot(AT, "[[\"0.069735\", \"0.012\", \"7\"]]"));
    accepted(scan("--input", p.toString()), 1, "binanceus:ETH/BTC", "[price, amount]");
  }

  @Test
  void fractionalFormatVersionIsAUsageError() throws IOException {
    Path p =
        write(
            "v15.json",
            snapshot(AT, "[[\"0.069735\", \"0.012\"]]")
                .replace("\"format_version\": 1", "\"format_version\": 1.5"));
    usageError(scan("--input", p.toString()), p, "format_version");
  }

  @Test
  void derivativeSymbolIsReportedAndLeftOut() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("perp"));
    Files.copy(data("orderbooks/KRAKEN_XBT-CHF.json"), dir.resolve("KRAKEN_XBT-CHF.json"));
    Files.writeString(
        dir.resolve("BYBIT_BTCUSDT-PERP.json"),
        "{\"exchange\":\"BYBIT\",\"symbol\":\"BTCUSDT-PERP\","
            + "\"recorded_utc\":\"2023-03-02T15:36:06Z\","
            + "\"bids\":[[\"22000.5\",\"1\"]],\"asks\":[[\"22001\",\"2\"]]}");
    accepted(scan("--input", dir.toString()), 1, "BTCUSDT-PERP", "derivative");
  }

  @Test
  void denseRateTableOfEqualRatesEndsWithANote() throws IOException {
    // Every cycle of this table has the same return: branch-and-bound cannot cut anything.
    int n = 60;
    StringBuilder sb = new StringBuilder().append(n).append('\n');
    for (int i = 0; i < n; i++) {
      sb.append(String.format("A%02d", i));
      for (int j = 0; j < n; j++) {
        sb.append(i == j ? " 1" : " 1.01");
      }
      sb.append('\n');
    }
    Path p = write("dense.txt", sb.toString());
    CliRun r = scan("--input", p.toString());
    accepted(r, n * (n - 1));
    assertThat(r.out()).contains("search stopped");
  }

  @Test
  void wholeGraphPlanOfADenseTableIsRefusedWithItsLimit() throws IOException {
    int n = 40; // 1,560 markets x 8 steps: beyond what the LP solves in reasonable time
    StringBuilder sb = new StringBuilder().append(n).append('\n');
    for (int i = 0; i < n; i++) {
      sb.append(String.format("A%02d", i));
      for (int j = 0; j < n; j++) {
        sb.append(i == j ? " 1" : " 0.99");
      }
      sb.append('\n');
    }
    Path p = write("dense-lp.txt", sb.toString());
    CliRun r = scan("--input", p.toString(), "--plan", "lp", "--start", "A00", "--amount", "1");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("1560 markets x 8 steps is more than 10000");
  }

  private static boolean mkfifo(Path p) {
    try {
      Process proc = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
      return proc.waitFor(10, TimeUnit.SECONDS) && proc.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
