package dev.arb.xchange.bitstamp;

import dev.arb.xchange.spi.AccountFees;
import dev.arb.xchange.spi.BookStream;
import dev.arb.xchange.spi.ExchangeAdapter;
import dev.arb.xchange.spi.VenueMarket;
import dev.arb.xchange.spi.VenueOrders;
import dev.arb.xchange.spi.WithdrawalFeeCall;
import dev.arb.xchange.spi.XChangeMarkets;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.knowm.xchange.Exchange;
import org.knowm.xchange.bitstamp.BitstampExchange;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.dto.marketdata.OrderBook;

/**
 * Bitstamp: 400 requests/s and 10,000 per 10 minutes (about 16/s) per client, of which arb uses 8;
 * taker 0.40 % at the lowest tier; the REST book has the server's snapshot time.
 */
public final class BitstampAdapter implements ExchangeAdapter {
  /** Taker fee of the lowest tier. */
  static final BigDecimal DEFAULT_TAKER_FEE = new BigDecimal("0.004");

  @Override
  public String id() {
    return "bitstamp";
  }

  @Override
  public Class<? extends Exchange> exchangeClass() {
    return BitstampExchange.class;
  }

  @Override
  public double publicRateLimit() {
    return 8;
  }

  @Override
  public String metadataEndpoint() {
    return "GET /api/v2/trading-pairs-info/";
  }

  @Override
  public List<VenueMarket> markets(Exchange exchange, String name) throws IOException {
    return XChangeMarkets.remote(exchange, name, true, DEFAULT_TAKER_FEE);
  }

  /** Through {@link BitstampTradingFees}. */
  @Override
  public Optional<AccountFees> accountFees(Exchange exchange) {
    BitstampTradingFees fees = new BitstampTradingFees((BitstampExchange) exchange);
    return Optional.of(new AccountFees(BitstampTradingFees.ENDPOINT, fees::takerFees));
  }

  /** Bitstamp's {@code POST /api/v2/fees/withdrawal/}. */
  @Override
  public Optional<WithdrawalFeeCall> withdrawalFees(Exchange exchange) {
    BitstampWithdrawalFees fees = new BitstampWithdrawalFees((BitstampExchange) exchange);
    return Optional.of(new WithdrawalFeeCall(BitstampWithdrawalFees.ENDPOINT, fees::fees));
  }

  @Override
  public String bookEndpoint(CurrencyPair pair) {
    return "GET /api/v2/order_book/" + lower(pair) + "/";
  }

  @Override
  public String tickerEndpoint(CurrencyPair pair) {
    return "GET /api/v2/ticker/" + lower(pair) + "/";
  }

  @Override
  public OrderBook book(Exchange exchange, CurrencyPair pair) throws IOException {
    return exchange.getMarketDataService().getOrderBook(pair);
  }

  @Override
  public Date snapshotTime(OrderBook raw) {
    return raw.getTimeStamp();
  }

  @Override
  public String streamUrl() {
    return "wss://ws.bitstamp.net";
  }

  @Override
  public BookStream openStream(String url, List<VenueMarket> markets, Exchange rest) {
    return new BitstampBookStream(url);
  }

  @Override
  public boolean tradesLive() {
    return true;
  }

  @Override
  public VenueOrders orders(Exchange exchange) {
    return new BitstampOrders(exchange);
  }

  private static String lower(CurrencyPair p) {
    return (p.getBase().getCurrencyCode() + p.getCounter().getCurrencyCode())
        .toLowerCase(Locale.ROOT);
  }
}
