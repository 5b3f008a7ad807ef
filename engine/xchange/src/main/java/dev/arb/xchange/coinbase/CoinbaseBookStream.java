package dev.arb.xchange.coinbase;

import dev.arb.xchange.spi.NettyBookStream;
import dev.arb.xchange.spi.VenueMarket;
import info.bitrich.xchangestream.coinbasepro.CoinbaseProStreamingService;
import info.bitrich.xchangestream.coinbasepro.dto.CoinbaseProOrderBookMode;
import info.bitrich.xchangestream.coinbasepro.dto.CoinbaseProWebSocketTransaction;
import info.bitrich.xchangestream.core.ProductSubscription;
import io.reactivex.rxjava3.core.Observable;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.dto.trade.LimitOrder;

/**
 * Coinbase Exchange's public WebSocket feed, {@code level2} channel, through XChange's {@code
 * xchange-stream-coinbasepro}: a {@code snapshot} of the whole book, then {@code l2update} messages
 * whose {@code changes} ({@code [side, price, size]}, size 0 removes the level) are applied one by
 * one to exact decimal books. The level-2 channel carries no sequence numbers, so a missed update
 * is seen only by its effect: an {@code l2update} that leaves the book crossed (best bid at or
 * above best ask) is a {@link Gap}. The book is then dropped (REST meanwhile) and the channel
 * subscribed again, which makes Coinbase send a new snapshot; updates until then are ignored.
 *
 * <p>One subscription message covers every market of the connection (Coinbase's channel carries all
 * subscribed products), so the stream is built with its markets and sends it once every market's
 * subscriber is in place (see {@link Service}). The URI is the configured {@code ws-url}: the
 * module takes it in the service's public constructor.
 */
final class CoinbaseBookStream extends NettyBookStream {
  private final Service service;

  CoinbaseBookStream(String uri, List<VenueMarket> markets) {
    this(new Service(uri), markets);
  }

  private CoinbaseBookStream(Service service, List<VenueMarket> markets) {
    super(service);
    this.service = service;
    ProductSubscription.ProductSubscriptionBuilder products = ProductSubscription.create();
    markets.forEach(m -> products.addOrderbook(pair(m)));
    service.subscribeMultipleCurrencyPairs(products.build());
  }

  @Override
  public Observable<Event> book(VenueMarket market) {
    CurrencyPair pair = pair(market);
    return Observable.defer(
        () -> {
          TreeMap<BigDecimal, LimitOrder> bids = new TreeMap<>(Collections.reverseOrder());
          TreeMap<BigDecimal, LimitOrder> asks = new TreeMap<>();
          boolean[] haveSnapshot = {false};
          return service
              .getRawWebSocketTransactions(pair, false)
              .filter(t -> "snapshot".equals(t.getType()) || "l2update".equals(t.getType()))
              .concatMap(
                  t -> {
                    boolean snapshot = "snapshot".equals(t.getType());
                    if (snapshot) {
                      bids.clear();
                      asks.clear();
                      haveSnapshot[0] = true;
                    } else if (!haveSnapshot[0]) {
                      return Observable.<Event>empty();
                    }
                    org.knowm.xchange.dto.marketdata.OrderBook b =
                        t.toOrderBook(bids, asks, 0, pair);
                    if (!snapshot && crossed(bids, asks)) {
                      String reason =
                          "level2 update left the book crossed (bid "
                              + bids.firstKey().toPlainString()
                              + " >= ask "
                              + asks.firstKey().toPlainString()
                              + "): an update was missed";
                      bids.clear();
                      asks.clear();
                      haveSnapshot[0] = false;
                      resubscribe();
                      return Observable.<Event>just(new Gap(reason));
                    }
                    if (bids.isEmpty() && asks.isEmpty()) {
                      return Observable.<Event>empty();
                    }
                    // an l2update changing one side only gives XChange nothing for the other
                    org.knowm.xchange.dto.marketdata.OrderBook full =
                        new org.knowm.xchange.dto.marketdata.OrderBook(
                            b.getTimeStamp(),
                            List.copyOf(asks.values()),
                            List.copyOf(bids.values()),
                            false);
                    return Observable.<Event>just(new Book(full, time(t).orElse(null)));
                  });
        });
  }

  private static boolean crossed(
      TreeMap<BigDecimal, LimitOrder> bids, TreeMap<BigDecimal, LimitOrder> asks) {
    return !bids.isEmpty() && !asks.isEmpty() && bids.firstKey().compareTo(asks.firstKey()) >= 0;
  }

  @Override
  public void subscribed() throws IOException {
    service.sendMessage(service.subscription());
  }

  /** Asks Coinbase for a new snapshot: unsubscribe the channels, then subscribe them again. */
  private void resubscribe() throws IOException {
    service.sendMessage(service.getUnsubscribeMessage("level2"));
    service.sendMessage(service.subscription());
  }

  /**
   * The module's service, except that subscribing to its shared channel sends nothing: the module
   * sends the subscription before it registers the channel's subscriber, so an answer arriving at
   * once (the snapshot) could find none and be lost. arb sends it in {@link #subscribed()}.
   */
  private static final class Service extends CoinbaseProStreamingService {
    Service(String uri) {
      super(uri, () -> null, CoinbaseProOrderBookMode.Default);
    }

    @Override
    public String getSubscribeMessage(String channelName, Object... args) {
      return null;
    }

    /** The subscribe message for every market's {@code level2} channel. */
    String subscription() throws IOException {
      return super.getSubscribeMessage("level2");
    }
  }

  /** The message's {@code time} (ISO-8601, microseconds kept), or empty when it has none. */
  static Optional<Instant> time(CoinbaseProWebSocketTransaction t) {
    if (t.getTime() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(t.getTime()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static CurrencyPair pair(VenueMarket m) {
    return m.pair();
  }
}
