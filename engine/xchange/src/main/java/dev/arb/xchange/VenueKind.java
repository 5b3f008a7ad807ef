package dev.arb.xchange;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.knowm.xchange.Exchange;
import org.knowm.xchange.binance.BinanceExchange;
import org.knowm.xchange.binance.service.BinanceMarketDataServiceRaw;
import org.knowm.xchange.bitstamp.BitstampExchange;
import org.knowm.xchange.coinbasepro.CoinbaseProExchange;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.kraken.KrakenExchange;
import org.knowm.xchange.kraken.KrakenUtils;

/**
 * The exchanges arb supports, with what XChange does not say about them: the documented public
 * request limit, the taker fee of the lowest tier when the metadata has none, whether the order
 * book carries the time of the snapshot, the depth asked for, and the endpoints (for messages).
 */
enum VenueKind {
  /**
   * Bitstamp: 400 requests/s and 10,000 per 10 minutes (about 16/s) per client; taker 0.40 % at the
   * lowest tier; the book has the server's snapshot time.
   */
  BITSTAMP(
      "bitstamp",
      BitstampExchange.class,
      8,
      new BigDecimal("0.004"),
      true,
      true,
      new Object[0],
      "GET /api/v2/trading-pairs-info/",
      p -> "GET /api/v2/order_book/" + lower(p) + "/"),
  /**
   * Kraken: public REST calls about 1 per second per IP; fees per pair in AssetPairs; book levels
   * carry their own update times, not a snapshot time.
   */
  KRAKEN(
      "kraken",
      KrakenExchange.class,
      1,
      new BigDecimal("0.0026"),
      false,
      true,
      new Object[] {500L},
      "GET /0/public/AssetPairs and /0/public/Assets",
      p -> "GET /0/public/Depth?pair=" + krakenPair(p)),
  /**
   * Binance: 6,000 request weight per minute per IP; depth with limit 100 weighs 5 (10/s = 3,000
   * per minute); taker 0.10 %.
   */
  BINANCE(
      "binance",
      BinanceExchange.class,
      10,
      new BigDecimal("0.001"),
      false,
      false,
      new Object[] {100},
      "GET /api/v3/exchangeInfo",
      p -> "GET /api/v3/depth?symbol=" + p.getBase() + p.getCounter()),
  /**
   * Coinbase Exchange (formerly Coinbase Pro): public 10 requests/s per IP; taker 0.60 % at the
   * lowest tier; level-2 (aggregated) book. Markets come from {@code /products} alone (XChange's
   * own metadata call also needs {@code /currencies} and fails on products without {@code
   * base_increment}).
   */
  COINBASE(
      "coinbase",
      CoinbaseProExchange.class,
      10,
      new BigDecimal("0.006"),
      false,
      false,
      new Object[] {2},
      "GET /products",
      p -> "GET /products/" + p.getBase() + "-" + p.getCounter() + "/book?level=2");

  private final String id;
  private final Class<? extends Exchange> exchangeClass;
  private final double publicRateLimit;
  private final BigDecimal defaultTakerFee;
  private final boolean bookHasSnapshotTime;
  private final boolean feeInMetadata;
  private final Object[] depthArgs;
  private final String metadataEndpoint;
  private final Function<CurrencyPair, String> bookEndpoint;

  VenueKind(
      String id,
      Class<? extends Exchange> exchangeClass,
      double publicRateLimit,
      BigDecimal defaultTakerFee,
      boolean bookHasSnapshotTime,
      boolean feeInMetadata,
      Object[] depthArgs,
      String metadataEndpoint,
      Function<CurrencyPair, String> bookEndpoint) {
    this.id = id;
    this.exchangeClass = exchangeClass;
    this.publicRateLimit = publicRateLimit;
    this.defaultTakerFee = defaultTakerFee;
    this.bookHasSnapshotTime = bookHasSnapshotTime;
    this.feeInMetadata = feeInMetadata;
    this.depthArgs = depthArgs;
    this.metadataEndpoint = metadataEndpoint;
    this.bookEndpoint = bookEndpoint;
  }

