package dev.arb.engine.source;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises derivative instruments by their symbol, so that a perpetual or a future is not read as
 * a spot market ({@code BTCUSDT-PERP} is not the spot market BTCUSDT/PERP). arb trades spot only:
 * readers report such markets and leave them out.
 *
 * <p>A symbol is split into parts at {@code - _ / :} and space. It is a derivative when
 *
 * <ul>
 *   <li>its last part (of two or more) is {@code PERP}, {@code PERPETUAL}, {@code SWAP}, {@code
 *       FUT}, {@code FUTURE} or {@code FUTURES} ({@code BTCUSDT-PERP}, {@code BTC-USD-SWAP}, {@code
 *       BTCUSD_PERP}, {@code BTC-PERPETUAL});
 *   <li>a part (of two or more) is an expiry date: {@code 27DEC24}, {@code 240927} or {@code
 *       20240927} ({@code BTC-27DEC24}, {@code ETHUSD_240927}, {@code BTC-28JUN24-60000-C});
 *   <li>its first part is a Kraken Futures prefix {@code PI}, {@code PF}, {@code FI} or {@code FF}
 *       ({@code PF_XBTUSD}).
 * </ul>
 *
 * <p>An asset code alone is a derivative when it is such a symbol, or is one of those marker words
 * or an expiry date (the quote of {@code BTCUSDT/PERP}). {@code PERP} as a base (Perpetual
 * Protocol's token, {@code PERP/USDT}) is spot. Not recognised: symbols that look like spot pairs
 * (BitMEX {@code XBTUSD}) or carry a month code ({@code XBTZ24}); such files should not be given as
 * spot books.
 */
final class DerivativeSymbols {
  private static final Set<String> MARKERS =
      Set.of("PERP", "PERPETUAL", "SWAP", "FUT", "FUTURE", "FUTURES");
  private static final Set<String> FUTURES_PREFIXES = Set.of("PI", "PF", "FI", "FF");
  private static final Pattern SEPARATORS = Pattern.compile("[-_/: ]+");
  private static final Pattern EXPIRY =
      Pattern.compile(
          "\\d{1,2}(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\\d{2}|\\d{6}|\\d{8}");

  private DerivativeSymbols() {}

  /**
   * What kind of derivative this exchange symbol names ({@code perpetual or swap}, {@code dated
   * future or option}, {@code future}), or empty for a spot symbol.
   */
  static Optional<String> kind(String symbol) {
    if (symbol == null) {
      return Optional.empty();
    }
    String[] parts = SEPARATORS.split(symbol.trim().toUpperCase(Locale.ROOT));
    if (parts.length < 2) {
      return Optional.empty();
    }
    String last = parts[parts.length - 1];
    if (MARKERS.contains(last)) {
      return Optional.of(last.startsWith("FUT") ? "future" : "perpetual or swap");
    }
    for (String part : parts) {
      if (EXPIRY.matcher(part).matches()) {
        return Optional.of("dated future or option");
      }
    }
    if (FUTURES_PREFIXES.contains(parts[0])) {
      return Optional.of("future");
    }
    return Optional.empty();
  }

  /** Like {@link #kind} for the quote asset code of a market: also a bare marker or expiry. */
  static Optional<String> quoteKind(String code) {
    Optional<String> k = kind(code);
    if (k.isPresent() || code == null) {
      return k;
    }
    String c = code.trim().toUpperCase(Locale.ROOT);
    if (MARKERS.contains(c)) {
      return Optional.of(c.startsWith("FUT") ? "future" : "perpetual or swap");
    }
    return EXPIRY.matcher(c).matches() ? Optional.of("dated future or option") : Optional.empty();
  }

  /**
   * Why a market with this symbol, base and quote is left out, or empty for spot: {@code symbol}
   * may be null when the input names only the assets.
   */
  static Optional<String> problem(String symbol, String base, String quote) {
    Optional<String> k = kind(symbol);
    if (k.isPresent()) {
      return Optional.of(message(symbol, k.get()));
    }
    k = kind(base);
    if (k.isPresent()) {
      return Optional.of(message(base, k.get()));
    }
    k = quoteKind(quote);
    return k.map(kind -> message(base + "/" + quote, kind));
  }

  /** The problem line's text for a derivative {@code named} of this kind. */
  static String message(String named, String kind) {
    return "derivative symbol "
        + named
        + " ("
        + kind
        + "); arb reads spot markets only, give a spot book";
  }
}
