package dev.arb.xchange.coinbase.advanced;

import dev.arb.xchange.spi.AccountFees;
import dev.arb.xchange.spi.BookStream;
import dev.arb.xchange.spi.ExchangeAdapter;
import dev.arb.xchange.spi.VenueMarket;
import dev.arb.xchange.spi.VenueOrders;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.knowm.xchange.Exchange;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.dto.marketdata.OrderBook;

/**
 * Coinbase Advanced Trade, the API of Coinbase's retail accounts ({@code arb.exchanges.coinbase.api
 * = advanced-trade}): public 10 requests/s per IP; taker 1.2 % at the lowest tier (the account's
 * own rate is read from {@code GET /transaction_summary} when a key is configured); books from
 * {@code GET /market/product_book}; orders IOC through {@link AdvancedTradeOrders}. Authentication
 * is a CDP API key (JWT per request, {@link CdpJwt}). No WebSocket stream yet: books are polled.
 */
public final class AdvancedTradeAdapter implements ExchangeAdapter {
  /** Levels a side of every REST book. */
  static final int DEPTH = 100;

  /** Taker fee of the lowest tier (under 1,000 USD of 30-day volume). */
  static final BigDecimal DEFAULT_TAKER_FEE = new BigDecimal("0.012");

  @Override
  public String id() {
    return "coinbase";
  }

  @Override
  public Set<String> aliases() {
    return Set.of("coinbasepro", "coinbase-pro");
  }

  @Override
  public Class<? extends Exchange> exchangeClass() {
    return AdvancedTradeExchange.class;
  }

  @Override
  public double publicRateLimit() {
    return 10;
  }

  @Override
  public String metadataEndpoint() {
    return "GET /api/v3/brokerage/market/products";
  }

  @Override
  public List<VenueMarket> markets(Exchange exchange, String name) throws IOException {
    return AdvancedTradeJson.markets(
        ((AdvancedTradeExchange) exchange).api().products("SPOT"), name, DEFAULT_TAKER_FEE);
  }

  /** The account's taker rate, {@code fee_tier.taker_fee_rate}, one rate for every market. */
  @Override
  public Optional<AccountFees> accountFees(Exchange exchange) {
    AdvancedTradeExchange e = (AdvancedTradeExchange) exchange;
    AccountFees.Call call =
        () ->
            Map.of(
                AccountFees.ALL_MARKETS,
                AdvancedTradeJson.takerFee(e.api().transactionSummary("SPOT", e.auth())));
    return Optional.of(new AccountFees("GET /api/v3/brokerage/transaction_summary", call));
  }

  @Override
  public String bookEndpoint(CurrencyPair p) {
    return "GET /api/v3/brokerage/market/product_book?product_id="
        + AdvancedTradeExchange.productId(p);
  }

  @Override
  public String tickerEndpoint(CurrencyPair p) {
    return "GET /api/v3/brokerage/market/products/" + AdvancedTradeExchange.productId(p);
  }

  @Override
  public OrderBook book(Exchange exchange, CurrencyPair pair) throws IOException {
    return exchange.getMarketDataService().getOrderBook(pair, DEPTH);
  }

  /** The book's {@code pricebook.time}. */
  @Override
  public Date snapshotTime(OrderBook raw) {
    return raw.getTimeStamp();
  }

  @Override
  public String streamUrl() {
    return "wss://advanced-trade-ws.coinbase.com";
  }

  /**
   * Not built: Advanced Trade's {@code level2} channel is not read yet.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public BookStream openStream(String url, List<VenueMarket> markets, Exchange rest) {
    throw new UnsupportedOperationException(
        "coinbase: Advanced Trade books are polled over REST; streaming = true is not supported"
            + " with api = advanced-trade");
  }

  @Override
  public boolean tradesLive() {
    return true;
  }

  @Override
  public VenueOrders orders(Exchange exchange) {
    return new AdvancedTradeOrders((AdvancedTradeExchange) exchange);
  }
}
