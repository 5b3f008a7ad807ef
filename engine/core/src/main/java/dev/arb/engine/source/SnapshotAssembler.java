package dev.arb.engine.source;

import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.error.ConfigException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collects books read from a file, checking every level, and builds the snapshot: a market with a
 * bad level (not a number, zero, negative, out of range, not ASCII digits, not exactly {@code
 * [price, amount]}), a crossed or unordered book, no levels at all, an implausible observation time
 * (see {@link InputLimits#implausibleTime}), a derivative's symbol, or that appears more than once
 * is reported as {@code market: what is wrong} and left out. One place so every reader judges input
 * the same way. More markets or levels than {@link InputLimits} allow end the read with a {@link
 * ConfigException}; at most {@value #MAX_PROBLEMS} problem lines are kept.
 */
final class SnapshotAssembler {
  /** Problem lines kept; the rest are counted in one last line. */
  static final int MAX_PROBLEMS = 1000;

  private final String source;
  private final InputLimits limits;
  private final List<String> problems = new ArrayList<>();
  private final Map<String, OrderBook> books = new LinkedHashMap<>();
  private final Map<String, Integer> seen = new HashMap<>();
  // derivative checks by asset code: a rate table of n codes is n(n-1) markets
  private final Map<String, Optional<String>> baseKinds = new HashMap<>();
  private final Map<String, Optional<String>> quoteKinds = new HashMap<>();
  private int markets;
  private long levels;
  private long problemsLeftOut;

  SnapshotAssembler(String source) {
    this(source, InputLimits.defaults());
  }

  SnapshotAssembler(String source, InputLimits limits) {
    this.source = source;
    this.limits = limits;
  }

  InputLimits limits() {
    return limits;
  }

  void problem(String line) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(line);
    } else {
      problemsLeftOut++;
    }
  }

  /**
   * Counts one market read from the input (added or left out).
   *
   * @throws ConfigException when the input holds more markets than the limits allow
   */
  void countMarket() {
    if (++markets > limits.maxMarkets()) {
      throw new ConfigException(
          "cannot read "
              + source
              + ": more than "
              + limits.maxMarkets()
              + " markets, the limit for this Java heap; "
              + InputLimits.moreMemory());
    }
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
    countMarket();
    seen.merge(id, 1, Integer::sum);
    levels += rawBids.size() + (long) rawAsks.size();
    if (levels > limits.maxLevels()) {
      throw new ConfigException(
          "cannot read "
              + source
              + ": more than "
              + limits.maxLevels()
              + " book levels, the limit for this Java heap; "
              + InputLimits.moreMemory());
    }
    String base = market.base().code();
    String quote = market.quote().code();
    Optional<String> derivative = baseKinds.computeIfAbsent(base, DerivativeSymbols::kind);
    String named = base;
    if (derivative.isEmpty()) {
      derivative = quoteKinds.computeIfAbsent(quote, DerivativeSymbols::quoteKind);
      named = market.symbol();
    }
    if (derivative.isPresent()) {
      problem(id + ": " + DerivativeSymbols.message(named, derivative.get()) + "; market left out");
      return;
    }
    String implausible = limits.implausibleTime(observedAt);
    if (implausible != null) {
      problem(id + ": " + implausible + "; market left out");
      return;
    }
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
      problem(id + ": " + bad + "; market left out");
      return;
    }
    if (reportEmptySide && (bids.isEmpty() || asks.isEmpty())) {
      problem(
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
    if (problemsLeftOut > 0) {
      all.add("... and " + problemsLeftOut + " more problems not listed");
    }
    return new MarketSnapshot(out, all, source);
  }

  private static String levels(List<String[]> raw, String side, List<BookLevel> out) {
    for (int i = 0; i < raw.size(); i++) {
      String[] pa = raw.get(i);
      if (pa == null || pa.length != 2) {
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
   * A positive exact decimal from its text, e.g. {@code 1.494e-05} (see {@link StrictNumbers}).
   *
   * @throws IllegalArgumentException saying what is wrong, e.g. {@code price 'NaN' is not a number}
   */
  static BigDecimal decimal(String text, String what) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(what + " is missing");
    }
    BigDecimal v = StrictNumbers.decimal(text, what);
    if (v.signum() <= 0) {
      throw new IllegalArgumentException(what + " must be positive, got " + v.toPlainString());
    }
    return v;
  }

  /** Longest exchange name read from a file: it is part of every market id. */
  static final int MAX_EXCHANGE_NAME = 64;

  /**
   * Why an exchange name read from a file is not usable, or null: at most {@value
   * #MAX_EXCHANGE_NAME} printable ASCII characters.
   */
  static String badExchangeName(String name) {
    if (name.length() > MAX_EXCHANGE_NAME || !name.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      return "exchange name '"
          + StrictNumbers.shorten(name)
          + "' is not 1 to "
          + MAX_EXCHANGE_NAME
          + " printable ASCII characters";
    }
    return null;
  }

  /** A fee or constraint decimal: 0 allowed; missing means 0 only if {@code dflt} is given. */
  static BigDecimal nonNegative(String text, String what, BigDecimal dflt) {
    if (text == null || text.isBlank()) {
      if (dflt != null) {
        return dflt;
      }
      throw new IllegalArgumentException(what + " is missing");
    }
    BigDecimal v = StrictNumbers.decimal(text, what);
    if (v.signum() < 0) {
      throw new IllegalArgumentException(what + " must not be negative, got " + v.toPlainString());
    }
    return v;
  }
}
