package dev.arb.xchange.bitstamp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.xchange.spi.HeldSubscriptions;
import dev.arb.xchange.spi.NettyBookStream;
import dev.arb.xchange.spi.VenueMarket;
import info.bitrich.xchangestream.bitstamp.v2.BitstampStreamingService;
import info.bitrich.xchangestream.service.netty.StreamingObjectMapperHelper;
import io.reactivex.rxjava3.core.Observable;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import org.knowm.xchange.bitstamp.BitstampAdapters;
import org.knowm.xchange.bitstamp.dto.marketdata.BitstampOrderBook;
import org.knowm.xchange.currency.CurrencyPair;

/**
 * Bitstamp's WebSocket API v2 {@code order_book_<pair>} channel through XChange's {@code
 * xchange-stream-bitstamp}: every message is the full top-100 book, so there is nothing to apply
 * and no gap to detect (Bitstamp sends no sequence numbers); a message older than the last one is
 * ignored. The exchange time is the message's {@code microtimestamp}; levels are sorted best first,
 * as a REST book is.
 *
 * <p>XChange's {@code BitstampStreamingExchange} hard-codes {@code wss://ws.bitstamp.net}; its
 * {@code BitstampStreamingService} takes the URI in its public constructor. arb subscribes through
 * that service directly: the module's own {@code getOrderBook} subscribes under the id {@code
 * order_book_<pair>_data} with stream-service-netty 5.2.1, which never matches the channel name
 * Bitstamp's messages carry, so it would receive nothing.
 */
final class BitstampBookStream extends NettyBookStream {
  private final Service service;

  BitstampBookStream(String uri) {
    this(new Service(uri));
  }

  private BitstampBookStream(Service service) {
    super(service);
    this.service = service;
  }

  @Override
  public void subscribed() throws IOException {
    service.release();
  }

  /** The module's service, its subscribe messages held until {@link #subscribed()}. */
  private static final class Service extends BitstampStreamingService {
    private final HeldSubscriptions held = new HeldSubscriptions();

    Service(String uri) {
      super(uri);
    }

    @Override
    public String getSubscribeMessage(String channel, Object... args) throws IOException {
      return held.message(channel, args, super::getSubscribeMessage);
    }

    void release() throws IOException {
      held.release(super::getSubscribeMessage, this::sendMessage);
    }
  }

  @Override
  public Observable<Event> book(VenueMarket market) {
    CurrencyPair pair = new CurrencyPair(market.venueBase(), market.venueQuote());
    String channel =
        "order_book_" + (market.venueBase() + market.venueQuote()).toLowerCase(Locale.ROOT);
    return Observable.defer(
        () -> {
          long[] last = {Long.MIN_VALUE};
          return service
              .subscribeChannel(channel)
              .filter(m -> "data".equals(m.path("event").asText()) && m.has("data"))
              .map(
                  m -> {
                    JsonNode data = m.get("data");
                    BitstampOrderBook ob =
                        StreamingObjectMapperHelper.getObjectMapper()
                            .treeToValue(data, BitstampOrderBook.class);
                    Instant at = microTime(data);
                    org.knowm.xchange.dto.marketdata.OrderBook b =
                        BitstampAdapters.adaptOrderBook(ob, pair);
                    // sorted like a REST book (distinct price levels: sorting changes nothing else)
                    return new Book(
                        new org.knowm.xchange.dto.marketdata.OrderBook(
                            b.getTimeStamp(), b.getAsks(), b.getBids(), true),
                        at);
                  })
              .filter(
                  b -> {
                    long t = b.exchangeTime() == null ? Long.MIN_VALUE : micros(b.exchangeTime());
                    if (t < last[0]) {
                      return false;
                    }
                    last[0] = t;
                    return true;
                  })
              .map(b -> (Event) b);
        });
  }

  /** {@code microtimestamp} (µs since the epoch), else {@code timestamp} (s), else null. */
  static Instant microTime(JsonNode data) {
    JsonNode micro = data.get("microtimestamp");
    if (micro != null && micro.asText().matches("\\d{1,19}")) {
      long us = Long.parseLong(micro.asText());
      return Instant.ofEpochSecond(us / 1_000_000, (us % 1_000_000) * 1_000);
    }
    JsonNode s = data.get("timestamp");
    if (s != null && s.asText().matches("\\d{1,12}")) {
      return Instant.ofEpochSecond(Long.parseLong(s.asText()));
    }
    return null;
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
  }
}
