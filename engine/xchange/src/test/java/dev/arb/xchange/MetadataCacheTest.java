package dev.arb.xchange;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Market;
import dev.arb.xchange.spi.VenueMarket;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exchange metadata cache keeps the file format it had before the shared JSON mapper. */
class MetadataCacheTest {
  private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");
  private static final String URL = "http://127.0.0.1:1";

  /** What the cache wrote for {@link #ethUsd} before its JSON went through one mapper. */
  private static final String STORED =
      """
      {
        "version" : 1,
        "exchange" : "bitstamp",
        "base_url" : "http://127.0.0.1:1",
        "fetched_at" : "2026-12-07T10:00:00Z",
        "markets" : [ {
          "base" : "ETH",
          "quote" : "USD",
          "venue_base" : "eth",
          "venue_quote" : "usd",
          "taker_fee" : "0.004",
          "fee_from_venue" : true,
          "lot_size" : "0.00000001",
          "tick_size" : "0.01",
          "min_amount" : "0",
          "min_notional" : "10"
        } ]
      }""";

  @TempDir Path dir;

  private static VenueMarket ethUsd() {
    return new VenueMarket(
        new Market(
            "bitstamp",
            Asset.of("ETH"),
            Asset.of("USD"),
            new BigDecimal("0.0040"),
            new BigDecimal("0.00000001"),
            new BigDecimal("0.01"),
            BigDecimal.ZERO,
            BigDecimal.TEN),
        "eth",
        "usd",
        true);
  }

  private MetadataCache at(Instant now) {
    return new MetadataCache(dir, Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void writesTheFormatItWroteBefore() throws Exception {
    MetadataCache c = at(T);
    c.write("bitstamp", URL, List.of(ethUsd()));
    assertThat(Files.readString(c.file("bitstamp"))).isEqualTo(STORED);
  }

  @Test
  void readsAFileWrittenBeforeWhileItIsFresh() throws Exception {
    MetadataCache c = at(T.plus(Duration.ofHours(23)));
    Files.createDirectories(c.file("bitstamp").getParent());
    Files.writeString(c.file("bitstamp"), STORED);
    assertThat(c.read("bitstamp", URL, Duration.ofHours(24))).contains(List.of(ethUsd()));
    assertThat(c.read("bitstamp", "http://other", Duration.ofHours(24))).isEmpty();
    assertThat(at(T.plus(Duration.ofHours(24))).read("bitstamp", URL, Duration.ofHours(24)))
        .isEmpty();
  }

  @Test
  void ignoresAFileThatIsNotACache() throws Exception {
    MetadataCache c = at(T);
    Files.createDirectories(c.file("bitstamp").getParent());
    Files.writeString(c.file("bitstamp"), "{\"version\":1,\"base_url\":\"" + URL + "\"}");
    assertThat(c.read("bitstamp", URL, Duration.ofHours(24))).isEmpty();
    Files.writeString(c.file("bitstamp"), "not json");
    assertThat(c.read("bitstamp", URL, Duration.ofHours(24))).isEmpty();
  }
}
