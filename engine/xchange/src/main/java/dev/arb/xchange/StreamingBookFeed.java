package dev.arb.xchange;

import dev.arb.engine.port.VenueHealth;
import dev.arb.engine.resilience.Backoff;
import dev.arb.xchange.spi.BookStream;
import dev.arb.xchange.spi.VenueMarket;
import dev.arb.xchange.spi.XChangeFaults;
import io.reactivex.rxjava3.disposables.CompositeDisposable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest full book of each market of one exchange, kept from the exchange's WebSocket stream:
 * the snapshot, then every update applied by the exchange's {@link BookStream}, each book with the
 * exchange's time and the local time it arrived. A market whose stream showed a gap has no book
 * until its new snapshot arrives; a dropped or failed connection clears every book and is opened
 * again after a backoff (1 s doubling up to 30 s, back to 1 s once a book arrives). Whenever a
 * market has no book here its exchange polls it over REST instead (see {@code XChangeVenue}).
 *
 * <p>Thread-safe: books arrive on the stream's threads, connections are opened on the feed's own
 * thread, and readers may be anywhere.
 */
final class StreamingBookFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamingBookFeed.class);

  /** First reconnect delay. */
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

  /** Longest reconnect delay. */
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /** Reconnect delays: {@link #FIRST_BACKOFF} doubling up to {@link #MAX_BACKOFF}. */
  private static final Backoff RECONNECT = new Backoff(FIRST_BACKOFF, MAX_BACKOFF, false);

  /** How long a connection attempt may take. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /**
   * A market's latest streamed book.
   *
   * @param raw the book as XChange holds it
   * @param exchangeTime the exchange's time of the last message, or null when it gave none
   * @param receivedAt when that message arrived
   */
  record Latest(
      org.knowm.xchange.dto.marketdata.OrderBook raw, Instant exchangeTime, Instant receivedAt) {}

  private final String exchange;
  private final String url;
  private final Supplier<BookStream> connections;
  private final List<VenueMarket> markets;
  private final Clock clock;
  private final ScheduledExecutorService timer;
  private final Pushed pushed;
  private final Map<String, Latest> books = new ConcurrentHashMap<>();
  private final AtomicLong reconnects = new AtomicLong();
  private final AtomicLong gaps = new AtomicLong();

  private CompositeDisposable subscriptions = new CompositeDisposable();
  private BookStream current;
  private int failuresInRow;
  private boolean closed;
  private volatile boolean connected;
  private volatile String lastError;
  private volatile Instant lastMessageAt;

  /** Where each new book goes the moment it arrived, on the stream's thread. */
  @FunctionalInterface
  interface Pushed {
    /** {@code market}'s new book, received at {@code receivedNanos} ({@link System#nanoTime()}). */
    void book(VenueMarket market, Latest book, long receivedNanos);
  }

  /** {@link #StreamingBookFeed(String, String, Supplier, List, Clock, Pushed)} pushing nowhere. */
  StreamingBookFeed(
      String exchange,
      String url,
      Supplier<BookStream> connections,
      List<VenueMarket> markets,
      Clock clock) {
    this(exchange, url, connections, markets, clock, (m, b, n) -> {});
  }

  /**
   * @param exchange exchange name, for messages
   * @param url the WebSocket URL, for messages
   * @param connections opens a new, unconnected stream each time it is called
   * @param markets the markets to follow
   * @param clock receive times
   * @param pushed where each new book goes as it arrives
   */
  StreamingBookFeed(
      String exchange,
      String url,
      Supplier<BookStream> connections,
      List<VenueMarket> markets,
      Clock clock,
      Pushed pushed) {
    this.pushed = pushed;
    this.exchange = exchange;
    this.url = url;
    this.connections = connections;
    this.markets = List.copyOf(markets);
    this.clock = clock;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "arb-stream-" + exchange);
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts connecting in the background; books appear as the stream gives them. */
  void start() {
    timer.execute(this::connect);
  }

  /** The market's latest streamed book, empty while there is none (not yet, gap, or drop). */
  Optional<Latest> latest(String marketId) {
    return Optional.ofNullable(books.get(marketId));
  }

  /** Whether the WebSocket connection is open. */
  boolean connected() {
    return connected;
  }

  /** Connections opened again after a drop or a failed attempt, so far. */
  long reconnects() {
    return reconnects.get();
  }

  /**
   * Gaps detected (checksum mismatches, sequence gaps) so far; each made its market resynchronise.
   */
  long gaps() {
    return gaps.get();
  }

  /** When the latest book message (a book or a gap) arrived, or empty if none yet. */
  Optional<Instant> lastMessageAt() {
    return Optional.ofNullable(lastMessageAt);
  }

  /** The stream's counters, for health output. */
  VenueHealth.Stream health() {
    return new VenueHealth.Stream(connected, reconnects.get(), gaps.get(), lastMessageAt());
  }

  /** The latest stream failure, for status output, or empty. */
  Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  private void connect() {
    synchronized (this) {
      if (closed) {
        return;
      }
    }
    BookStream s = null;
    try {
      s = connections.get();
      if (!s.connect().blockingAwait(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        failed(s, "no WebSocket handshake within " + CONNECT_TIMEOUT.toSeconds() + "s");
        return;
      }
    } catch (RuntimeException e) {
      failed(s, XChangeFaults.of(e).message());
      return;
    }
    BookStream opened = s;
    synchronized (this) {
      if (closed) {
        opened.disconnect().onErrorComplete().subscribe();
        return;
      }
      current = opened;
      CompositeDisposable subs = new CompositeDisposable();
      subscriptions = subs;
      subs.add(
          opened
              .drops()
              .subscribe(x -> later(() -> dropped(opened, "connection closed")), e -> {}));
      for (VenueMarket vm : markets) {
        String id = vm.market().id();
        subs.add(
            opened
                .book(vm)
                .subscribe(
                    ev -> on(opened, vm, ev),
                    e ->
                        later(
                            () ->
                                dropped(
                                    opened,
                                    id + ": stream failed: " + XChangeFaults.of(e).message()))));
      }
      try {
        opened.subscribed();
      } catch (java.io.IOException | RuntimeException e) {
        later(() -> dropped(opened, "cannot subscribe: " + XChangeFaults.of(e).message()));
      }
      // once every market is subscribed: whoever sees it may send (or expect) data
      connected = true;
    }
    LOG.info("{}: streaming {} markets from {}", exchange, markets.size(), url);
  }

  /** Runs {@code r} on the feed's thread, unless the feed is closed. */
  private void later(Runnable r) {
    try {
      timer.execute(r);
    } catch (RejectedExecutionException e) {
      LOG.debug("{}: stream event after close: {}", exchange, e.toString());
    }
  }

  private void on(BookStream s, VenueMarket vm, BookStream.Event ev) {
    long receivedNanos = System.nanoTime();
    String marketId = vm.market().id();
    Latest pushing = null;
    synchronized (this) {
      if (s != current) {
        return;
      }
      lastMessageAt = clock.instant();
      if (ev instanceof BookStream.Book b) {
        pushing = new Latest(b.raw(), b.exchangeTime(), clock.instant());
        books.put(marketId, pushing);
        failuresInRow = 0;
      } else if (ev instanceof BookStream.Gap g) {
        books.remove(marketId);
        gaps.incrementAndGet();
        lastError =
            marketId + ": " + g.reason() + "; resynchronising (REST until the new snapshot)";
        LOG.info("{}: {}", exchange, lastError);
      }
    }
    if (pushing != null) {
      // outside the lock, on the stream's thread: the next message of this market waits for it
      pushed.book(vm, pushing, receivedNanos);
    }
  }

  private void dropped(BookStream s, String why) {
    synchronized (this) {
      if (s != current) {
        return;
      }
      current = null;
      connected = false;
      books.clear();
      subscriptions.dispose();
      lastError = "stream " + url + ": " + why;
    }
    LOG.info("{}: {}; polling REST until it is back", exchange, lastError);
    s.disconnect().onErrorComplete().subscribe();
    scheduleReconnect();
  }

  private void failed(BookStream s, String why) {
    synchronized (this) {
      lastError = "stream " + url + ": cannot connect: " + why;
    }
    LOG.info("{}: {}; polling REST", exchange, lastError);
    if (s != null) {
      s.disconnect().onErrorComplete().subscribe();
    }
    scheduleReconnect();
  }

  private void scheduleReconnect() {
    long delay;
    synchronized (this) {
      if (closed) {
        return;
      }
      failuresInRow++;
      delay = RECONNECT.delay(failuresInRow).toMillis();
    }
    reconnects.incrementAndGet();
    try {
      timer.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("{}: no reconnect after close", exchange);
    }
  }

  @Override
  public void close() {
    BookStream s;
    synchronized (this) {
      closed = true;
      s = current;
      current = null;
      connected = false;
      subscriptions.dispose();
      books.clear();
    }
    timer.shutdownNow();
    if (s != null) {
      s.disconnect().onErrorComplete().subscribe();
    }
  }
}
