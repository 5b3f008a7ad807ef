package dev.arb.engine.model;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An asset by its ticker code, upper-case ({@code BTC}, {@code USDT}). Exchange-specific aliases
 * (Kraken's {@code XBT}) are translated by the adapter that reads the exchange's data.
 *
 * @param code 1 to 20 characters of letters, digits, '.', '-' or '_'; stored upper-case
 */
public record Asset(String code) implements Comparable<Asset> {
  private static final Pattern CODE = Pattern.compile("[A-Z0-9._-]{1,20}");

  public Asset {
    Objects.requireNonNull(code, "code");
    code = code.trim().toUpperCase(Locale.ROOT);
    if (!CODE.matcher(code).matches()) {
      throw new IllegalArgumentException(
          "asset code must be 1-20 letters, digits, '.', '-' or '_', got '" + code + "'");
    }
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
