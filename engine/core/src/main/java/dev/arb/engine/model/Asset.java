package dev.arb.engine.model;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An asset: on an exchange, its ticker code, upper-case ({@code BTC}, {@code USDT}); on a chain, a
 * token's contract address, lower-case ({@code 0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48}), since
 * token symbols are not unique. Exchange-specific aliases (Kraken's {@code XBT}) are translated by
 * the adapter that reads the exchange's data; a token's symbol and decimals are in {@link Token}.
 *
 * @param code 1 to 20 characters of letters, digits, '.', '-' or '_', stored upper-case; or {@code
 *     0x} and 40 hex digits (any case), stored lower-case
 */
public record Asset(String code) implements Comparable<Asset> {
  private static final Pattern TICKER = Pattern.compile("[A-Z0-9._-]{1,20}");
  private static final Pattern ADDRESS = Pattern.compile("0[xX][0-9a-fA-F]{40}");

  public Asset {
    Objects.requireNonNull(code, "code");
    code = code.trim();
    if (ADDRESS.matcher(code).matches()) {
      code = code.toLowerCase(Locale.ROOT);
    } else {
      // ASCII is checked before upper-casing: "ß" or a dotless "ı" must not become a ticker
      boolean ascii = code.chars().allMatch(ch -> ch < 128);
      String upper = code.toUpperCase(Locale.ROOT);
      if (!ascii || !TICKER.matcher(upper).matches()) {
        throw new IllegalArgumentException(
            "asset code must be 1-20 letters, digits, '.', '-' or '_', got '" + code + "'");
      }
      code = upper;
    }
  }

  /** Whether this is a token address on a chain rather than an exchange ticker. */
  public boolean isToken() {
    return code.length() == 42 && code.startsWith("0x");
  }

  public static Asset of(String code) {
    return new Asset(code);
  }

  @Override
  public int compareTo(Asset o) {
    return code.compareTo(o.code);
  }

  @Override
  public String toString() {
    return code;
  }
}
