package dev.arb.xchange.kraken;

import dev.arb.xchange.spi.HeldSubscriptions;
import dev.arb.xchange.spi.NettyBookStream;
import dev.arb.xchange.spi.VenueMarket;
import info.bitrich.xchangestream.kraken.KrakenStreamingAdapters;
import info.bitrich.xchangestream.kraken.KrakenStreamingExchange;
import info.bitrich.xchangestream.kraken.KrakenStreamingMarketDataService;
import info.bitrich.xchangestream.kraken.KrakenStreamingService;
import info.bitrich.xchangestream.kraken.dto.enums.KrakenSubscriptionName;
import io.reactivex.rxjava3.core.Observable;
import java.io.IOException;
import java.util.Locale;
import java.util.TreeSet;
import org.knowm.xchange.ExchangeFactory;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.dto.trade.LimitOrder;

/**
 * Kraken's public WebSocket API (v1) {@code book} channel through XChange's {@code
 * xchange-stream-kraken}: a snapshot, then updates applied level by level, each update checked
 * against Kraken's CRC32 checksum of the top ten levels ({@code c}). A mismatch is a {@link Gap}:
 * the book is cleared and the channel subscribed again for a new snapshot.
 *
 * <p>XChange's {@code KrakenStreamingExchange} hard-codes {@code wss://ws.kraken.com}; its {@code
 * KrakenStreamingService} takes the URI in its public constructor, so arb builds that service
 * itself with the configured {@code ws-url} (the exchange object only lends its settings).
 */
final class KrakenBookStream extends NettyBookStream {
  /** Book depth asked for; the same as the REST depth. Kraken accepts 10, 25, 100, 500, 1000. */
  static final int DEPTH = 500;

  private final Service service;
  private final KrakenStreamingMarketDataService marketData;

  KrakenBookStream(String uri) {
    this(new Service(uri));
  }

  private KrakenBookStream(Service service) {
    super(service);
    this.service = service;
    this.marketData = new KrakenStreamingMarketDataService(service, false);
  }

  @Override
  public void subscribed() throws IOException {
    service.release();
  }

  /** The module's service, its subscribe messages held until {@link #subscribed()}. */
  private static final class Service extends KrakenStreamingService {
    private final HeldSubscriptions held = new HeldSubscriptions();

    Service(String uri) {
      super(settings(), false, uri, () -> null);
    }

    @Override
    public String getSubscribeMessage(String channel, Object... args) throws IOException {
      return held.message(channel, args, super::getSubscribeMessage);
    }

    void release() throws IOException {
      held.release(super::getSubscribeMessage, this::sendMessage);
    }
  }

  /** An exchange object that only lends the service its settings (no remote metadata). */
  private static KrakenStreamingExchange settings() {
    ExchangeSpecification spec = new ExchangeSpecification(KrakenStreamingExchange.class);
    spec.setShouldLoadRemoteMetaData(false);
    return (KrakenStreamingExchange) ExchangeFactory.INSTANCE.createExchange(spec);
  }

  @Override
  public Observable<Event> book(VenueMarket market) {
    CurrencyPair pair = new CurrencyPair(wsCode(market.venueBase()), wsCode(market.venueQuote()));
    String channel = marketData.getChannelName(KrakenSubscriptionName.book, pair);
    return Observable.defer(
        () -> {
          TreeSet<LimitOrder> bids = new TreeSet<>();
          TreeSet<LimitOrder> asks = new TreeSet<>();
          return marketData
              .subscribe(channel, 4, DEPTH)
              .map(
                  node -> {
                    try {
                      org.knowm.xchange.dto.marketdata.OrderBook b =
                          KrakenStreamingAdapters.adaptOrderbookMessage(
                              DEPTH, bids, asks, pair, node);
                      return new Book(
                          b, b.getTimeStamp() == null ? null : b.getTimeStamp().toInstant());
                    } catch (IllegalStateException e) {
                      bids.clear();
                      asks.clear();
                      resubscribe(channel);
                      return (Event) new Gap(e.getMessage());
                    }
                  })
              .filter(e -> !(e instanceof Book b) || !bids.isEmpty() || !asks.isEmpty());
        });
  }

  /** Asks Kraken for a new snapshot of the channel. */
  private void resubscribe(String channel) throws IOException {
    service.sendMessage(service.getUnsubscribeMessage(channel, DEPTH));
    service.sendMessage(service.getSubscribeMessage(channel, DEPTH));
  }

  /** Kraken's WebSocket names of assets whose REST names XChange turns into common ones. */
  static String wsCode(String code) {
    return switch (code.toUpperCase(Locale.ROOT)) {
      case "BTC" -> "XBT";
      case "DOGE" -> "XDG";
      default -> code;
    };
  }
}
