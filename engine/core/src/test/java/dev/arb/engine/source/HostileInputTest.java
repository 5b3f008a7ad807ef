package dev.arb.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.arb.engine.Fixtures;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.error.ConfigException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parser findings of the hardening review (issue 14, finding 8), one test each: input that made
 * a reader crash, exhaust memory, hang, or accept a bogus market. Every one must end as a snapshot
 * with the bad market reported and left out, or a {@link ConfigException} naming the input.
 */
class HostileInputTest {
  /** Hang guard only: every case here is read in well under a second. */
  private static final Duration GUARD = Duration.ofSeconds(30);

  @TempDir Path tmp;

  /** One real market (MO-book Binance.US ETH/BTC, 2023-03-02) in arb's snapshot format. */
  private static String snapshot(String observedAt, String bids, String asks) {
    return "{\"format_version\": 1, \"exchanges\": [{\"name\": \"binanceus\", \"markets\": [\n"
        + " {\"base\": \"ETH\", \"quote\": \"BTC\", \"taker_fee\": \"0\", \"observed_at\": \""
        + observedAt
        + "\",\n  \"bids\": "
        + bids
        + ",\n  \"asks\": "
        + asks
        + "},\n"
        + " {\"base\": \"BNB\", \"quote\": \"BTC\", \"taker_fee\": \"0\","
        + " \"observed_at\": \"2023-03-02T15:36:06.583Z\","
        + " \"bids\": [[\"0.0127426\", \"0.05\"]], \"asks\": [[\"0.0127545\", \"3.0\"]]}\n"
        + "]}]}\n";
  }

  private static final String AT = "2023-03-02T15:36:06.529Z";
  private static final String BIDS = "[[\"0.069735\", \"0.012\"]]";
  private static final String ASKS = "[[\"0.069759\", \"0.05\"]]";

  private Path write(String name, String content) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  private static MarketSnapshot read(Path p) {
    return assertTimeoutPreemptively(
        GUARD, () -> SnapshotReaders.read(p, Optional.empty(), ReadOptions.defaults()));
  }

  private static List<String> ids(MarketSnapshot s) {
    List<String> out = new ArrayList<>();
    for (OrderBook b : s.books()) {
      out.add(b.market().id());
    }
    return out;
  }

  /** Reading fails with a message that names the input and contains {@code what}. */
  private static void refused(Path p, String what) {
    assertThatThrownBy(() -> read(p))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(p.toString())
        .hasMessageContaining(what);
  }

  @Test
  void refusesAJsonNumberWithAHugeExponentNamingWhere() throws IOException {
    Path p = write("huge-exp.json", snapshot(AT, "[[1e999999999, \"0.012\"]]", ASKS));
    refused(p, "out of range");
  }

  @Test
  void leavesOutAMarketWhosePriceIsOutOfRange() throws IOException {
    Path p = write("big.json", snapshot(AT, "[[\"1e999999999\", \"0.012\"]]", ASKS));
    MarketSnapshot s = read(p);
    assertThat(ids(s)).containsExactly("binanceus:BNB/BTC");
    assertThat(s.problems())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("binanceus:ETH/BTC", "out of range", "market left out");
  }

  @Test
  void refusesABareNumberWithAHugeExponent() throws IOException {
    Path p = write("bare.json", "1e99999999999");
    assertThatThrownBy(
            () ->
                assertTimeoutPreemptively(
                    GUARD,
                    () ->
                        SnapshotReaders.read(
                            p, Optional.of(InputFormat.SNAPSHOT), ReadOptions.defaults())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(p.toString());
  }

  @Test
  void refusesRateCountsBeyondAnInt() throws IOException {
    for (String count : List.of("2147483648", "99999999999999999999")) {
      Path p = write("rates-" + count.length() + ".txt", count + "\nUSD 1 0.741\nEUR 1.349 1\n");
      refused(p, count);
    }
  }

  @Test
  void leavesOutAFileNestedTooDeepAndReadsTheRestOfTheFolder() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("books"));
    Files.copy(Fixtures.path("orderbooks/KRAKEN_ADA-XBT.json"), dir.resolve("KRAKEN_ADA-XBT.json"));
    Files.writeString(dir.resolve("deep.json"), "[".repeat(100_000) + "]".repeat(100_000));
    MarketSnapshot s = read(dir);
    assertThat(ids(s)).containsExactly("kraken:ADA/BTC");
    assertThat(s.problems())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("deep.json", "nested", "file left out");
  }

  @Test
  void refusesADeviceAsInput() {
    Path zero = Path.of("/dev/zero");
    assumeTrue(Files.exists(zero));
    refused(zero, "not a regular file");
  }

  @Test
  void leavesOutSymlinksToDevicesInAFolder() throws IOException {
    assumeTrue(Files.exists(Path.of("/dev/zero")) && Files.exists(Path.of("/dev/urandom")));
    Path dir = Files.createDirectory(tmp.resolve("links"));
    Files.copy(Fixtures.path("orderbooks/KRAKEN_ADA-XBT.json"), dir.resolve("KRAKEN_ADA-XBT.json"));
    Files.createSymbolicLink(dir.resolve("zero.json"), Path.of("/dev/zero"));
    Files.createSymbolicLink(dir.resolve("urandom.json"), Path.of("/dev/urandom"));
    MarketSnapshot s = read(dir);
    assertThat(ids(s)).containsExactly("kraken:ADA/BTC");
    assertThat(String.join("\n", s.problems()))
        .contains("zero.json", "urandom.json", "not a regular file");
  }

