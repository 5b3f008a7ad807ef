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
 * @param api which of the exchange's APIs arb speaks, where it has several ({@code coinbase}:
 *     {@code exchange}, Coinbase Exchange, or {@code advanced-trade}, Coinbase Advanced Trade);
 *     empty for the exchange's default
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
    Optional<String> wsUrl,
    Optional<String> api) {

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
    Objects.requireNonNull(api, "api");
  }

  /** An enabled exchange with every setting at its default (used for {@code --exchange NAME}). */
  public static ExchangeConfig defaults(String name) {
    return builder(name).build();
  }

  /** An enabled exchange, every setting at its default until set on the builder. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** A builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The same settings with another base URL. */
  public ExchangeConfig withBaseUrl(String url) {
    return toBuilder().baseUrl(url).build();
  }

  /** The same settings with another maximum book age. */
  public ExchangeConfig withMaxBookAge(Duration age) {
    return toBuilder().maxBookAge(age).build();
  }

  /** The same settings with streaming on and another WebSocket URL. */
  public ExchangeConfig withWsUrl(String url) {
    return toBuilder().streaming(true).wsUrl(url).build();
  }

  /**
   * Builds an {@link ExchangeConfig}: each setting starts at its default (enabled, all markets, no
   * overrides, no keys, REST only); {@link #build()} validates as the constructor does.
   */
  public static final class Builder {
    private final String name;
    private boolean enabled = true;
    private List<String> markets = List.of();
    private Optional<BigDecimal> takerFee = Optional.empty();
    private Optional<String> baseUrl = Optional.empty();
    private Optional<SecretRef> apiKey = Optional.empty();
    private Optional<SecretRef> apiSecret = Optional.empty();
    private List<String> assets = List.of();
    private int maxMarkets = DEFAULT_MAX_MARKETS;
    private Duration maxBookAge = DEFAULT_MAX_BOOK_AGE;
    private Optional<BigDecimal> rateLimit = Optional.empty();
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Duration metadataTtl = DEFAULT_METADATA_TTL;
    private Optional<BigDecimal> minVolume24h = Optional.empty();
    private boolean streaming;
    private Optional<String> wsUrl = Optional.empty();
    private Optional<String> api = Optional.empty();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    private Builder(ExchangeConfig c) {
      this(c.name);
      enabled = c.enabled;
      markets = c.markets;
      takerFee = c.takerFee;
      baseUrl = c.baseUrl;
      apiKey = c.apiKey;
      apiSecret = c.apiSecret;
      assets = c.assets;
      maxMarkets = c.maxMarkets;
      maxBookAge = c.maxBookAge;
      rateLimit = c.rateLimit;
      requestTimeout = c.requestTimeout;
      metadataTtl = c.metadataTtl;
      minVolume24h = c.minVolume24h;
      streaming = c.streaming;
      wsUrl = c.wsUrl;
      api = c.api;
    }

    public Builder enabled(boolean v) {
      enabled = v;
      return this;
    }

    /** Markets as {@code BASE/QUOTE}. */
    public Builder markets(List<String> v) {
      markets = v;
      return this;
    }

    public Builder takerFee(BigDecimal v) {
      takerFee = Optional.of(v);
      return this;
    }

    public Builder baseUrl(String v) {
      baseUrl = Optional.of(v);
      return this;
    }

    /** Where the API key and secret are kept. */
    public Builder keys(SecretRef key, SecretRef secret) {
      apiKey = Optional.of(key);
      apiSecret = Optional.of(secret);
      return this;
    }

    public Builder assets(List<String> v) {
      assets = v;
      return this;
    }

    public Builder maxMarkets(int v) {
      maxMarkets = v;
      return this;
    }

    public Builder maxBookAge(Duration v) {
      maxBookAge = v;
      return this;
    }

    /** REST requests per second. */
    public Builder rateLimit(BigDecimal v) {
      rateLimit = Optional.of(v);
      return this;
    }

    public Builder requestTimeout(Duration v) {
      requestTimeout = v;
      return this;
    }

    public Builder metadataTtl(Duration v) {
      metadataTtl = v;
      return this;
    }

    /** Minimum 24-hour volume; null for no volume filter. */
    public Builder minVolume24h(BigDecimal v) {
      minVolume24h = Optional.ofNullable(v);
      return this;
    }

    public Builder streaming(boolean v) {
      streaming = v;
      return this;
    }

    public Builder wsUrl(String v) {
      wsUrl = Optional.of(v);
      return this;
    }

    /** Which of the exchange's APIs arb speaks ({@code advanced-trade}). */
    public Builder api(String v) {
      api = Optional.of(v);
      return this;
    }

    /**
     * The configuration.
     *
     * @throws IllegalArgumentException when a setting is out of range
     */
    public ExchangeConfig build() {
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
          streaming,
          wsUrl,
          api);
    }
  }

  private static void positive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + d);
    }
  }
}
