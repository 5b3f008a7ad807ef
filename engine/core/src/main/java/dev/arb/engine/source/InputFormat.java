package dev.arb.engine.source;

import dev.arb.error.ConfigException;
import java.util.Locale;

/** The market-data file formats {@code arb scan --input} understands. */
public enum InputFormat {
  /** arb's own JSON snapshot (the README (section Input formats)). */
  SNAPSHOT("snapshot"),
  /**
   * Top-of-book CSV {@code symbol,timestamp,base,quote,bid_price,bid_volume,ask_price,ask_volume}.
   */
  TOB_CSV("tob-csv"),
  /** Normalised L2 book JSON files, one book per file; a folder of them is one snapshot. */
  L2_JSON("l2-json"),
  /**
   * An n×n rate table: a line with n, then n rows {@code NAME r1 .. rn} where cell (row R, column
   * C) is units of C received per unit of R (Sedgewick &amp; Wayne). A table with a header row (the
   * MO-book forex layout) is read as {@link #FOREX_TSV}.
   */
  RATES("rates"),
  /**
   * A tab-separated cross-rate table with a header row and '-' on the diagonal, where cell (row R,
   * column C) is units of R received per unit of C (MO-book / Bloomberg layout).
   */
  FOREX_TSV("forex-tsv");

  private final String cliName;

  InputFormat(String cliName) {
    this.cliName = cliName;
  }

  /** The name used on the command line ({@code --format tob-csv}). */
  public String cliName() {
    return cliName;
  }

  /**
   * The format with this command-line name.
   *
   * @throws ConfigException naming the known formats if there is none
   */
  public static InputFormat fromCliName(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    for (InputFormat f : values()) {
      if (f.cliName.equals(n)) {
        return f;
      }
    }
    throw new ConfigException(
        "unknown input format '" + name + "': use one of " + names() + " (or leave --format out)");
  }

  /** {@code snapshot|tob-csv|l2-json|rates|forex-tsv}. */
  public static String names() {
    StringBuilder sb = new StringBuilder();
    for (InputFormat f : values()) {
      if (sb.length() > 0) {
        sb.append('|');
      }
      sb.append(f.cliName);
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return cliName;
  }
}
