package dev.arb.engine.source;

import dev.arb.engine.model.Market;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.error.ConfigException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Top-of-book CSV: a header row naming at least {@code timestamp, base, quote, bid_price,
 * bid_volume, ask_price, ask_volume} (columns are found by name, so extra columns such as the
 * MO-book's leading unnamed index or {@code symbol} are ignored), then one market per row with one
 * level per side. Numbers are parsed exactly ({@code 1.494e-05} included). Timestamps without a
 * zone ({@code 2023-03-02 15:36:06.529}) are UTC; ISO-8601 instants and epoch milliseconds are
 * accepted too. An empty price and volume mean an empty side. A row whose {@code symbol} (or base
 * or quote) names a derivative ({@code BTCUSDT-PERP}) is reported and left out; a line has at most
 * {@value #MAX_COLUMNS} columns.
 */
public final class TobCsvReader {
  /** Most columns of a line. */
  static final int MAX_COLUMNS = 1000;

  /** Epoch milliseconds are read up to this many digits (year 2286 has 13). */
  private static final int MAX_EPOCH_DIGITS = 15;

  private static final String[] REQUIRED = {
    "timestamp", "base", "quote", "bid_price", "bid_volume", "ask_price", "ask_volume"
  };
  private static final DateTimeFormatter LOCAL =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd[ ]['T']HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  private TobCsvReader() {}

  /**
   * Reads a CSV file. The exchange is {@code options.exchangeName()}, else the file name without
   * extension (lower-case, other characters than letters, digits, '.', '_', '-' replaced by '-').
   *
   * @throws ConfigException if the file cannot be read or has no usable header
   */
  public static MarketSnapshot read(Path path, ReadOptions options) {
    String exchange = options.exchangeName().orElse(exchangeFromFileName(path));
    return parse(
        InputFiles.text(path, options.limits()),
        path.toString(),
        exchange,
        options.takerFee(),
        options.limits());
  }

  /**
   * The default exchange name for a file: {@code Binance_US_orderbook_saved.csv} → {@code
   * binance_us_orderbook_saved}.
   */
  public static String exchangeFromFileName(Path path) {
    String name = path.getFileName() == null ? "file" : path.getFileName().toString();
    int dot = name.lastIndexOf('.');
    if (dot > 0) {
      name = name.substring(0, dot);
    }
    name = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
    return name.isBlank() ? "file" : name;
  }

  /** Parses CSV text; every market is filed under {@code exchange} with {@code takerFee}. */
  public static MarketSnapshot parse(
      String csv, String sourceName, String exchange, BigDecimal takerFee) {
    return parse(csv, sourceName, exchange, takerFee, InputLimits.defaults());
  }

  /** Parses CSV text within these limits. */
  static MarketSnapshot parse(
      String csv, String sourceName, String exchange, BigDecimal takerFee, InputLimits limits) {
    // line by line: a file of line breaks must not become millions of strings at once
    Iterator<String> lines = InputFiles.stripBom(csv).lines().iterator();
    int headerLine = 0;
    String headerText = null;
    while (lines.hasNext()) {
      String l = lines.next();
      headerLine++;
      if (!l.isBlank()) {
        headerText = l;
        break;
      }
    }
    if (headerText == null) {
      throw new ConfigException("cannot read " + sourceName + ": the file is empty");
    }
    List<String> header = split(headerText);
    if (header == null) {
      throw new ConfigException(
          "cannot read "
              + sourceName
              + ": the header has more than "
              + MAX_COLUMNS
              + " columns; is it a top-of-book CSV?");
    }
    Map<String, Integer> col = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      col.putIfAbsent(header.get(i).trim().toLowerCase(Locale.ROOT), i);
    }
    List<String> missing = new ArrayList<>();
    for (String r : REQUIRED) {
      if (!col.containsKey(r)) {
        missing.add(r);
      }
    }
    if (!missing.isEmpty()) {
      throw new ConfigException(
          "cannot read "
              + sourceName
              + ": top-of-book CSV header lacks "
              + String.join(", ", missing)
              + " (needs "
              + String.join(",", REQUIRED)
              + "); give the right --format");
    }
    SnapshotAssembler out = new SnapshotAssembler(sourceName, limits);
    Integer symbolColumn = col.get("symbol");
    int ln = headerLine;
    while (lines.hasNext()) {
      String line = lines.next();
      ln++;
      if (line.isBlank()) {
        continue;
      }
      String where = sourceName + " line " + ln;
      List<String> cells = split(line);
      if (cells == null) {
        out.countMarket();
        out.problem(where + ": more than " + MAX_COLUMNS + " columns; row left out");
        continue;
      }
      if (cells.size() < header.size()) {
        out.countMarket();
        out.problem(
            where
                + ": expected "
                + header.size()
                + " columns, got "
                + cells.size()
                + "; row left out");
        continue;
      }
      Market market;
      Instant at;
      try {
        Optional<String> derivative =
            DerivativeSymbols.problem(
                symbolColumn == null ? null : cells.get(symbolColumn).trim(),
                cell(cells, col, "base"),
                cell(cells, col, "quote"));
        if (derivative.isPresent()) {
          out.countMarket();
          throw new IllegalArgumentException(derivative.get());
        }
        market =
            Market.of(
                exchange,
                AssetAliases.asset(cell(cells, col, "base")).code(),
                AssetAliases.asset(cell(cells, col, "quote")).code(),
                takerFee);
        where = market.id() + " (" + where + ")";
        at = timestamp(cell(cells, col, "timestamp"));
      } catch (IllegalArgumentException | DateTimeException e) {
        out.problem(where + ": " + e.getMessage() + "; row left out");
        continue;
      }
      out.add(
          market,
          level(cell(cells, col, "bid_price"), cell(cells, col, "bid_volume")),
          level(cell(cells, col, "ask_price"), cell(cells, col, "ask_volume")),
          at,
          true);
    }
    return out.build();
  }

  private static List<String[]> level(String price, String amount) {
    if (price.isBlank() && amount.isBlank()) {
      return List.of();
    }
    return List.<String[]>of(new String[] {price, amount});
  }

  private static String cell(List<String> cells, Map<String, Integer> col, String name) {
    return cells.get(col.get(name)).trim();
  }

  static Instant timestamp(String s) {
    if (s.isBlank()) {
      throw new IllegalArgumentException("timestamp is missing");
    }
    if (!s.chars().allMatch(c -> c < 128)) {
      throw new IllegalArgumentException(
          "timestamp '"
              + StrictNumbers.shorten(s)
              + "' is not ASCII: write times in ASCII digits (ISO-8601 or epoch ms)");
    }
    if (s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Instant.ofEpochMilli(
          StrictNumbers.wholeNumber(
              s, "timestamp (epoch ms)", 0, Long.parseLong("9".repeat(MAX_EPOCH_DIGITS))));
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(s, LOCAL).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        throw new IllegalArgumentException(
            "timestamp '"
                + StrictNumbers.shorten(s)
                + "' is neither ISO-8601, 'yyyy-MM-dd HH:mm:ss[.fff]' (UTC) nor epoch ms",
            e2);
      }
    }
  }

  /**
   * Splits one CSV line; double-quoted fields may contain commas and doubled quotes. Null if the
   * line has more than {@link #MAX_COLUMNS} columns.
   */
  static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        if (out.size() == MAX_COLUMNS - 1) {
          return null;
        }
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
