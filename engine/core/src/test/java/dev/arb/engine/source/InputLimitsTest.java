package dev.arb.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.engine.model.MarketSnapshot;
import dev.arb.error.ConfigException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputLimitsTest {
  private static final Instant NOW = Instant.parse("2023-03-02T16:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path tmp;

  @Test
  void defaultsFollowTheHeapUpTo256Megabytes() {
    InputLimits launcher = InputLimits.forHeap(256L << 20, CLOCK);
    assertThat(launcher.maxBytes()).isEqualTo(16L << 20);
    assertThat(launcher.maxJsonTokens()).isEqualTo(1L << 20);
    assertThat(launcher.maxMarkets()).isEqualTo(262_144);
    assertThat(launcher.maxLevels()).isEqualTo(524_288);
    assertThat(InputLimits.forHeap(64L << 30, CLOCK).maxBytes()).isEqualTo(256L << 20);
    assertThat(RateTableReader.maxAssets(launcher)).isEqualTo(512); // 512·511 ≤ 262,144
  }

  @Test
  void judgesObservationTimesAgainstNowAndTheFirstBitcoinBlock() {
    InputLimits l = InputLimits.forHeap(256L << 20, CLOCK);
    assertThat(l.implausibleTime(NOW)).isNull();
    assertThat(l.implausibleTime(NOW.plusSeconds(86_400))).isNull();
    assertThat(l.implausibleTime(NOW.plusSeconds(86_401)))
        .contains("in the future", "more than 1 day after now, 2023-03-02T16:00:00Z");
    assertThat(l.implausibleTime(Instant.parse("2009-01-03T00:00:00Z"))).isNull();
    assertThat(l.implausibleTime(Instant.parse("2009-01-02T23:59:59Z"))).contains("2009-01-03");
    assertThat(l.implausibleTime(Instant.EPOCH)).contains("not a real observation time");
  }

  @Test
  void aFutureBookIsLeftOutByTheGivenClock() {
    String csv =
        "timestamp,base,quote,bid_price,bid_volume,ask_price,ask_volume\n"
            + "2023-03-02 15:36:06.529,ETH,BTC,0.069735,0.012,0.069759,0.05\n"
            + "2023-03-04 15:36:06.583,BNB,BTC,0.0127426,0.05,0.0127545,3.0\n";
    MarketSnapshot s =
        TobCsvReader.parse(
            csv, "t.csv", "binanceus", BigDecimal.ZERO, InputLimits.forHeap(256L << 20, CLOCK));
    assertThat(s.books())
        .singleElement()
        .satisfies(b -> assertThat(b.market().id()).isEqualTo("binanceus:ETH/BTC"));
    assertThat(s.problems()).singleElement().asString().contains("binanceus:BNB/BTC", "future");
  }

  @Test
  void countLimitsEndTheReadWithWhatToDo() throws IOException {
    StringBuilder csv =
        new StringBuilder("timestamp,base,quote,bid_price,bid_volume,ask_price,ask_volume\n");
    for (int i = 0; i < 11; i++) {
      csv.append("2023-03-02 15:36:06,A").append(i).append(",USD,1,1,2,1\n");
    }
    Path p = tmp.resolve("many.csv");
    Files.writeString(p, csv);
    ReadOptions tenMarkets =
        ReadOptions.defaults().withLimits(InputLimits.defaults().withCounts(1000, 10, 1000));
    assertThatThrownBy(() -> SnapshotReaders.read(p, Optional.empty(), tenMarkets))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(p.toString())
        .hasMessageContaining("more than 10 markets")
        .hasMessageContaining("ARB_JAVA_OPTS");
    ReadOptions tenLevels =
        ReadOptions.defaults().withLimits(InputLimits.defaults().withCounts(1000, 1000, 10));
    assertThatThrownBy(() -> SnapshotReaders.read(p, Optional.empty(), tenLevels))
        .hasMessageContaining("more than 10 book levels");
    ReadOptions smallFile =
        ReadOptions.defaults().withLimits(InputLimits.defaults().withMaxBytes(100));
    assertThatThrownBy(() -> SnapshotReaders.read(p, Optional.empty(), smallFile))
        .hasMessageContaining("larger than the input limit of 100 bytes");
  }

  @Test
  void aRateTableOfMoreAssetsThanTheMarketLimitAllowsIsRefusedBeforeReadingItsRows()
      throws IOException {
    Path p = tmp.resolve("rates.txt");
    Files.writeString(p, "4\nUSD 1 0.741 0.657 1.061\nEUR 1.349 1 0.888 1.433\n");
    ReadOptions elevenMarkets =
        ReadOptions.defaults().withLimits(InputLimits.defaults().withCounts(1000, 11, 1000));
    assertThatThrownBy(() -> SnapshotReaders.read(p, Optional.empty(), elevenMarkets))
        .hasMessageContaining("announces 4 currencies; at most 3 are read");
  }
}
