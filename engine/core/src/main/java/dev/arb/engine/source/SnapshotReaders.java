package dev.arb.engine.source;

import dev.arb.engine.model.MarketSnapshot;
import dev.arb.error.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Entry point for {@code arb scan --input PATH [--format F]}: detects the format when none is given
 * and dispatches to the reader.
 *
 * <p>Detection: a folder is {@link InputFormat#L2_JSON}; a JSON file (by content) with {@code
 * format_version} is {@link InputFormat#SNAPSHOT}, with {@code symbol}, {@code bids} and {@code
 * asks} it is {@link InputFormat#L2_JSON}; a file whose first line is a CSV header with {@code
 * bid_price} and {@code ask_price} is {@link InputFormat#TOB_CSV}; a first line that is a count is
 * {@link InputFormat#RATES}; a tab-separated header row followed by rows with '-' on the diagonal
 * is {@link InputFormat#FOREX_TSV}. Anything else is a {@link ConfigException} asking for {@code
 * --format}.
 *
 * <p>Every reader reads within {@link InputLimits} (size, counts, plausible times; regular files
 * only) and reads numbers with {@link StrictNumbers}: input beyond a limit is a {@link
 * ConfigException}, a bad market is reported in the snapshot's problems and left out.
 */
public final class SnapshotReaders {
  private SnapshotReaders() {}

  /**
   * Reads the market snapshot at {@code path}.
   *
   * @param format the format, or empty to detect it
   * @return the valid books, and one problem line per market left out
   * @throws ConfigException if the path cannot be read at all or its format is unknown (exit 2)
   */
  public static MarketSnapshot read(Path path, Optional<InputFormat> format, ReadOptions options) {
    InputFiles.requireReadable(path);
    InputFormat f = format.isPresent() ? format.get() : detect(path, options.limits());
    switch (f) {
      case SNAPSHOT:
        return SnapshotJson.read(path, options.limits());
      case TOB_CSV:
        return TobCsvReader.read(path, options);
      case L2_JSON:
        return L2JsonReader.read(path, options);
      case RATES:
      case FOREX_TSV:
        return RateTableReader.read(path, f, options);
      default:
        throw new IllegalStateException("unhandled format " + f);
    }
  }

  /**
   * The format of the file or folder at {@code path}.
   *
   * @throws ConfigException if it cannot be read or is none of the known formats
   */
  public static InputFormat detect(Path path) {
    return detect(path, InputLimits.defaults());
  }

  /**
   * The format of the file or folder at {@code path}, reading at most what {@code limits} allow.
   *
   * @throws ConfigException if it cannot be read or is none of the known formats
   */
  public static InputFormat detect(Path path, InputLimits limits) {
    InputFiles.requireReadable(path);
    if (Files.isDirectory(path)) {
      return InputFormat.L2_JSON;
    }
    String text = InputFiles.stripBom(InputFiles.text(path, limits));
    Optional<InputFormat> f = detect(text, limits);
    if (f.isPresent()) {
      return f.get();
    }
    throw new ConfigException(
        "cannot tell the format of "
            + path
            + ": it is none of "
            + InputFormat.names()
            + "; give --format if it is one of them (see the README, section Input formats)");
  }

  /** The format of this file content, if recognisable. */
  public static Optional<InputFormat> detect(String text) {
    return detect(text, InputLimits.defaults());
  }

  private static Optional<InputFormat> detect(String text, InputLimits limits) {
    String t = text.stripLeading();
    if (t.startsWith("{")) {
      // the top-level keys tell the format: no tree is built, the read reports any JSON error
      Set<String> keys = BoundedJson.topLevelKeys(t, limits);
      if (keys.contains("format_version")) {
        return Optional.of(InputFormat.SNAPSHOT);
      }
      if (keys.containsAll(L2JsonReader.BOOK_KEYS)) {
        return Optional.of(InputFormat.L2_JSON);
      }
      return Optional.empty();
    }
    String[] lines = t.split("\r?\n", 3);
    String first = lines[0].toLowerCase(Locale.ROOT);
    if (first.contains(",") && first.contains("bid_price") && first.contains("ask_price")) {
      return Optional.of(InputFormat.TOB_CSV);
    }
    if (first.trim().matches("\\d+")) {
      return Optional.of(InputFormat.RATES);
    }
    if (text.startsWith("\t") && lines.length > 1 && lines[1].contains("\t-")) {
      return Optional.of(InputFormat.FOREX_TSV);
    }
    return Optional.empty();
  }
}
