package dev.arb.engine.source;

import dev.arb.engine.model.Market;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.error.ConfigException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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
   * InputFormat#FOREX_TSV}.
   */
  public static MarketSnapshot read(Path path, InputFormat format, ReadOptions options) {
    return parse(
        InputFiles.text(path), path.toString(), format, options, InputFiles.modified(path));
  }

  /** Whether the text looks like a rate table with a header row (the forex orientation). */
  static boolean hasHeader(String text) {
    String first = firstLine(text);
    return first != null && !first.trim().matches("\\d+");
  }

  private static String firstLine(String text) {
    for (String l : InputFiles.stripBom(text).split("\r?\n")) {
      if (!l.isBlank()) {
        return l;
      }
    }
    return null;
  }

  /** Parses a rate table. */
  public static MarketSnapshot parse(
      String text, String sourceName, InputFormat format, ReadOptions options, Instant observedAt) {
    if (format != InputFormat.RATES && format != InputFormat.FOREX_TSV) {
      throw new IllegalArgumentException("not a rate-table format: " + format);
    }
    List<String[]> rows = new ArrayList<>();
    for (String l : InputFiles.stripBom(text).split("\r?\n")) {
      if (!l.isBlank() && !l.trim().startsWith("#")) {
        rows.add(l.contains("\t") ? l.split("\t", -1) : l.trim().split("\\s+"));
      }
    }
    if (rows.isEmpty()) {
      throw new ConfigException("cannot read " + sourceName + ": the file is empty");
    }
    boolean header = hasHeader(text);
    if (format == InputFormat.FOREX_TSV && !header) {
      throw new ConfigException(
          "cannot read "
              + sourceName
              + ": a forex-tsv table starts with a header row of names, this starts with a count;"
              + " use --format rates");
    }
    String exchange = options.exchangeName().orElse(DEFAULT_EXCHANGE);
    List<String> names = new ArrayList<>();
    if (header) {
      for (String c : rows.get(0)) {
        if (!c.isBlank()) {
          names.add(c.trim());
        }
      }
    } else {
      int n = Integer.parseInt(rows.get(0)[0].trim());
      for (int r = 1; r <= n && r < rows.size(); r++) {
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
    SnapshotAssembler out = new SnapshotAssembler(sourceName);
    int n = names.size();
    for (int r = 1; r <= n && r < rows.size(); r++) {
      String[] row = rows.get(r);
      String rowName = row[0].trim();
      if (!rowName.equalsIgnoreCase(names.get(r - 1)) && header) {
        out.problem(
            sourceName
                + " row "
                + r
                + ": named "
                + rowName
                + " but column "
                + r
                + " is "
                + names.get(r - 1)
                + "; rows must be in column order; row left out");
        continue;
      }
      if (row.length - 1 < n) {
        out.problem(
            sourceName
                + " row "
                + rowName
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
        String from = header ? names.get(c) : rowName;
        String to = header ? rowName : names.get(c);
        Market market;
        try {
          market =
              Market.of(
                  exchange,
                  AssetAliases.asset(from).code(),
                  AssetAliases.asset(to).code(),
                  options.takerFee());
        } catch (IllegalArgumentException e) {
          out.problem(sourceName + " " + from + "->" + to + ": " + e.getMessage() + "; left out");
          continue;
        }
        out.add(
            market,
            List.<String[]>of(new String[] {cell, UNLIMITED_AMOUNT.toPlainString()}),
            List.of(),
            observedAt,
            false);
      }
    }
    return out.build();
  }
}
