package dev.arb.engine.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.error.ConfigException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Normalised L2 book files {@code {exchange, symbol, recorded_utc, bids: [[price, qty]], asks:
 * [...]}} as in {@code ../shared/data/orderbooks/}: one book per file, a folder of them is one
 * snapshot. The observation time is {@code recorded_utc} (else {@code recorded_unix}): {@code
 * exchange_ts} is not a time on every exchange (Binance's is an update id). Symbols are split at
 * '/', '-' or '_', else by a known quote suffix ({@code BLZETH} → BLZ/ETH); optional {@code base}
 * and {@code quote} fields win. Exchange codes are translated by {@link AssetAliases}. Symbols of
 * derivatives ({@code BTCUSDT-PERP}, {@code BTC-27DEC24}; see {@link DerivativeSymbols}) are
 * reported and left out.
 */
public final class L2JsonReader {
  /** The keys every book file has. */
  static final List<String> BOOK_KEYS = List.of("symbol", "bids", "asks");

  /** Quote assets recognised at the end of an unseparated symbol, longest first. */
  private static final String[] QUOTES = {
    "USDT", "USDC", "BUSD", "TUSD", "USDP", "EUR", "USD", "GBP", "CHF", "JPY", "CAD", "AUD", "TRY",
    "DAI", "BTC", "XBT", "ETH", "BNB"
  };

  private L2JsonReader() {}

  /**
   * Reads one book file, or every {@code *.json} file of a folder (sorted by name) as one snapshot;
   * files in the folder that are not book files, or not regular files (FIFOs, devices, links to
   * them), are reported and skipped. A folder is one input for {@link InputLimits}: its files
   * together are at most {@code maxBytes}.
   *
   * @param options the taker fee for every market; an exchange name here overrides the files'
   * @throws ConfigException if the path cannot be read, a single file is not a book file, or a
   *     folder has no {@code *.json} file
   */
  public static MarketSnapshot read(Path path, ReadOptions options) {
    InputFiles.requireReadable(path);
    InputLimits limits = options.limits();
    SnapshotAssembler out = new SnapshotAssembler(path.toString(), limits);
    if (!Files.isDirectory(path)) {
      JsonNode root = InputFiles.json(InputFiles.text(path, limits), path.toString(), limits);
      if (!isBookFile(root)) {
        throw new ConfigException(
            "cannot read " + path + ": not an L2 book file (needs symbol, bids and asks)");
      }
      addBook(root, path.toString(), options, out);
      return out.build();
    }
    List<String> skipped = new ArrayList<>();
    List<Path> files = InputFiles.list(path, ".json", limits, skipped);
    if (files.isEmpty()) {
      List<String> problems = new ArrayList<>();
      problems.add(
          "cannot read "
              + path
              + ": the folder has no *.json book files"
              + (skipped.isEmpty() ? "" : " it can read")
              + "; check the --input path");
      problems.addAll(skipped.subList(0, Math.min(skipped.size(), 10)));
      throw new ConfigException(problems);
    }
    skipped.forEach(out::problem);
    for (Path f : files) {
      JsonNode root;
      try {
        root = InputFiles.json(InputFiles.text(f, limits), f.toString(), limits);
      } catch (ConfigException e) {
        out.problem(e.getMessage() + "; file left out");
        continue;
      }
      if (isBookFile(root)) {
        // beyond the input's limits (markets, levels) the whole read stops: not caught here
        addBook(root, f.toString(), options, out);
      } else {
        out.problem(f + ": not an L2 book file (needs symbol, bids and asks); file left out");
      }
    }
    return out.build();
  }

  /** Parses one book file's JSON text into a one-book snapshot. */
  public static MarketSnapshot parse(String json, String sourceName, ReadOptions options) {
    SnapshotAssembler out = new SnapshotAssembler(sourceName, options.limits());
    JsonNode root = InputFiles.json(json, sourceName, options.limits());
    if (!isBookFile(root)) {
      throw new ConfigException(
          "cannot read " + sourceName + ": not an L2 book file (needs symbol, bids and asks)");
    }
    addBook(root, sourceName, options, out);
    return out.build();
  }

  static boolean isBookFile(JsonNode root) {
    if (!root.isObject()) {
      return false;
    }
    for (String k : BOOK_KEYS) {
      if (!root.has(k)) {
        return false;
      }
    }
    return true;
  }

  private static void addBook(
      JsonNode root, String file, ReadOptions options, SnapshotAssembler out) {
    String where = file;
    Market market;
    Instant at;
    try {
      String exchange = options.exchangeName().orElse(root.path("exchange").asText(""));
      if (exchange.isBlank()) {
        throw new IllegalArgumentException("no \"exchange\" (give an exchange name)");
      }
      String badName = SnapshotAssembler.badExchangeName(exchange);
      if (badName != null) {
        throw new IllegalArgumentException(badName);
      }
      Optional<String> derivative = derivative(root);
      if (derivative.isPresent()) {
        out.countMarket();
        throw new IllegalArgumentException(derivative.get());
      }
      Asset[] pair = pair(root);
      BigDecimal fee = options.takerFee();
      market = Market.of(exchange, pair[0].code(), pair[1].code(), fee);
      where = market.id() + " (" + file + ")";
      at = observedAt(root);
    } catch (IllegalArgumentException | DateTimeException e) {
      out.problem(where + ": " + e.getMessage() + "; market left out");
      return;
    }
    List<String[]> bids = new ArrayList<>();
    List<String[]> asks = new ArrayList<>();
    String bad = SnapshotJson.side(root.get("bids"), "bids", bids);
    if (bad == null) {
      bad = SnapshotJson.side(root.get("asks"), "asks", asks);
    }
    if (bad != null) {
      out.problem(where + ": " + bad + "; market left out");
      return;
    }
    out.add(market, bids, asks, at, true);
  }

  /** Why the file's symbol (or base and quote) names a derivative, if it does. */
  private static Optional<String> derivative(JsonNode root) {
    return DerivativeSymbols.problem(
        root.path("symbol").asText(""),
        root.hasNonNull("base") ? root.get("base").asText() : null,
        root.hasNonNull("quote") ? root.get("quote").asText() : null);
  }

  /** Base and quote of the file's market. */
  static Asset[] pair(JsonNode root) {
    if (root.hasNonNull("base") && root.hasNonNull("quote")) {
      return new Asset[] {
        AssetAliases.asset(root.get("base").asText()),
        AssetAliases.asset(root.get("quote").asText())
      };
    }
    return splitSymbol(root.path("symbol").asText(""));
  }

  /** {@code ADA/XBT} → ADA, BTC; {@code USDTUSD} → USDT, USD. */
  public static Asset[] splitSymbol(String symbol) {
    String s = symbol.trim().toUpperCase(Locale.ROOT);
    for (char sep : new char[] {'/', '-', '_'}) {
      int i = s.indexOf(sep);
      if (i > 0) {
        return new Asset[] {
          AssetAliases.asset(s.substring(0, i)), AssetAliases.asset(s.substring(i + 1))
        };
      }
    }
    // Of the known quote suffixes, prefer a split whose base is a known code too, with the
    // longest base (USDTUSD is USDT/USD, not USD/TUSD); else the longest quote (BLZETH).
    String base = null;
    String quote = null;
    boolean knownBase = false;
    for (String q : QUOTES) {
      if (s.length() > q.length() && s.endsWith(q)) {
        String b = s.substring(0, s.length() - q.length());
        boolean known = Arrays.asList(QUOTES).contains(b);
        if (base == null
            || (known && !knownBase)
            || (known == knownBase && known && b.length() > base.length())) {
          base = b;
          quote = q;
          knownBase = known;
        }
      }
    }
    if (base != null) {
      return new Asset[] {AssetAliases.asset(base), AssetAliases.asset(quote)};
    }
    throw new IllegalArgumentException(
        "cannot split symbol '" + symbol + "' into base and quote (add \"base\" and \"quote\")");
  }

  private static Instant observedAt(JsonNode root) {
    if (root.hasNonNull("recorded_utc")) {
      String t = root.get("recorded_utc").asText();
      if (!t.chars().allMatch(c -> c < 128)) {
        throw new IllegalArgumentException(
            "recorded_utc '" + StrictNumbers.shorten(t) + "' is not an ISO-8601 time in ASCII");
      }
      return OffsetDateTime.parse(t).toInstant();
    }
    if (root.hasNonNull("recorded_unix") && root.get("recorded_unix").isNumber()) {
      BigDecimal s = root.get("recorded_unix").decimalValue();
      long sec;
      try {
        sec = s.setScale(0, RoundingMode.FLOOR).longValueExact();
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException(
            "recorded_unix " + StrictNumbers.shorten(s.toString()) + " is not a time", e);
      }
      long nanos = s.subtract(BigDecimal.valueOf(sec)).movePointRight(9).longValue();
      return Instant.ofEpochSecond(sec, nanos);
    }
    throw new IllegalArgumentException("no \"recorded_utc\" or \"recorded_unix\" time");
  }
}
