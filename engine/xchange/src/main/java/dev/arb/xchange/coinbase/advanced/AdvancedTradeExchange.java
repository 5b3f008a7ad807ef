package dev.arb.xchange.coinbase.advanced;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchange.BaseExchange;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.client.ExchangeRestProxyBuilder;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.dto.account.AccountInfo;
import org.knowm.xchange.dto.account.Balance;
import org.knowm.xchange.dto.account.Wallet;
import org.knowm.xchange.dto.marketdata.OrderBook;
import org.knowm.xchange.dto.marketdata.Ticker;
import org.knowm.xchange.service.account.AccountService;
import org.knowm.xchange.service.marketdata.MarketDataService;

/**
 * Coinbase Advanced Trade as an XChange exchange, so that arb's common adapter (request budget,
 * retries, breaker, metadata cache) drives it as it drives the others. It holds the REST client
 * and, when the config gives a CDP key (api-key: the key's name; api-secret: its EC private key in
 * PEM), the request signer. Its market-data service answers the order book and ticker calls, its
 * account service the balances; orders go through {@link AdvancedTradeOrders}.
 */
public final class AdvancedTradeExchange extends BaseExchange {
  /** Coinbase's REST host. */
  static final String URL = "https://api.coinbase.com";

  private AdvancedTradeApi api;
  private CdpAuth auth;

  @Override
  protected void initServices() {
    ExchangeSpecification spec = getExchangeSpecification();
    api = ExchangeRestProxyBuilder.forInterface(AdvancedTradeApi.class, spec).build();
    String key = spec.getApiKey();
    String secret = spec.getSecretKey();
    auth =
        key == null || secret == null
            ? null
            : new CdpAuth(new CdpJwt(key, secret, Clock.systemUTC()));
    marketDataService = new MarketData(api);
    accountService = new Accounts(this);
  }

  @Override
  public ExchangeSpecification getDefaultExchangeSpecification() {
    ExchangeSpecification s = new ExchangeSpecification(getClass());
    s.setSslUri(URL);
    s.setHost("api.coinbase.com");
    s.setPort(443);
    s.setExchangeName("CoinbaseAdvancedTrade");
    s.setExchangeDescription("Coinbase Advanced Trade (retail accounts), /api/v3/brokerage");
    return s;
  }

  @Override
  public void remoteInit() {
    // markets are loaded by arb (AdvancedTradeAdapter.markets), through its retries and cache
  }

  AdvancedTradeApi api() {
    return api;
  }

  /**
   * The signer of private calls.
   *
   * @throws IllegalStateException when the config gives no CDP key
   */
  CdpAuth auth() {
    if (auth == null) {
      throw new IllegalStateException(
          "coinbase: Advanced Trade's private calls need a CDP key (api-key and api-secret)");
    }
    return auth;
  }

  /** Order books and tickers over the public {@code market/} calls. */
  private static final class MarketData implements MarketDataService {
    private final AdvancedTradeApi api;

    MarketData(AdvancedTradeApi api) {
      this.api = api;
    }

    @Override
    public OrderBook getOrderBook(CurrencyPair pair, Object... args) throws IOException {
      int limit =
          args != null && args.length > 0 && args[0] instanceof Integer n
              ? n
              : AdvancedTradeAdapter.DEPTH;
      return AdvancedTradeJson.book(api.productBook(productId(pair), limit), pair);
    }

    @Override
    public Ticker getTicker(CurrencyPair pair, Object... args) throws IOException {
      return AdvancedTradeJson.ticker(api.product(productId(pair)), pair);
    }
  }

  /** Balances over {@code GET /accounts}: each account's {@code available_balance}, paged. */
  private static final class Accounts implements AccountService {
    private static final int PAGE = 250;
    private static final int MAX_PAGES = 20;
    private final AdvancedTradeExchange exchange;

    Accounts(AdvancedTradeExchange exchange) {
      this.exchange = exchange;
    }

    @Override
    public AccountInfo getAccountInfo() throws IOException {
      List<Balance> balances = new ArrayList<>();
      String cursor = null;
      for (int page = 0; page < MAX_PAGES; page++) {
        JsonNode body = exchange.api().accounts(PAGE, cursor, exchange.auth());
        balances.addAll(AdvancedTradeJson.balances(body));
        cursor = AdvancedTradeJson.text(body, "cursor");
        if (!body.path("has_next").asBoolean(false) || cursor.isEmpty()) {
          return new AccountInfo(Wallet.Builder.from(balances).build());
        }
      }
      throw new IOException(
          "Coinbase lists more than " + PAGE * MAX_PAGES + " accounts; balances not read");
    }
  }

  /** {@code BTC-USD}. */
  static String productId(CurrencyPair pair) {
    return pair.getBase().getCurrencyCode() + "-" + pair.getCounter().getCurrencyCode();
  }
}