  /** The kind named {@code name} in arb's config ({@code coinbasepro} is accepted for Coinbase). */
  static Optional<VenueKind> byName(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    if (n.equals("coinbasepro") || n.equals("coinbase-pro")) {
      return Optional.of(COINBASE);
    }
    return Arrays.stream(values()).filter(k -> k.id.equals(n)).findFirst();
  }

  /** The names arb accepts, for messages. */
  static String names() {
    return String.join(", ", Arrays.stream(values()).map(k -> k.id).toList());
  }

  String id() {
    return id;
  }

  Class<? extends Exchange> exchangeClass() {
    return exchangeClass;
  }

  /** Documented public limit, requests per second. */
  double publicRateLimit() {
    return publicRateLimit;
  }

  BigDecimal defaultTakerFee() {
    return defaultTakerFee;
  }

  boolean bookHasSnapshotTime() {
    return bookHasSnapshotTime;
  }

  /**
   * Whether XChange's metadata fee for this exchange comes from the exchange, as a fraction. False
   * for Binance and Coinbase, whose XChange adapters put a constant percentage there (0.1 and 0.50,
   * that is 10 % and 50 % read as a fraction): arb uses its lowest-tier default for them.
   */
  boolean feeInMetadata() {
    return feeInMetadata;
  }

  Object[] depthArgs() {
    return depthArgs.clone();
  }

  String metadataEndpoint() {
    return metadataEndpoint;
  }

  String bookEndpoint(CurrencyPair pair) {
    return bookEndpoint.apply(pair);
  }

  /**
   * The exchange's public WebSocket URL for order books (Kraken, Bitstamp and Coinbase through
   * XChange's stream modules 5.2.0, Binance through its stream service 5.2.0).
   */
  String streamUrl() {
    return switch (this) {
      case KRAKEN -> "wss://ws.kraken.com";
      case BITSTAMP -> "wss://ws.bitstamp.net";
      case COINBASE -> "wss://ws-feed.exchange.coinbase.com";
      case BINANCE -> "wss://stream.binance.com:9443";
    };
  }

  /**
   * A new, unconnected order-book stream at {@code url} for {@code markets}; {@code rest} is the
   * exchange's REST side, for the depth snapshots Binance's diff stream starts from.
   */
  BookStream openStream(String url, List<VenueMarket> markets, Exchange rest) {
    return switch (this) {
      case KRAKEN -> new KrakenBookStream(url);
      case BITSTAMP -> new BitstampBookStream(url);
      case COINBASE -> new CoinbaseBookStream(url, markets);
      case BINANCE ->
          new BinanceBookStream(
              url,
              markets,
              pair ->
                  ((BinanceMarketDataServiceRaw) rest.getMarketDataService())
                      .getBinanceOrderbookAllProducts(pair, BinanceBookStream.SNAPSHOT_DEPTH));
    };
  }

  /** The endpoint of one market's 24h ticker, for messages. */
  String tickerEndpoint(CurrencyPair p) {
    return switch (this) {
      case BITSTAMP -> "GET /api/v2/ticker/" + lower(p) + "/";
      case KRAKEN -> "GET /0/public/Ticker?pair=" + krakenPair(p);
      case BINANCE -> "GET /api/v3/ticker/24hr?symbol=" + p.getBase() + p.getCounter();
      case COINBASE -> "GET /products/" + p.getBase() + "-" + p.getCounter() + "/ticker and /stats";
    };
  }

  private static String lower(CurrencyPair p) {
    return (p.getBase().getCurrencyCode() + p.getCounter().getCurrencyCode())
        .toLowerCase(Locale.ROOT);
  }

  private static String krakenPair(CurrencyPair p) {
    try {
      String code = KrakenUtils.createKrakenCurrencyPair(p);
      return code == null ? p.getBase() + "" + p.getCounter() : code;
    } catch (RuntimeException e) {
      return p.getBase() + "" + p.getCounter();
    }
  }
}
