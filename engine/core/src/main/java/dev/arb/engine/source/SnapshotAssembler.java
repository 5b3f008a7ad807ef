package dev.arb.engine.source;

import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects books read from a file, checking every level, and builds the snapshot: a market with a
 * bad level (not a number, zero, negative), a crossed or unordered book, no levels at all, or that
 * appears more than once is reported as {@code market: what is wrong} and left out. One place so
 * every reader judges input the same way.
 */
final class SnapshotAssembler {
  private final String source;
  private final List<String> problems = new ArrayList<>();
  private final Map<String, OrderBook> books = new LinkedHashMap<>();
  private final Map<String, Integer> seen = new HashMap<>();

  SnapshotAssembler(String source) {
    this.source = source;
  }

  void problem(String line) {
    problems.add(line);
  }

  /**
   * Adds a book from raw {@code [price, amount]} decimal strings, or reports why it is left out. A
   * book with one empty side is kept (the other side gives an edge) and the empty side reported;
   * with both sides empty it is left out.
   *
   * @param reportEmptySide whether a one-sided book is worth a problem line (not for rate tables,
   *     which are one-sided by design)
   */
  void add(
      Market market,
      List<String[]> rawBids,
      List<String[]> rawAsks,
      Instant observedAt,
      boolean reportEmptySide) {
    String id = market.id();
    seen.merge(id, 1, Integer::sum);
    List<BookLevel> bids = new ArrayList<>(rawBids.size());
    List<BookLevel> asks = new ArrayList<>(rawAsks.size());
    String bad = levels(rawBids, "bid", bids);
    if (bad == null) {
      bad = levels(rawAsks, "ask", asks);
    }
    if (bad == null) {
      bad = OrderBook.problem(bids, asks);
    }
    if (bad == null && bids.isEmpty() && asks.isEmpty()) {
      bad = "no bids and no asks";
    }
    if (bad != null) {
      problems.add(id + ": " + bad + "; market left out");
      return;
    }
    if (reportEmptySide && (bids.isEmpty() || asks.isEmpty())) {
      problems.add(
          id
              + ": no "
              + (bids.isEmpty() ? "bids" : "asks")
              + "; only the "
              + (bids.isEmpty() ? "buy" : "sell")
              + " side is used");
    }
    if (!books.containsKey(id)) {
      books.put(id, new OrderBook(market, bids, asks, observedAt));
    }
  }

  MarketSnapshot build() {
    List<OrderBook> out = new ArrayList<>(books.size());
    List<String> all = new ArrayList<>(problems);
    for (Map.Entry<String, OrderBook> e : books.entrySet()) {
      int n = seen.getOrDefault(e.getKey(), 0);
      if (n > 1) {
        all.add(e.getKey() + ": duplicate market (" + n + " entries); market left out");
      } else {
        out.add(e.getValue());
      }
    }
    for (Map.Entry<String, Integer> e : seen.entrySet()) {
      if (e.getValue() > 1 && !books.containsKey(e.getKey())) {
        all.add(e.getKey() + ": duplicate market (" + e.getValue() + " entries); market left out");
      }
    }
    return new MarketSnapshot(out, all, source);
  }

  private static String levels(List<String[]> raw, String side, List<BookLevel> out) {
    for (int i = 0; i < raw.size(); i++) {
      String[] pa = raw.get(i);
      if (pa == null || pa.length < 2) {
        return side + " level " + i + " is not a [price, amount] pair";
      }
      BigDecimal price;
      BigDecimal amount;
      try {
        price = decimal(pa[0], "price");
        amount = decimal(pa[1], "amount");
      } catch (IllegalArgumentException e) {
        return side + " level " + i + ": " + e.getMessage();
      }
      out.add(new BookLevel(price, amount));
    }
    return null;
  }

  /**
   * A positive exact decimal from its text, e.g. {@code 1.494e-05}.
   *
   * @throws IllegalArgumentException saying what is wrong, e.g. {@code price 'NaN' is not a number}
   */
  static BigDecimal decimal(String text, String what) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(what + " is missing");
    }
    BigDecimal v;
    try {
      v = new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " '" + text.trim() + "' is not a number", e);
    }
    if (v.signum() <= 0) {
      throw new IllegalArgumentException(what + " must be positive, got " + v.toPlainString());
    }
    return v;
  }

  /** A fee or constraint decimal: 0 allowed; missing means 0 only if {@code dflt} is given. */
  static BigDecimal nonNegative(String text, String what, BigDecimal dflt) {
    if (text == null || text.isBlank()) {
      if (dflt != null) {
        return dflt;
      }
      throw new IllegalArgumentException(what + " is missing");
    }
    BigDecimal v;
    try {
      v = new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " '" + text.trim() + "' is not a number", e);
    }
    if (v.signum() < 0) {
      throw new IllegalArgumentException(what + " must not be negative, got " + v.toPlainString());
    }
    return v;
  }
}
