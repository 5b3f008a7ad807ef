package dev.arb.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.engine.Fixtures;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.path.PathOptimizer;
import dev.arb.engine.path.PathQuery;
import dev.arb.engine.path.PathSearchResult;
import dev.arb.error.ConfigException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The readers on the real files in {@code ../shared/data} (copied into test resources with their
 * licenses: MO-book MIT, cryptofeed) and on deliberately broken input.
 */
class SnapshotReadersTest {
  @TempDir Path tmp;

  private static final String HEADER =
      ",symbol,timestamp,base,quote,bid_price,bid_volume,ask_price,ask_volume\n";

  private static List<String> ids(MarketSnapshot s) {
    List<String> out = new ArrayList<>();
    for (OrderBook b : s.books()) {
      out.add(b.market().id());
    }
    return out;
  }

  private static OrderBook book(MarketSnapshot s, String id) {
    for (OrderBook b : s.books()) {
      if (b.market().id().equals(id)) {
        return b;
      }
    }
    throw new AssertionError("no book " + id + " in " + ids(s));
  }

  private Path write(String name, String content) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  @Test
  void readsMobookTopOfBookCsvExactly() {
    Path csv = Fixtures.path("mobook/Binance_US_orderbook_saved.csv");
    MarketSnapshot s = SnapshotReaders.read(csv, Optional.empty(), ReadOptions.defaults());

    assertThat(s.problems()).isEmpty();
    assertThat(s.books()).hasSize(45);
    OrderBook ada = book(s, "binance_us_orderbook_saved:ADA/BTC");
    assertThat(ada.bids()).containsExactly(BookLevel.of("0.00001494", "2"));
    assertThat(ada.asks()).containsExactly(BookLevel.of("0.00001496", "2168"));
    assertThat(ada.observedAt()).isEqualTo(Instant.parse("2023-03-02T15:36:06.637Z"));
    assertThat(ada.market().takerFee()).isEqualTo(BigDecimal.ZERO);
    // Data age is judged by the snapshot's own clock: its newest row.
    assertThat(s.newestObservation()).contains(Instant.parse("2023-03-02T15:36:09.270Z"));
  }

  @Test
  void appliesExchangeNameAndFeeFromOptions() {
    MarketSnapshot s =
        TobCsvReader.read(
            Fixtures.path("mobook/Binance_US_orderbook_saved.csv"),
            ReadOptions.withFee(new BigDecimal("0.00100")).withExchangeName("BinanceUS"));
    OrderBook usdt = book(s, "binanceus:USDT/USD");
    assertThat(usdt.market().takerFee()).isEqualTo(new BigDecimal("0.001"));
    assertThat(usdt.bids().get(0).price()).isEqualTo(BigDecimal.ONE);
  }

  @Test
  void detectsEachFormatFromItsContent() throws IOException {
    assertThat(SnapshotReaders.detect(Fixtures.path("mobook/Binance_US_orderbook_saved.csv")))
        .isEqualTo(InputFormat.TOB_CSV);
    assertThat(SnapshotReaders.detect(Fixtures.path("algs4-rates/rates.txt")))
        .isEqualTo(InputFormat.RATES);
    assertThat(SnapshotReaders.detect(Fixtures.path("mobook/forex-bloomberg-2022-03-17.tsv")))
        .isEqualTo(InputFormat.FOREX_TSV);
    assertThat(SnapshotReaders.detect(Fixtures.path("orderbooks"))).isEqualTo(InputFormat.L2_JSON);
    assertThat(SnapshotReaders.detect(Fixtures.path("orderbooks/KRAKEN_ADA-XBT.json")))
        .isEqualTo(InputFormat.L2_JSON);
    Path snap = write("s.json", SnapshotJson.toJson(mobook()));
    assertThat(SnapshotReaders.detect(snap)).isEqualTo(InputFormat.SNAPSHOT);
  }

