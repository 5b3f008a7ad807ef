package dev.arb.engine.source;

import dev.arb.engine.model.Asset;
import java.util.Locale;
import java.util.Map;

/**
 * The one place where exchange-specific asset codes become arb's codes: Kraken's {@code XBT} is
 * {@code BTC}, {@code XDG} is {@code DOGE}.
 */
public final class AssetAliases {
  private static final Map<String, String> ALIASES = Map.of("XBT", "BTC", "XDG", "DOGE");

  private AssetAliases() {}

  /** The arb asset for an exchange's code (trimmed, upper-cased, aliases translated). */
  public static Asset asset(String exchangeCode) {
    String c = exchangeCode.trim().toUpperCase(Locale.ROOT);
    return Asset.of(ALIASES.getOrDefault(c, c));
  }
}
