package dev.arb.xchange.binance;

import dev.arb.xchange.spi.AccountFees;
import dev.arb.xchange.spi.BookStream;
import dev.arb.xchange.spi.ExchangeAdapter;
import dev.arb.xchange.spi.VenueMarket;
import dev.arb.xchange.spi.VenueOrders;
import dev.arb.xchange.spi.WithdrawalFeeCall;
import dev.arb.xchange.spi.XChangeMarkets;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.knowm.xchange.Exchange;
import org.knowm.xchange.binance.BinanceExchange;
import org.knowm.xchange.binance.service.BinanceMarketDataServiceRaw;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.dto.marketdata.OrderBook;

/**
 * Binance: 6,000 request weight per minute per IP; depth with limit {@value #DEPTH} weighs 5 (10/s
 * = 3,000 per minute); taker 0.10 % (XChange's metadata fee is a constant percentage, not used).
 */
public final class BinanceAdapter implements ExchangeAdapter {
  /** Levels a side of every book: the REST depth asked for and the depth of streamed books. */
  public static final int DEPTH = 100;

  /** Taker fee of the lowest tier. */
  static final BigDecimal DEFAULT_TAKER_FEE = new BigDecimal("0.001");

  @Override
  public String id() {
    return "binance";
  }

  @Override
  public Class<? extends Exchange> exchangeClass() {
    return BinanceExchange.class;
  }

  @Override
  public double publicRateLimit() {
    return 10;
  }

  @Override
  public String metadataEndpoint() {
    return "GET /api/v3/exchangeInfo";
  }

  @Override
  public List<VenueMarket> markets(Exchange exchange, String name) throws IOException {
    return XChangeMarkets.remote(exchange, name, false, DEFAULT_TAKER_FEE);
  }

  /** The account's commission rate ({@code GET /api/v3/account}, {@code commissionRates}). */
  @Override
  public Optional<AccountFees> accountFees(Exchange exchange) {
    BinanceAccountFees fees = new BinanceAccountFees((BinanceExchange) exchange);
    return Optional.of(new AccountFees(BinanceAccountFees.ENDPOINT, fees::takerFees));
  }

  /** Binance's {@code GET /sapi/v1/capital/config/getall}. */
  @Override
  public Optional<WithdrawalFeeCall> withdrawalFees(Exchange exchange) {
    BinanceWithdrawalFees fees = new BinanceWithdrawalFees((BinanceExchange) exchange);
    return Optional.of(new WithdrawalFeeCall(BinanceWithdrawalFees.ENDPOINT, fees::fees));
  }

  @Override
  public String bookEndpoint(CurrencyPair p) {
    return "GET /api/v3/depth?symbol=" + p.getBase() + p.getCounter();
  }

  @Override
  public String tickerEndpoint(CurrencyPair p) {
    return "GET /api/v3/ticker/24hr?symbol=" + p.getBase() + p.getCounter();
  }

  @Override
  public OrderBook book(Exchange exchange, CurrencyPair pair) throws IOException {
    return exchange.getMarketDataService().getOrderBook(pair, DEPTH);
  }

  @Override
  public String streamUrl() {
    return "wss://stream.binance.com:9443";
  }

  /** The diff-depth stream, which starts from REST depth snapshots of the same exchange. */
  @Override
  public BookStream openStream(String url, List<VenueMarket> markets, Exchange rest) {
    return new BinanceBookStream(
        url,
        markets,
        pair ->
            ((BinanceMarketDataServiceRaw) rest.getMarketDataService())
                .getBinanceOrderbookAllProducts(pair, BinanceBookStream.SNAPSHOT_DEPTH));
  }

  @Override
  public boolean tradesLive() {
    return true;
  }

  @Override
  public VenueOrders orders(Exchange exchange) {
    return new BinanceOrders(exchange);
  }
}
