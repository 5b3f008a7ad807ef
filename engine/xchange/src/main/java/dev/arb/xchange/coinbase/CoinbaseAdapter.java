package dev.arb.xchange.coinbase;

import dev.arb.config.SecretRef;
import dev.arb.engine.model.Market;
import dev.arb.engine.source.AssetAliases;
import dev.arb.xchange.spi.AccountFees;
import dev.arb.xchange.spi.BookStream;
import dev.arb.xchange.spi.ExchangeAdapter;
import dev.arb.xchange.spi.VenueMarket;
import dev.arb.xchange.spi.VenueOrders;
import dev.arb.xchange.spi.XChangeMarkets;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.knowm.xchange.Exchange;
import org.knowm.xchange.coinbasepro.CoinbaseProExchange;
import org.knowm.xchange.coinbasepro.dto.account.CoinbaseProFee;
import org.knowm.xchange.coinbasepro.dto.marketdata.CoinbaseProProduct;
import org.knowm.xchange.coinbasepro.service.CoinbaseProAccountServiceRaw;
import org.knowm.xchange.coinbasepro.service.CoinbaseProMarketDataServiceRaw;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.dto.marketdata.OrderBook;
import org.knowm.xchange.dto.meta.ExchangeMetaData;
import org.knowm.xchange.dto.meta.InstrumentMetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coinbase Exchange (formerly Coinbase Pro): public 10 requests/s per IP; taker 0.60 % at the
 * lowest tier (XChange's metadata fee is a constant percentage, not used); level-2 (aggregated)
 * book. Markets come from {@code /products} alone (XChange's own metadata call also needs {@code
 * /currencies} and fails on products without {@code base_increment}).
 */
public final class CoinbaseAdapter implements ExchangeAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(CoinbaseAdapter.class);

  /** Taker fee of the lowest tier. */
  static final BigDecimal DEFAULT_TAKER_FEE = new BigDecimal("0.006");

  /** Where the API key's passphrase is kept. */
  static final String PASSPHRASE_ENV = "ARB_COINBASE_API_PASSPHRASE";

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
    return CoinbaseProExchange.class;
  }

  @Override
  public double publicRateLimit() {
    return 10;
  }

  @Override
  public Optional<SecretRef> passphrase() {
    return Optional.of(new SecretRef.Env(PASSPHRASE_ENV));
  }

  @Override
  public String metadataEndpoint() {
    return "GET /products";
  }

  /**
   * Coinbase's markets from {@code GET /products}: tick {@code quote_increment}, lot {@code
   * base_increment} (0, unknown, when the exchange leaves it out, as it did before 2019), minimum
   * {@code base_min_size} and {@code min_market_funds}; products not {@code online} are left out.
   */
  @Override
  public List<VenueMarket> markets(Exchange exchange, String name) throws IOException {
    CoinbaseProProduct[] products =
        ((CoinbaseProMarketDataServiceRaw) exchange.getMarketDataService())
            .getCoinbaseProProducts();
    List<VenueMarket> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (CoinbaseProProduct p : products == null ? new CoinbaseProProduct[0] : products) {
      if (!"online".equals(p.getStatus())
          || p.getBaseCurrency() == null
          || p.getTargetCurrency() == null) {
        continue;
      }
      try {
        Market m =
            new Market(
                name,
                AssetAliases.asset(p.getBaseCurrency()),
                AssetAliases.asset(p.getTargetCurrency()),
                DEFAULT_TAKER_FEE,
                XChangeMarkets.step(p.getBaseIncrement(), null),
                XChangeMarkets.step(p.getQuoteIncrement(), null),
                XChangeMarkets.orZero(p.getBaseMinSize()),
                XChangeMarkets.orZero(p.getMinMarketFunds()));
        if (seen.add(m.id())) {
          out.add(new VenueMarket(m, p.getBaseCurrency(), p.getTargetCurrency(), false));
        }
      } catch (IllegalArgumentException x) {
        LOG.debug("{}: product {} left out: {}", name, p.getId(), x.getMessage());
      }
    }
    return XChangeMarkets.sorted(out);
  }

  /**
   * Tells XChange's Coinbase module the markets arb loaded itself: its ticker calls refuse a pair
   * that is not among the exchange's instruments ("Pair does not exist on CoinbasePro").
   */
  @Override
  public void marketsKnown(Exchange exchange, List<VenueMarket> markets) {
    ExchangeMetaData meta = exchange.getExchangeMetaData();
    if (meta == null || meta.getInstruments() == null) {
      return;
    }
    try {
      for (VenueMarket v : markets) {
        meta.getInstruments().putIfAbsent(v.pair(), new InstrumentMetaData.Builder().build());
      }
    } catch (UnsupportedOperationException e) {
      LOG.debug("coinbase: XChange's instrument list is read-only: {}", e.toString());
    }
  }

  /**
   * The account's taker fee from {@code GET /fees} ({@code taker_fee_rate}, a fraction, one rate
   * for every market) through XChange's {@code getCoinbaseProFees}.
   */
  @Override
  public Optional<AccountFees> accountFees(Exchange exchange) {
    return Optional.of(
        new AccountFees(
            "GET /fees",
            () ->
                takerFee(
                    ((CoinbaseProAccountServiceRaw) exchange.getAccountService())
                        .getCoinbaseProFees())));
  }

  /** {@link AccountFees#ALL_MARKETS} → {@code taker_fee_rate}. */
  static Map<String, BigDecimal> takerFee(CoinbaseProFee fee) throws IOException {
    if (fee == null || fee.getTakerRate() == null || fee.getTakerRate().signum() < 0) {
      throw new IOException("Coinbase answered GET /fees without taker_fee_rate");
    }
    return Map.of(AccountFees.ALL_MARKETS, fee.getTakerRate().stripTrailingZeros());
  }

  @Override
  public String bookEndpoint(CurrencyPair p) {
    return "GET /products/" + p.getBase() + "-" + p.getCounter() + "/book?level=2";
  }

  @Override
  public String tickerEndpoint(CurrencyPair p) {
    return "GET /products/" + p.getBase() + "-" + p.getCounter() + "/ticker and /stats";
  }

  @Override
  public OrderBook book(Exchange exchange, CurrencyPair pair) throws IOException {
    return exchange.getMarketDataService().getOrderBook(pair, 2);
  }

  @Override
  public String streamUrl() {
    return "wss://ws-feed.exchange.coinbase.com";
  }

  @Override
  public BookStream openStream(String url, List<VenueMarket> markets, Exchange rest) {
    return new CoinbaseBookStream(url, markets);
  }

  @Override
  public boolean tradesLive() {
    return true;
  }

  @Override
  public VenueOrders orders(Exchange exchange) {
    return new CoinbaseOrders(exchange);
  }
}
