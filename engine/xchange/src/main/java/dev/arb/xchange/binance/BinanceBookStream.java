package dev.arb.xchange.binance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.xchange.spi.NettyBookStream;
import dev.arb.xchange.spi.VenueMarket;
import info.bitrich.xchangestream.binance.BinanceStreamingService;
import info.bitrich.xchangestream.binance.KlineSubscription;
import info.bitrich.xchangestream.binance.dto.DepthBinanceWebSocketTransaction;
import info.bitrich.xchangestream.core.ProductSubscription;
import info.bitrich.xchangestream.service.netty.StreamingObjectMapperHelper;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.knowm.xchange.binance.dto.marketdata.BinanceOrderbook;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.dto.Order;
import org.knowm.xchange.dto.trade.LimitOrder;

/**
 * Binance's diff-depth stream ({@code <symbol>@depth}, on the combined stream {@code
 * /stream?streams=...}) through XChange's {@code xchange-stream-binance} service, kept exactly as
 * Binance documents a local book must be kept:
 *
 * <ol>
 *   <li>events are buffered (on the market's own thread) while a REST depth snapshot is fetched;
 *   <li>events whose last update id {@code u} is at or below the snapshot's {@code lastUpdateId}
 *       are dropped;
 *   <li>the first event applied must have {@code U <= lastUpdateId + 1 <= u} (an event starting
 *       after that means the snapshot is older than the stream: the market stays without a book and
 *       the next event fetches a new snapshot);
 *   <li>every later event must start at the previous {@code u + 1}; otherwise updates were missed:
 *       a {@link Gap}, and the book is rebuilt from a new REST snapshot;
 *   <li>a quantity of 0 removes the price level.
 * </ol>
 *
 * The snapshot is {@value #SNAPSHOT_DEPTH} levels deep; the book given is its best {@value
 * #BOOK_DEPTH} levels a side (the same depth as the REST book), where levels beyond the snapshot's
 * depth cannot hide. The exchange time is the event's {@code E}.
 */
final class BinanceBookStream extends NettyBookStream {
  /** Levels a side asked of the REST snapshot. */
  static final int SNAPSHOT_DEPTH = 1000;

  /** Levels a side of the book given. */
  static final int BOOK_DEPTH = BinanceAdapter.DEPTH;

  /** The REST depth snapshot of one market ({@code GET /api/v3/depth}). */
  @FunctionalInterface
  interface Snapshots {
    BinanceOrderbook get(CurrencyPair pair) throws IOException;
  }

  private final BinanceStreamingService service;
  private final Snapshots snapshots;

  /**
   * @param url the stream base URL, such as {@code wss://stream.binance.com:9443}
   * @param markets every market of the connection (named in the URL)
   * @param snapshots REST depth snapshots
   */
  BinanceBookStream(String url, List<VenueMarket> markets, Snapshots snapshots) {
    this(service(url, markets), snapshots);
  }

  private BinanceBookStream(BinanceStreamingService service, Snapshots snapshots) {
    super(service);
    this.service = service;
    this.snapshots = snapshots;
  }

  /** The service on the combined stream of every market's diff-depth stream. */
  private static BinanceStreamingService service(String url, List<VenueMarket> markets) {
    ProductSubscription.ProductSubscriptionBuilder products = ProductSubscription.create();
    List<String> streams = new ArrayList<>();
    for (VenueMarket m : markets) {
      products.addOrderbook(pair(m));
      streams.add(channel(m));
    }
    String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    return new BinanceStreamingService(
        base + "/stream?streams=" + String.join("/", streams),
        products.build(),
        new KlineSubscription(Map.of()));
  }

  /** The combined-stream name of the market's diff-depth stream, e.g. {@code ethbtc@depth}. */
  static String channel(VenueMarket m) {
    return (m.venueBase() + m.venueQuote()).toLowerCase(Locale.ROOT) + "@depth";
  }

  @Override
  public Observable<Event> book(VenueMarket market) {
    CurrencyPair pair = pair(market);
    return Observable.defer(
        () -> {
          LocalBook local = new LocalBook(pair);
          return service
              .subscribeChannel(channel(market))
              .filter(m -> m.has("data"))
              // one thread per market, in order: events queue here while a snapshot is fetched
              .observeOn(Schedulers.io())
              .concatMapIterable(m -> local.on(m.get("data")));
        });
  }

  /** One market's book and the last update id applied to it. */
  private final class LocalBook {
    private final CurrencyPair pair;
    private final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Collections.reverseOrder());
    private final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();

    /** Last update id in the book; -1 while there is no book. */
    private long last = -1;

    /** Whether an event was applied since the snapshot. */
    private boolean applied;

    LocalBook(CurrencyPair pair) {
      this.pair = pair;
    }

    List<Event> on(JsonNode data) throws IOException {
      DepthBinanceWebSocketTransaction ev =
          StreamingObjectMapperHelper.getObjectMapper()
              .treeToValue(data, DepthBinanceWebSocketTransaction.class);
      Instant at = data.has("E") ? Instant.ofEpochMilli(data.get("E").asLong()) : null;
      List<Event> out = new ArrayList<>(2);
      if (last >= 0
          && ev.getLastUpdateId() > last
          && ev.getFirstUpdateId() != last + 1
          && (applied || ev.getFirstUpdateId() > last + 1)) {
        out.add(
            new Gap(
                "depth update "
                    + ev.getFirstUpdateId()
                    + ".."
                    + ev.getLastUpdateId()
                    + " does not follow update "
                    + last
                    + ": updates were missed; new REST snapshot"));
        clear();
      }
      if (last < 0) {
        BinanceOrderbook s = snapshots.get(pair);
        if (ev.getFirstUpdateId() > s.lastUpdateId + 1) {
          // the snapshot is older than the stream: wait for the next event and ask again
          return out;
        }
        bids.putAll(s.bids);
        asks.putAll(s.asks);
        last = s.lastUpdateId;
        applied = false;
      }
      if (ev.getLastUpdateId() <= last) {
        // already in the book (an event from before the snapshot)
        if (!applied) {
          out.add(book(null));
        }
        return out;
      }
      apply(bids, ev.getOrderBook().bids);
      apply(asks, ev.getOrderBook().asks);
      last = ev.getLastUpdateId();
      applied = true;
      out.add(book(at));
      return out;
    }

    private void clear() {
      bids.clear();
      asks.clear();
      last = -1;
      applied = false;
    }

    private static void apply(
        TreeMap<BigDecimal, BigDecimal> side, SortedMap<BigDecimal, BigDecimal> changes) {
      changes.forEach(
          (price, qty) -> {
            if (qty.signum() == 0) {
              side.remove(price);
            } else {
              side.put(price, qty);
            }
          });
    }

    private Book book(Instant at) {
      return new Book(
          new org.knowm.xchange.dto.marketdata.OrderBook(
              at == null ? null : java.util.Date.from(at),
              levels(asks, Order.OrderType.ASK),
              levels(bids, Order.OrderType.BID),
              false),
          at);
    }

    private List<LimitOrder> levels(TreeMap<BigDecimal, BigDecimal> side, Order.OrderType type) {
      List<LimitOrder> out = new ArrayList<>(Math.min(side.size(), BOOK_DEPTH));
      for (Map.Entry<BigDecimal, BigDecimal> e : side.entrySet()) {
        if (out.size() == BOOK_DEPTH) {
          break;
        }
        out.add(new LimitOrder(type, e.getValue(), pair, null, null, e.getKey()));
      }
      return out;
    }
  }

  private static CurrencyPair pair(VenueMarket m) {
    return m.pair();
  }
}
