package dev.arb.engine.sizing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.source.InputFormat;
import dev.arb.engine.source.ReadOptions;
import dev.arb.engine.source.SnapshotReaders;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Minimal test-only readers of the fixtures beside this package (the real readers live in {@code
 * dev.arb.engine.source}): cryptofeed L2 books, the MO-book Binance.US CSV and the MO-book forex
 * table. Decimal strings go straight to BigDecimal.
 */
final class Fixtures {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2022-01-05T00:48:17Z");

  private Fixtures() {}

  static InputStream open(String name) {
    InputStream in = Fixtures.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalArgumentException("no fixture " + name);
    }
    return in;
  }

  /** The normalised L2 book in {@code file} as the book of {@code market}. */
  static OrderBook book(String file, Market market) {
    return book(file, market, UnaryOperator.identity());
  }

  /**
   * The book in {@code file}, with every price mapped by {@code price} (to shift a real book into
   * an arbitrage while keeping its real depth).
   */
  static OrderBook book(String file, Market market, UnaryOperator<BigDecimal> price) {
    try (InputStream in = open(file)) {
      JsonNode root = JSON.readTree(in);
      return new OrderBook(
          market,
          levels(root.get("bids"), price),
          levels(root.get("asks"), price),
          Instant.parse(root.get("recorded_utc").asText().replace("+00:00", "Z")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<BookLevel> levels(JsonNode side, UnaryOperator<BigDecimal> price) {
    List<BookLevel> out = new ArrayList<>();
    for (JsonNode l : side) {
      out.add(
          new BookLevel(
              price.apply(new BigDecimal(l.get(0).asText())), new BigDecimal(l.get(1).asText())));
    }
    return out;
  }

  /** The MO-book Binance.US top-of-book snapshot (45 markets, no fees), read by arb's reader. */
  static MarketSnapshot mobook() {
    return SnapshotReaders.read(
        dev.arb.engine.Fixtures.path("mobook/Binance_US_orderbook_saved.csv"),
        Optional.of(InputFormat.TOB_CSV),
        ReadOptions.withFee(BigDecimal.ZERO));
  }

  /**
   * The MO-book forex table (cell(row R, column C) = units of R received per unit of C), read by
   * arb's reader: each ordered pair is a one-way market with one unlimited bid at the rate.
   */
  static MarketSnapshot forex() {
    return SnapshotReaders.read(
        dev.arb.engine.Fixtures.path("mobook/forex-bloomberg-2022-03-17.tsv"),
        Optional.of(InputFormat.FOREX_TSV),
        ReadOptions.withFee(BigDecimal.ZERO));
  }

  static Market market(
      String exchange,
      String base,
      String quote,
      String fee,
      String lot,
      String minAmount,
      String minNotional) {
    return new Market(
        exchange,
        Asset.of(base),
        Asset.of(quote),
        new BigDecimal(fee),
        new BigDecimal(lot),
        BigDecimal.ZERO,
        new BigDecimal(minAmount),
        new BigDecimal(minNotional));
  }
}