  @Test
  void rejectsUnknownFormatWithWhatToDo() throws IOException {
    Path odd = write("notes.txt", "hello, world\n");
    assertThatThrownBy(() -> SnapshotReaders.read(odd, Optional.empty(), ReadOptions.defaults()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(odd.toString())
        .hasMessageContaining("--format");
    assertThatThrownBy(() -> InputFormat.fromCliName("parquet"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("snapshot|tob-csv|l2-json|rates|forex-tsv");
    assertThat(InputFormat.fromCliName("TOB-CSV")).isEqualTo(InputFormat.TOB_CSV);
  }

  @Test
  void unreadableInputIsAConfigException() throws IOException {
    Path missing = tmp.resolve("nope.csv");
    assertThatThrownBy(
            () -> SnapshotReaders.read(missing, Optional.empty(), ReadOptions.defaults()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("no such file");
    Path broken = write("broken.json", "{\"format_version\": 1, \"exchanges\": [");
    assertThatThrownBy(
            () ->
                SnapshotReaders.read(
                    broken, Optional.of(InputFormat.SNAPSHOT), ReadOptions.defaults()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not valid JSON");
    Path future = write("future.json", "{\"format_version\": 99, \"exchanges\": []}");
    assertThatThrownBy(() -> SnapshotJson.read(future))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("format_version 99");
    Path noHeader = write("x.csv", "a,b,c\n1,2,3\n");
    assertThatThrownBy(() -> TobCsvReader.read(noHeader, ReadOptions.defaults()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("bid_price");
  }

  @Test
  void reportsAndLeavesOutBadMarketsInCsv() throws IOException {
    Path csv =
        write(
            "bad.csv",
            HEADER
                + "0,BTC/USD,2023-03-02 15:36:06.1,BTC,USD,100,1,101,1\n"
                + "1,ETH/BTC,2023-03-02 15:36:06.2,ETH,BTC,0.2,1,0.05,1\n"
                + "2,ETH/USD,2023-03-02 15:36:06.3,ETH,USD,0,1,10.1,1\n"
                + "3,SOL/USD,2023-03-02 15:36:06.4,SOL,USD,20,-1,20.1,1\n"
                + "4,ADA/USD,2023-03-02 15:36:06.5,ADA,USD,NaN,1,0.3,1\n"
                + "5,TRX/USD,2023-03-02 15:36:06.6,TRX,USD,,,0.07,5\n"
                + "6,DAI/USD,2023-03-02 15:36:06.7,DAI,USD,0.99,1,1.01,1\n"
                + "7,DAI/USD,2023-03-02 15:36:06.8,DAI,USD,0.98,1,1.02,1\n"
                + "8,XRP/USD,2023-03-02 15:36:06.9,XRP,USD,0.5,1\n"
                + "9,BNB/USD,yesterday,BNB,USD,300,1,301,1\n");
    MarketSnapshot s = SnapshotReaders.read(csv, Optional.empty(), ReadOptions.defaults());

    assertThat(ids(s)).containsExactly("bad:BTC/USD", "bad:TRX/USD");
    assertThat(book(s, "bad:TRX/USD").bids()).isEmpty();
    String all = String.join("\n", s.problems());
    assertThat(all)
        .contains("bad:ETH/BTC", "crossed book")
        .contains("bad:ETH/USD", "price must be positive, got 0")
        .contains("bad:SOL/USD", "amount must be positive, got -1")
        .contains("bad:ADA/USD", "'NaN' is not a number")
        .contains("bad:TRX/USD: no bids")
        .contains("bad:DAI/USD: duplicate market (2 entries)")
        .contains("line 10: expected 9 columns, got 7")
        .contains("bad:BNB/USD", "timestamp 'yesterday'");
    assertThat(s.problems()).hasSize(8);
  }

  @Test
  void badInputNeverYieldsABogusCycle() throws IOException {
    // The crossed ETH/BTC book alone would be a 98% "arbitrage": BTC -> ETH at 0.05, ETH -> USD.
    Path csv =
        write(
            "crossed.csv",
            HEADER
                + "0,BTC/USD,2023-03-02 15:36:06,BTC,USD,100,1,101,1\n"
                + "1,ETH/USD,2023-03-02 15:36:06,ETH,USD,10,1,10.1,1\n"
                + "2,ETH/BTC,2023-03-02 15:36:06,ETH,BTC,0.2,1,0.05,1\n"
                + "3,ETH/BTC,2023-03-02 15:36:06,ETH,BTC,0.0999,1,0.1001,1\n");
    MarketSnapshot s = SnapshotReaders.read(csv, Optional.empty(), ReadOptions.defaults());
    PathSearchResult r = PathOptimizer.search(s, PathQuery.defaults().withoutMinProfit());

    assertThat(ids(s)).containsExactly("crossed:BTC/USD", "crossed:ETH/USD");
    assertThat(r.negativeCycleExists()).isFalse();
    assertThat(r.cycles()).allSatisfy(c -> assertThat(c.topOfBookReturn()).isLessThan(1.0));
  }

  @Test
  void readsL2FolderMappingKrakenXbtToBtc() {
    MarketSnapshot s =
        SnapshotReaders.read(Fixtures.path("orderbooks"), Optional.empty(), ReadOptions.defaults());

    assertThat(s.problems()).isEmpty();
    assertThat(ids(s))
        .containsExactly(
            "binance:BLZ/ETH",
            "bitstamp:USDT/USD",
            "kraken:ADA/BTC",
            "kraken:ETH/CHF",
            "kraken:BTC/CHF");
    OrderBook ada = book(s, "kraken:ADA/BTC");
    assertThat(ada.market().base()).isEqualTo(Asset.of("ADA"));
    assertThat(ada.bids()).hasSize(707);
    assertThat(ada.asks()).hasSize(841);
    assertThat(ada.bids().get(0)).isEqualTo(BookLevel.of("0.000022890", "31.75709827"));
    assertThat(ada.observedAt()).isEqualTo(Instant.parse("2021-04-17T16:48:53.626511Z"));
    OrderBook usdt = book(s, "bitstamp:USDT/USD");
    assertThat(usdt.bids()).hasSize(62);
    assertThat(usdt.asks().get(0)).isEqualTo(BookLevel.of("0.99992", "5692.64822"));
    assertThat(s.newestObservation()).contains(Instant.parse("2022-01-05T00:48:16.943692Z"));
  }

  @Test
  void reportsNonBookFilesInAnL2Folder() throws IOException {
    Files.copy(Fixtures.path("orderbooks/BITSTAMP_USDTUSD.json"), tmp.resolve("a.json"));
    write("b.json", "{\"hello\": 1}");
    write("c.json", "{not json");
    write("d.json", "{\"exchange\":\"x\",\"symbol\":\"FOOBAR\",\"bids\":[],\"asks\":[]}");
    MarketSnapshot s = L2JsonReader.read(tmp, ReadOptions.defaults());

    assertThat(ids(s)).containsExactly("bitstamp:USDT/USD");
    assertThat(s.problems()).hasSize(3);
    assertThat(s.problems().get(0)).contains("b.json").contains("not an L2 book file");
    assertThat(s.problems().get(1)).contains("c.json").contains("not valid JSON");
    assertThat(s.problems().get(2)).contains("d.json").contains("cannot split symbol 'FOOBAR'");
  }

  @Test
  void splitsUnseparatedSymbolsPreferringKnownBases() {
    assertThat(L2JsonReader.splitSymbol("USDTUSD"))
        .containsExactly(Asset.of("USDT"), Asset.of("USD"));
    assertThat(L2JsonReader.splitSymbol("BTCTUSD"))
        .containsExactly(Asset.of("BTC"), Asset.of("TUSD"));
    assertThat(L2JsonReader.splitSymbol("BLZETH"))
        .containsExactly(Asset.of("BLZ"), Asset.of("ETH"));
    assertThat(L2JsonReader.splitSymbol("XBT-CHF"))
        .containsExactly(Asset.of("BTC"), Asset.of("CHF"));
    assertThat(L2JsonReader.splitSymbol("xdgeur"))
        .containsExactly(Asset.of("DOGE"), Asset.of("EUR"));
  }

  @Test
  void snapshotJsonRoundTripsExactly() {
    MarketSnapshot original = mobook();
    MarketSnapshot back = SnapshotJson.parse(SnapshotJson.toJson(original), "round-trip");
    assertThat(back.books()).isEqualTo(original.books());
    assertThat(back.problems()).isEmpty();
    assertThat(back.source()).isEqualTo(original.source());
    MarketSnapshot l2 = L2JsonReader.read(Fixtures.path("orderbooks"), ReadOptions.defaults());
    assertThat(SnapshotJson.parse(SnapshotJson.toJson(l2), "x").books()).isEqualTo(l2.books());
  }

  @Test
  void reportsBadMarketsInSnapshotJson() {
    String json =
        """
        {"format_version": 1, "exchanges": [{"name": "x", "markets": [
          {"base": "BTC", "quote": "USD", "taker_fee": "0.001", "observed_at": "2024-01-01T00:00:00Z",
           "bids": [["100", "1"], ["99", "2"]], "asks": [["101", "1"]]},
          {"base": "ETH", "quote": "USD", "observed_at": "2024-01-01T00:00:00Z",
           "bids": [["10", "1"]], "asks": [["11", "1"]]},
          {"base": "SOL", "quote": "USD", "taker_fee": "0", "observed_at": "2024-01-01T00:00:00Z",
           "bids": [["20", "1"], ["21", "1"]], "asks": [["22", "1"]]},
          {"base": "ADA", "quote": "USD", "taker_fee": "0", "observed_at": "2024-01-01T00:00:00Z",
           "bids": [["NaN", "1"]], "asks": []},
          {"base": "TRX", "quote": "USD", "taker_fee": "0", "observed_at": "noon",
           "bids": [["1", "1"]], "asks": []},
          {"base": "DOT", "quote": "USD", "taker_fee": "0", "observed_at": "2024-01-01T00:00:00Z",
           "bids": [], "asks": []}
        ]}]}
        """;
    MarketSnapshot s = SnapshotJson.parse(json, "inline");

    assertThat(ids(s)).containsExactly("x:BTC/USD");
    assertThat(book(s, "x:BTC/USD").market().takerFee()).isEqualTo(new BigDecimal("0.001"));
    String all = String.join("\n", s.problems());
    assertThat(all)
        .contains("x.markets[1]: taker_fee is missing")
        .contains("x:SOL/USD: bids not strictly descending at level 1")
        .contains("x:ADA/USD: bid level 0: price 'NaN' is not a number")
        .contains("x:TRX/USD: Text 'noon' could not be parsed")
        .contains("x:DOT/USD: no bids and no asks");
    assertThat(s.problems()).hasSize(5);
  }

  @Test
  void readsSedgewickRatesAsOneSidedUnlimitedMarkets() {
    MarketSnapshot s =
        SnapshotReaders.read(
            Fixtures.path("algs4-rates/rates.txt"), Optional.empty(), ReadOptions.defaults());

    assertThat(s.problems()).isEmpty();
    assertThat(s.books()).hasSize(20);
    OrderBook usdEur = book(s, "rates:USD/EUR");
    assertThat(usdEur.bids())
        .containsExactly(new BookLevel(new BigDecimal("0.741"), RateTableReader.UNLIMITED_AMOUNT));
    assertThat(usdEur.asks()).isEmpty();
    assertThat(book(s, "rates:CAD/USD").bids().get(0).price()).isEqualTo(new BigDecimal("0.995"));
  }

  @Test
  void readsForexTableInItsOppositeOrientation() {
    MarketSnapshot s =
        SnapshotReaders.read(
            Fixtures.path("mobook/forex-bloomberg-2022-03-17.tsv"),
            Optional.of(InputFormat.RATES),
            ReadOptions.defaults().withExchangeName("bloomberg"));

    assertThat(s.problems()).isEmpty();
    assertThat(s.books()).hasSize(56);
    // cell(JPY, USD) = 118.61 JPY per USD: selling USD for JPY.
    assertThat(book(s, "bloomberg:USD/JPY").bids().get(0).price())
        .isEqualTo(new BigDecimal("118.61"));
    assertThat(book(s, "bloomberg:JPY/CAD").bids().get(0).price())
        .isEqualTo(new BigDecimal("0.0107"));
    assertThatThrownBy(
            () ->
                RateTableReader.read(
                    Fixtures.path("algs4-rates/rates.txt"),
                    InputFormat.FOREX_TSV,
                    ReadOptions.defaults()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--format rates");
  }

  @Test
  void reportsBadRateCells() throws IOException {
    Path rates = write("r.txt", "3\nUSD 1 0.9 x\nEUR 1.1 1 -2\nGBP 1.3 1.2 1\n");
    MarketSnapshot s = RateTableReader.read(rates, InputFormat.RATES, ReadOptions.defaults());

    assertThat(s.books()).hasSize(4);
    assertThat(s.problems())
        .containsExactly(
            "rates:USD/GBP: bid level 0: price 'x' is not a number; market left out",
            "rates:EUR/GBP: bid level 0: price must be positive, got -2; market left out");
  }

  private static MarketSnapshot mobook() {
    return TobCsvReader.read(
        Fixtures.path("mobook/Binance_US_orderbook_saved.csv"),
        ReadOptions.defaults().withExchangeName("binanceus"));
  }
}
