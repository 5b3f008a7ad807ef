package dev.arb.xchange.kraken;

import dev.arb.xchange.spi.AccountFees;
import dev.arb.xchange.spi.BookStream;
import dev.arb.xchange.spi.ExchangeAdapter;
import dev.arb.xchange.spi.VenueMarket;
import dev.arb.xchange.spi.VenueOrders;
import dev.arb.xchange.spi.XChangeMarkets;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchange.Exchange;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.dto.account.Fee;
import org.knowm.xchange.dto.marketdata.OrderBook;
import org.knowm.xchange.instrument.Instrument;
import org.knowm.xchange.kraken.KrakenExchange;
import org.knowm.xchange.kraken.KrakenUtils;

/**
 * Kraken: public REST calls about 1 per second per IP; fees per pair in AssetPairs (taker 0.26 % at
 * the lowest tier where a pair has none); book levels carry their own update times, not a snapshot
 * time; XChange must load AssetPairs itself to name Kraken's pairs, so the disk cache is not read.
 */
public final class KrakenAdapter implements ExchangeAdapter {
  /** Taker fee of the lowest tier. */
  static final BigDecimal DEFAULT_TAKER_FEE = new BigDecimal("0.0026");

  @Override
  public String id() {
    return "kraken";
  }

  @Override
  public Class<? extends Exchange> exchangeClass() {
    return KrakenExchange.class;
  }

  @Override
  public double publicRateLimit() {
    return 1;
  }

  @Override
  public String metadataEndpoint() {
    return "GET /0/public/AssetPairs and /0/public/Assets";
  }

  @Override
  public boolean readsCachedMarkets() {
    return false;
  }

  @Override
  public List<VenueMarket> markets(Exchange exchange, String name) throws IOException {
    return XChangeMarkets.remote(exchange, name, true, DEFAULT_TAKER_FEE);
  }

  @Override
  public Optional<AccountFees> accountFees(Exchange exchange) {
    return Optional.of(new AccountFees("POST /0/private/TradeVolume", () -> takerFees(exchange)));
  }

  /** Through XChange's {@code getDynamicTradingFeesByInstrument}. */
  private static Map<String, BigDecimal> takerFees(Exchange exchange) throws IOException {
    Map<Instrument, Fee> fees = exchange.getAccountService().getDynamicTradingFeesByInstrument();
    Map<String, BigDecimal> out = new HashMap<>();
    if (fees != null) {
      for (Map.Entry<Instrument, Fee> e : fees.entrySet()) {
        if (e.getKey() instanceof CurrencyPair cp
            && e.getValue() != null
            && e.getValue().getTakerFee() != null) {
          out.put(
              VenueMarket.feeKey(cp.getBase().getCurrencyCode(), cp.getCounter().getCurrencyCode()),
              e.getValue().getTakerFee());
        }
      }
    }
    return out;
  }

  @Override
  public String bookEndpoint(CurrencyPair pair) {
    return "GET /0/public/Depth?pair=" + krakenPair(pair);
  }

  @Override
  public String tickerEndpoint(CurrencyPair pair) {
    return "GET /0/public/Ticker?pair=" + krakenPair(pair);
  }

  @Override
  public OrderBook book(Exchange exchange, CurrencyPair pair) throws IOException {
    return exchange.getMarketDataService().getOrderBook(pair, (long) KrakenBookStream.DEPTH);
  }

  @Override
  public String streamUrl() {
    return "wss://ws.kraken.com";
  }

  @Override
  public BookStream openStream(String url, List<VenueMarket> markets, Exchange rest) {
    return new KrakenBookStream(url);
  }

  @Override
  public boolean tradesLive() {
    return true;
  }

  @Override
  public VenueOrders orders(Exchange exchange) {
    return new KrakenOrders(exchange);
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
