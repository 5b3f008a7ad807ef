package dev.arb.xchange.spi;

import dev.arb.config.SecretRef;
import java.io.IOException;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.knowm.xchange.Exchange;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.dto.marketdata.OrderBook;

/**
 * Everything arb knows about one exchange that XChange does not say: its documented request limit,
 * how its markets and fees are loaded, the depth asked of its books and their quirks, its WebSocket
 * stream, its endpoints (for messages) and its order calls. One stateless implementation per
 * exchange package; the common adapter ({@code dev.arb.xchange}) calls these and nothing else
 * exchange-specific, and only its registry names the implementations.
 */
public interface ExchangeAdapter {

  /** arb's name of the exchange, lower case, as under {@code arb.exchanges}. */
  String id();

  /** Other names the config may use for it (lower case). */
  default Set<String> aliases() {
    return Set.of();
  }

  /** XChange's exchange class. */
  Class<? extends Exchange> exchangeClass();

  /** The exchange's documented public REST limit, requests per second. */
  double publicRateLimit();

  /**
   * A secret the exchange's private calls need besides key and secret (Coinbase: the key's
   * passphrase), with where it is kept; empty when there is none.
   */
  default Optional<SecretRef> passphrase() {
    return Optional.empty();
  }

  // markets

  /** The metadata call, for messages ({@code GET /0/public/AssetPairs}). */
  String metadataEndpoint();

  /**
   * Whether markets cached on disk may be used instead of {@link #markets}. False where XChange
   * must load the exchange's own metadata anyway to name its pairs (Kraken).
   */
  default boolean readsCachedMarkets() {
    return true;
  }

  /**
   * Every market of the exchange from its metadata, with the fee of the lowest public tier (or the
   * pair's own where the metadata has it), sorted by id.
   *
   * @param name the exchange's name in arb's config, the markets' exchange
   */
  List<VenueMarket> markets(Exchange exchange, String name) throws IOException;

  /**
   * Tells XChange the markets arb knows (from the cache or {@link #markets}); most need nothing.
   */
  default void marketsKnown(Exchange exchange, List<VenueMarket> markets) {}

  /** The account's own taker fees (its volume tier), where arb reads them; only asked with keys. */
  default Optional<AccountFees> accountFees(Exchange exchange) {
    return Optional.empty();
  }

  /**
   * The call for the exchange's withdrawal fees, where it offers one (Bitstamp, Binance); only
   * asked with keys.
   */
  default Optional<WithdrawalFeeCall> withdrawalFees(Exchange exchange) {
    return Optional.empty();
  }

  // books

  /** The order-book call for one market, for messages. */
  String bookEndpoint(CurrencyPair pair);

  /** The 24h ticker call for one market, for messages. */
  String tickerEndpoint(CurrencyPair pair);

  /** One market's order book over REST, as deep as arb asks of this exchange. */
  OrderBook book(Exchange exchange, CurrencyPair pair) throws IOException;

  /**
   * The time of the snapshot when the exchange's REST book carries one (Bitstamp), else null: the
   * levels' own times are not a snapshot time (Kraken) or there is none.
   */
  default Date snapshotTime(OrderBook raw) {
    return null;
  }

  /** The exchange's public WebSocket URL for order books. */
  String streamUrl();

  /**
   * A new, unconnected order-book stream at {@code url} for {@code markets}; {@code rest} is the
   * exchange's REST side (for streams that start from a REST snapshot).
   */
  BookStream openStream(String url, List<VenueMarket> markets, Exchange rest);

  // live trading

  /** Whether arb trades on this exchange live. */
  default boolean tradesLive() {
    return false;
  }

  /**
   * The exchange's order calls over {@code exchange} (set up with keys).
   *
   * @throws UnsupportedOperationException when {@link #tradesLive()} is false
   */
  default VenueOrders orders(Exchange exchange) {
    throw new UnsupportedOperationException(id() + " is not traded live");
  }
}
