package dev.arb.engine.source;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.error.ConfigException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Rate tables: every ordered pair (from, to) of the table becomes a market {@code from/to} on one
 * exchange (default {@code rates}) with a single bid at the rate and an amount of {@link
 * #UNLIMITED_AMOUNT}, and no asks; so selling {@code from} for {@code to} gives exactly the rate,
 * and the depth is practically unlimited (sizing is linear). The diagonal is skipped. Books are
 * observed at the file's modification time.
 *
 * <p>Two orientations:
 *
 * <ul>
 *   <li>{@link InputFormat#RATES} (Sedgewick &amp; Wayne): first line n, then n rows {@code NAME r1
 *       … rn} separated by white space; cell (row R, column C) is units of C per unit of R.
 *   <li>{@link InputFormat#FOREX_TSV} (MO-book / Bloomberg): a header row of names (first cell
 *       empty), then rows {@code NAME c1 … cn}, tab or space separated, '-' on the diagonal; cell
 *       (row R, column C) is units of R per unit of C: the opposite orientation.
 * </ul>
 *
 * <p>A table with a header row is always read in the forex orientation, even when {@code --format
 * rates} was given.
 */
public final class RateTableReader {
  /** Depth of a rate-table level, in units of the asset sold: 10³⁰, i.e. unlimited. */
  public static final BigDecimal UNLIMITED_AMOUNT = new BigDecimal("1E+30");

  /** Exchange name when none is given. */
  public static final String DEFAULT_EXCHANGE = "rates";

  private RateTableReader() {}

  /**
   * Reads a rate table file; {@code format} is {@link InputFormat#RATES} or {@link
   * InputFormat#FOREX_TSV}. The books are observed at the file's modification time, or now (with a
   * problem line) if that time is not plausible ({@link InputLimits#implausibleTime}).
   */
  public static MarketSnapshot read(Path path, InputFormat format, ReadOptions options) {
    InputLimits limits = options.limits();
    String text = InputFiles.text(path, limits);
    Instant modified = InputFiles.modified(path);
    if (limits.implausibleTime(modified) == null) {
      return parse(text, path.toString(), format, options, modified);
    }
    MarketSnapshot s = parse(text, path.toString(), format, options, limits.clock().instant());
    List<String> problems = new ArrayList<>();
    problems.add(
        path
            + ": modified at "
            + modified
            + ", not a plausible observation time; its rates are taken as observed now");
    problems.addAll(s.problems());
    return new MarketSnapshot(s.books(), problems, s.source());
  }

  /** Whether the text looks like a rate table with a header row (the forex orientation). */
  static boolean hasHeader(String text) {
    String first = firstLine(text);
    return first != null && !first.trim().matches("\\d+");
  }

  private static String firstLine(String text) {
    Iterator<String> lines = InputFiles.stripBom(text).lines().iterator();
    while (lines.hasNext()) {
      String l = lines.next();
      if (!l.isBlank()) {
        return l;
      }
    }
    return null;
  }

  /**
   * The most assets a table may have within these limits: every ordered pair is a market, so n
   * assets are n(n-1) markets.
   */
  static int maxAssets(InputLimits limits) {
    long n = (long) Math.floor(Math.sqrt((double) limits.maxMarkets())) + 1;
    while (n * (n - 1) > limits.maxMarkets()) {
      n--;
    }
    return (int) n;
  }

  /** Parses a rate table. */
  public static MarketSnapshot parse(
      String text, String sourceName, InputFormat format, ReadOptions options, Instant observedAt) {
    if (format != InputFormat.RATES && format != InputFormat.FOREX_TSV) {
      throw new IllegalArgumentException("not a rate-table format: " + format);
    }
    boolean header = hasHeader(text);
    if (format == InputFormat.FOREX_TSV && !header) {
      throw new ConfigException(
          "cannot read "
              + sourceName
              + ": a forex-tsv table starts with a header row of names, this starts with a count;"
              + " use --format rates");
    }
    int maxAssets = maxAssets(options.limits());
    // Only the first n + 1 rows, and n + 1 cells of each, are kept: what a table announces or
    // its header names is bounded before anything is allocated for it.
    List<String[]> rows = new ArrayList<>();
    List<String> names = new ArrayList<>();
    int n = -1;
    Iterator<String> lines = InputFiles.stripBom(text).lines().iterator();
    while (lines.hasNext() && (n < 0 || rows.size() <= n)) {
      String l = lines.next();
      if (l.isBlank() || l.trim().startsWith("#")) {
        continue;
      }
      if (n < 0) {
        String[] first = cells(l, maxAssets + 2);
        if (header) {
          for (String c : first) {
            if (!c.isBlank()) {
              names.add(c.trim());
            }
          }
          if (names.size() > maxAssets) {
            throw tooManyAssets(sourceName, "more than " + maxAssets, maxAssets);
          }
          n = names.size();
        } else {
          n = count(first[0].trim(), sourceName, maxAssets);
        }
        rows.add(first);
        continue;
      }
      rows.add(cells(l, n + 2));
    }
    if (rows.isEmpty()) {
      throw new ConfigException("cannot read " + sourceName + ": the file is empty");
    }
    if (!header) {
      for (int r = 1; r < rows.size(); r++) {
        names.add(rows.get(r)[0].trim());
      }
      if (names.size() != n) {
        throw new ConfigException(
            "cannot read "
                + sourceName
                + ": the table announces "
                + n
                + " currencies but has "
                + names.size()
                + " rows");
      }
    }
    String exchange = options.exchangeName().orElse(DEFAULT_EXCHANGE);
    SnapshotAssembler out = new SnapshotAssembler(sourceName, options.limits());
    // each name's asset once: a table of n names is n(n-1) markets
    Asset[] assets = new Asset[n];
    String[] bad = new String[n];
    for (int i = 0; i < n; i++) {
      String name = names.get(i);
      if (name.length() > 40) {
        // the message is repeated for every cell of the name: never the whole of a long name
        bad[i] =
            "'"
                + StrictNumbers.shorten(name)
                + "' is not an asset code (1-20 letters, digits, '.', '-' or '_')";
        continue;
      }
      try {
        assets[i] = AssetAliases.asset(name);
      } catch (IllegalArgumentException e) {
        bad[i] = e.getMessage();
      }
    }
    String unlimited = UNLIMITED_AMOUNT.toString();
    for (int r = 1; r <= n && r < rows.size(); r++) {
      String[] row = rows.get(r);
      String rowName = row[0].trim();
      if (!rowName.equalsIgnoreCase(names.get(r - 1)) && header) {
        out.problem(
            sourceName
                + " row "
                + r
                + ": named "
                + StrictNumbers.shorten(rowName)
                + " but column "
                + r
                + " is "
                + StrictNumbers.shorten(names.get(r - 1))
                + "; rows must be in column order; row left out");
        continue;
      }
      if (row.length - 1 < n) {
        out.problem(
            sourceName
                + " row "
                + StrictNumbers.shorten(rowName)
                + ": expected "
                + n
                + " rates, got "
                + (row.length - 1)
                + "; row left out");
        continue;
      }
      for (int c = 0; c < n; c++) {
        if (c == r - 1) {
          continue;
        }
        String cell = row[c + 1].trim();
        // RATES: row → column; FOREX_TSV: column → row.
        int from = header ? c : r - 1;
        int to = header ? r - 1 : c;
        Market market;
        try {
          if (bad[from] != null || bad[to] != null) {
            throw new IllegalArgumentException(bad[from] != null ? bad[from] : bad[to]);
          }
          market =
              new Market(
                  exchange,
                  assets[from],
                  assets[to],
                  options.takerFee(),
                  BigDecimal.ZERO,
                  BigDecimal.ZERO,
                  BigDecimal.ZERO,
                  BigDecimal.ZERO);
        } catch (IllegalArgumentException e) {
          out.countMarket();
          out.problem(
              sourceName
                  + " "
                  + StrictNumbers.shorten(names.get(from))
                  + "->"
                  + StrictNumbers.shorten(names.get(to))
                  + ": "
                  + e.getMessage()
                  + "; left out");
          continue;
        }
        out.add(
            market,
            List.<String[]>of(new String[] {cell, unlimited}),
            List.of(),
            observedAt,
            false);
      }
    }
    return out.build();
  }

  /** The cells of a row: tab-separated if it has a tab, else white-space separated. */
  private static String[] cells(String line, int limit) {
    return line.contains("\t") ? line.split("\t", limit) : line.trim().split("\\s+", limit);
  }

  /** The announced number of currencies, within the limit. */
  private static int count(String text, String sourceName, int maxAssets) {
    try {
      return (int) StrictNumbers.wholeNumber(text, "the currency count", 0, maxAssets);
    } catch (IllegalArgumentException e) {
      throw tooManyAssets(sourceName, StrictNumbers.shorten(text), maxAssets);
    }
  }

  private static ConfigException tooManyAssets(String sourceName, String count, int maxAssets) {
    return new ConfigException(
        "cannot read "
            + sourceName
            + ": the table announces "
            + count
            + " currencies; at most "
            + maxAssets
            + " are read (every pair is a market: n(n-1) markets, the limit for this Java heap);"
            + " "
            + InputLimits.moreMemory());
  }
}
