package dev.arb.config;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One exchange ({@code arb.exchanges.<name>}). Keys never appear here: only references to where
 * they are kept.
 *
 * @param name lower-case exchange name, the key under {@code arb.exchanges}
 * @param enabled whether arb connects to it
 * @param markets markets as {@code BASE/QUOTE}, empty for all liquid markets
 * @param takerFee taker fee override as a fraction (0.0026 = 0.26 %), empty to use the venue's
 * @param baseUrl REST base URL override (proxies, testnets, local stand-ins), empty for default
 * @param apiKey where the API key is kept, empty for public data only
 * @param apiSecret where the API secret is kept, empty for public data only
 */
public record ExchangeConfig(
    String name,
    boolean enabled,
    List<String> markets,
    Optional<BigDecimal> takerFee,
    Optional<String> baseUrl,
    Optional<SecretRef> apiKey,
    Optional<SecretRef> apiSecret) {
  public ExchangeConfig {
    Objects.requireNonNull(name, "name");
    markets = List.copyOf(markets);
    if (takerFee.isPresent()
        && (takerFee.get().signum() < 0 || takerFee.get().compareTo(new BigDecimal("0.1")) > 0)) {
      throw new IllegalArgumentException("takerFee must be between 0 and 0.1");
    }
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(apiSecret, "apiSecret");
  }
}
