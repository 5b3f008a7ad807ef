package dev.arb.config;

import java.math.BigDecimal;
import java.time.Duration;
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
 * @param assets asset allow-list for "all markets" ({@code markets} empty): a market is used only
 *     when both its assets are listed; empty allows every asset
 * @param maxMarkets most markets polled when {@code markets} is empty (at least 1)
 * @param maxBookAge a book whose exchange time is older than this when received is reported as
 *     stale and not used
 * @param rateLimit REST requests per second; empty for the venue's documented public limit (a
 *     higher value is capped to that limit unless {@code baseUrl} points elsewhere)
 * @param requestTimeout connect and read timeout of one HTTP request
 * @param metadataTtl how long exchange metadata (markets, fees, lot sizes) cached on disk is used
 *     before it is fetched again
 * @param minVolume24h with {@code markets} empty: only markets that traded at least this much in
 *     the last 24 hours, in units of each market's quote asset (from the exchange's ticker); empty
 *     for no volume filter
 * @param streaming whether order books come from the exchange's WebSocket stream (with REST polling
 *     as the fallback while the stream is down or resynchronising); false polls REST only
 * @param wsUrl WebSocket URL override ({@code ws://} or {@code wss://}: proxies, local stand-ins),
 *     empty for the exchange's own
 */
public record ExchangeConfig(
    String name,
    boolean enabled,
    List<String> markets,
    Optional<BigDecimal> takerFee,
    Optional<String> baseUrl,
    Optional<SecretRef> apiKey,
    Optional<SecretRef> apiSecret,
    List<String> assets,
    int maxMarkets,
    Duration maxBookAge,
    Optional<BigDecimal> rateLimit,
    Duration requestTimeout,
    Duration metadataTtl,
    Optional<BigDecimal> minVolume24h,
    boolean streaming,
    Optional<String> wsUrl) {

  /** Default of {@code max-markets}. */
  public static final int DEFAULT_MAX_MARKETS = 50;

  /** Default of {@code max-book-age}. */
  public static final Duration DEFAULT_MAX_BOOK_AGE = Duration.ofSeconds(10);

  /** Default of {@code request-timeout}. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /** Default of {@code metadata-ttl}. */
  public static final Duration DEFAULT_METADATA_TTL = Duration.ofHours(24);

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
    assets = List.copyOf(assets);
    if (maxMarkets < 1) {
      throw new IllegalArgumentException("maxMarkets must be at least 1, got " + maxMarkets);
    }
    positive(maxBookAge, "maxBookAge");
    if (rateLimit.isPresent() && rateLimit.get().signum() <= 0) {
      throw new IllegalArgumentException("rateLimit must be positive");
    }
    positive(requestTimeout, "requestTimeout");
    positive(metadataTtl, "metadataTtl");
    Objects.requireNonNull(minVolume24h, "minVolume24h");
    if (minVolume24h.isPresent() && minVolume24h.get().signum() < 0) {
      throw new IllegalArgumentException("minVolume24h must not be negative");
    }
    Objects.requireNonNull(wsUrl, "wsUrl");
  }

  /** An exchange polled over REST only (no streaming, no WebSocket URL override). */
  public ExchangeConfig(
      String name,
      boolean enabled,
      List<String> markets,
      Optional<BigDecimal> takerFee,
      Optional<String> baseUrl,
      Optional<SecretRef> apiKey,
      Optional<SecretRef> apiSecret,
      List<String> assets,
      int maxMarkets,
      Duration maxBookAge,
      Optional<BigDecimal> rateLimit,
      Duration requestTimeout,
      Duration metadataTtl,
      Optional<BigDecimal> minVolume24h) {
    this(
        name,
        enabled,
        markets,
        takerFee,
        baseUrl,
        apiKey,
        apiSecret,
        assets,
        maxMarkets,
        maxBookAge,
        rateLimit,
        requestTimeout,
        metadataTtl,
        minVolume24h,
        false,
        Optional.empty());
  }

  /** An exchange with the given basics and every other setting at its default. */
  public ExchangeConfig(
      String name,
      boolean enabled,
      List<String> markets,
      Optional<BigDecimal> takerFee,
      Optional<String> baseUrl,
      Optional<SecretRef> apiKey,
      Optional<SecretRef> apiSecret) {
    this(
        name,
        enabled,
        markets,
        takerFee,
        baseUrl,
        apiKey,
        apiSecret,
        List.of(),
        DEFAULT_MAX_MARKETS,
        DEFAULT_MAX_BOOK_AGE,
        Optional.empty(),
        DEFAULT_REQUEST_TIMEOUT,
        DEFAULT_METADATA_TTL,
        Optional.empty());
  }

  /** An enabled exchange with every setting at its default (used for {@code --exchange NAME}). */
  public static ExchangeConfig defaults(String name) {
    return new ExchangeConfig(
        name,
        true,
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** The same settings with another base URL. */
  public ExchangeConfig withBaseUrl(String url) {
    return new ExchangeConfig(
        name,
        enabled,
        markets,
        takerFee,
        Optional.of(url),
        apiKey,
        apiSecret,
        assets,
        maxMarkets,
        maxBookAge,
        rateLimit,
        requestTimeout,
        metadataTtl,
        minVolume24h,
        streaming,
        wsUrl);
  }

  /** The same settings with another maximum book age. */
  public ExchangeConfig withMaxBookAge(Duration age) {
    return new ExchangeConfig(
        name,
        enabled,
        markets,
        takerFee,
        baseUrl,
        apiKey,
        apiSecret,
        assets,
        maxMarkets,
        age,
        rateLimit,
        requestTimeout,
        metadataTtl,
        minVolume24h,
        streaming,
        wsUrl);
  }

  /** The same settings with streaming on and another WebSocket URL. */
  public ExchangeConfig withWsUrl(String url) {
    return new ExchangeConfig(
        name,
        enabled,
        markets,
        takerFee,
        baseUrl,
        apiKey,
        apiSecret,
        assets,
        maxMarkets,
        maxBookAge,
        rateLimit,
        requestTimeout,
        metadataTtl,
        minVolume24h,
        true,
        Optional.of(url));
  }

  private static void positive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + d);
    }
  }
}