  @Test
  void leavesOutAFifoInAFolderWithoutWaitingForIt() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("fifo"));
    Files.copy(Fixtures.path("orderbooks/KRAKEN_ADA-XBT.json"), dir.resolve("KRAKEN_ADA-XBT.json"));
    Path fifo = dir.resolve("pipe.json");
    assumeTrue(mkfifo(fifo), "mkfifo is not available");
    MarketSnapshot s = read(dir);
    assertThat(ids(s)).containsExactly("kraken:ADA/BTC");
    assertThat(s.problems())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("pipe.json", "not a regular file", "file left out");
  }

  @Test
  void refusesASparseFileOverTheSizeLimitWithoutReadingIt() throws IOException {
    Path p = tmp.resolve("huge.json");
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.setLength(300L << 20); // sparse: no blocks written; over the default limit
    }
    refused(p, "larger than");
  }

  @Test
  void leavesOutAnAmountInArabicIndicDigits() throws IOException {
    Path p = write("digits.json", snapshot(AT, "[[\"0.069735\", \"\u0661\u0662\"]]", ASKS));
    MarketSnapshot s = read(p);
    assertThat(ids(s)).containsExactly("binanceus:BNB/BTC");
    assertThat(String.join("\n", s.problems())).contains("binanceus:ETH/BTC", "ASCII digits");
  }

  @Test
  void leavesOutObservationsInTheFarFutureOrBeforeBitcoin() throws IOException {
    for (String at : List.of("+999999999-01-01T00:00:00Z", "2100-01-01T00:00:00Z")) {
      MarketSnapshot s = read(write("future.json", snapshot(at, BIDS, ASKS)));
      assertThat(ids(s)).as(at).containsExactly("binanceus:BNB/BTC");
      assertThat(String.join("\n", s.problems())).as(at).contains("binanceus:ETH/BTC", "future");
    }
    MarketSnapshot s = read(write("past.json", snapshot("2008-12-31T23:59:59Z", BIDS, ASKS)));
    assertThat(ids(s)).containsExactly("binanceus:BNB/BTC");
    assertThat(String.join("\n", s.problems())).contains("binanceus:ETH/BTC", "2009-01-03");
  }

  @Test
  void leavesOutALevelThatIsNotExactlyAPriceAndAnAmount() throws IOException {
    Path p = write("three.json", snapshot(AT, "[[\"0.069735\", \"0.012\", \"7\"]]", ASKS));
    MarketSnapshot s = read(p);
    assertThat(ids(s)).containsExactly("binanceus:BNB/BTC");
    assertThat(String.join("\n", s.problems())).contains("binanceus:ETH/BTC", "[price, amount]");
  }

  @Test
  void refusesAFractionalFormatVersion() throws IOException {
    Path p =
        write(
            "v15.json",
            snapshot(AT, BIDS, ASKS).replace("\"format_version\": 1", "\"format_version\": 1.5"));
    refused(p, "format_version");
  }

  @Test
  void leavesOutDerivativeSymbols() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("perp"));
    String book =
        "{\"exchange\":\"BYBIT\",\"symbol\":\"%s\",\"recorded_utc\":\"2023-03-02T15:36:06Z\","
            + "\"bids\":[[\"22000.5\",\"1\"]],\"asks\":[[\"22001\",\"2\"]]}";
    List<String> derivatives =
        List.of("BTCUSDT-PERP", "BTC-USD-SWAP", "BTC-27DEC24", "BTCUSD_PERP", "ETHUSD_240927");
    for (int i = 0; i < derivatives.size(); i++) {
      Files.writeString(dir.resolve("d" + i + ".json"), String.format(book, derivatives.get(i)));
    }
    Files.writeString(dir.resolve("spot.json"), String.format(book, "BTC/USDT"));
    MarketSnapshot s = read(dir);
    assertThat(ids(s)).containsExactly("bybit:BTC/USDT");
    assertThat(s.problems()).hasSize(derivatives.size());
    for (String d : derivatives) {
      assertThat(String.join("\n", s.problems())).contains(d, "derivative");
    }
  }

  @Test
  void leavesOutCsvRowsWithDerivativesUnicodeDigitsOrImplausibleTimes() throws IOException {
    Path csv =
        write(
            "tob.csv",
            "symbol,timestamp,base,quote,bid_price,bid_volume,ask_price,ask_volume\n"
                + "ETH/BTC,2023-03-02 15:36:06.529,ETH,BTC,0.069735,0.012,0.069759,0.05\n"
                + "BTCUSDT-PERP,2023-03-02 15:36:06.6,BTCUSDT,PERP,22000.5,1,22001,2\n"
                + "BNB/BTC,\u0661\u0666\u0667\u0667\u0667\u0661\u0663\u0666\u0665\u0662\u0669\u0660\u0660,"
                + "BNB,BTC,0.0127426,0.05,0.0127545,3.0\n"
                + "XRP/BTC,4102444800000,XRP,BTC,0.00001,5,0.0000101,5\n"
                + "ADA/BTC,2023-03-02 15:36:06.637,ADA,BTC,0.00001494,2,0.00001496,2168\n");
    MarketSnapshot s = read(csv);
    assertThat(ids(s)).containsExactly("tob:ETH/BTC", "tob:ADA/BTC");
    String all = String.join("\n", s.problems());
    assertThat(all).contains("BTCUSDT-PERP", "derivative");
    assertThat(all).contains("tob:BNB/BTC", "ASCII");
    assertThat(all).contains("tob:XRP/BTC", "future");
    assertThat(s.problems()).hasSize(3);
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
