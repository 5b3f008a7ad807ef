package dev.arb.engine.sizing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

  /** The MO-book Binance.US top-of-book snapshot (45 markets, no fees). */
  static MarketSnapshot mobook() {
    List<OrderBook> books = new ArrayList<>();
    for (String[] f : rows("Binance_US_orderbook_saved.csv", ",")) {
      Market m = Market.of("binanceus", f[3], f[4], BigDecimal.ZERO);
      books.add(
          new OrderBook(
              m,
              List.of(new BookLevel(new BigDecimal(f[5]), new BigDecimal(f[6]))),
              List.of(new BookLevel(new BigDecimal(f[7]), new BigDecimal(f[8]))),
              T0));
    }
    return new MarketSnapshot(books, List.of(), "Binance_US_orderbook_saved.csv");
  }

  /**
   * The MO-book forex table: cell(row R, column C) = units of R received per unit of C. Each
   * ordered pair C → R becomes a market {@code C/R} with one deep bid at cell(R, C) and no asks (a
   * one-way rate; the reverse direction is its own market R/C).
   */
  static MarketSnapshot forex() {
    List<String[]> rows = rows("forex-bloomberg-2022-03-17.tsv", "\t");
    String[] header = rows.get(0);
    List<OrderBook> books = new ArrayList<>();
    BigDecimal deep = new BigDecimal("1000000000000");
    for (int r = 1; r < rows.size(); r++) {
      String[] row = rows.get(r);
      String to = row[0];
      for (int c = 1; c < row.length; c++) {
        String from = header[c];
        if (from.equals(to)) {
          continue;
        }
        Market m = Market.of("fx", from, to, BigDecimal.ZERO);
        books.add(
            new OrderBook(m, List.of(new BookLevel(new BigDecimal(row[c]), deep)), List.of(), T0));
      }
    }
    return new MarketSnapshot(books, List.of(), "forex-bloomberg-2022-03-17.tsv");
  }

  private static List<String[]> rows(String file, String sep) {
    List<String[]> out = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8))) {
      String line;
      boolean first = true;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(sep, -1);
        if (first && sep.equals(",")) {
          first = false;
          continue;
        }
        first = false;
        out.add(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
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
