package dev.arb.daemon.feed;

import dev.arb.daemon.ExchangeStatus;
import dev.arb.daemon.PublisherStatus;
import dev.arb.daemon.SnapshotFeed;
import dev.arb.daemon.stream.EventRing;
import dev.arb.daemon.stream.EventSink;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code arb run --subscribe}: the books of subscribed publishers go into the daemon's event ring
 * as streamed books, next to those of its own feed (if any). Every snapshot the daemon decides
 * holds both: the own feed's polled books and the subscribed fresh ones; without an own feed, a
 * snapshot of the subscribed books every {@code interval}. When subscribed books become stale (a
 * gap, a silent publisher), a snapshot without them is put into the ring at once, so the runner
 * drops them; they come back with the publisher's snapshot.
 */
public final class SubscribedFeed implements SnapshotFeed {
  private static final Duration FIRST_WAIT = Duration.ofSeconds(5);

  private final Optional<SnapshotFeed> base;
  private final FeedMedia media;
  private final FeedSubscriber subscriber;
  private final List<String> channels;
  private final Duration interval;
  private final Clock clock;
  private volatile EventSink sink;
  private volatile MarketSnapshot lastBase;
  private long lastNanos;
  private boolean first = true;

  /**
   * Subscribes at once (books wait in the subscriber until {@link #stream} is called).
   *
   * @param base the daemon's own feed, or none
   * @param interval without an own feed: time between two snapshots of the subscribed books
   */
  public SubscribedFeed(
      Optional<SnapshotFeed> base,
      FeedMedia media,
      FeedSubscriber.Settings settings,
      Duration interval,
      Clock clock) {
    this.base = base;
    this.media = media;
    this.channels = settings.channels();
    this.interval = interval;
    this.clock = clock;
    this.subscriber = new FeedSubscriber(media, settings, new ToSink());
  }

  private final class ToSink implements FeedSubscriber.Listener {
    @Override
    public void book(
        OrderBook book,
        long exchangeEpochNanos,
        long receivedEpochNanos,
        long sentNanos,
        long arrivedNanos) {
      EventSink s = sink;
      if (s != null) {
        s.book(book, arrivedNanos, receivedEpochNanos, exchangeEpochNanos);
      }
    }

    @Override
    public void stale() {
      EventSink s = sink;
      if (s != null) {
        s.snapshot(
            merged(), "subscribed books (stale ones left out)", false, System.nanoTime(), now());
      }
    }
  }

  private long now() {
    return EventRing.epochNanos(clock.instant());
  }

  /** The own feed's last snapshot with the fresh subscribed books (the newer book per market). */
  MarketSnapshot merged() {
    Map<String, OrderBook> books = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    MarketSnapshot own = lastBase;
    if (own != null) {
      own.books().forEach(b -> books.put(b.market().id(), b));
      problems.addAll(own.problems());
    }
    for (OrderBook b : subscriber.books().values()) {
      OrderBook had = books.get(b.market().id());
      if (had == null || !had.observedAt().isAfter(b.observedAt())) {
        books.put(b.market().id(), b);
      }
    }
    return new MarketSnapshot(new ArrayList<>(books.values()), problems, describe());
  }

  @Override
  public String describe() {
    String subscribed = "subscribed to " + String.join(", ", channels);
    return base.map(b -> b.describe() + "; " + subscribed).orElse(subscribed);
  }

  @Override
  public synchronized Duration untilNext() {
    if (base.isPresent()) {
      return base.get().untilNext();
    }
    if (first) {
      return Duration.ZERO;
    }
    long left = interval.toNanos() - (System.nanoTime() - lastNanos);
    return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
  }

  @Override
  public Optional<Update> next() {
    if (base.isPresent()) {
      Optional<Update> u = base.get().next();
      if (u.isPresent() && u.get() instanceof Snapshot s) {
        lastBase = s.snapshot();
        return Optional.of(new Snapshot(merged(), s.origin(), s.delay()));
      }
      return u;
    }
    boolean wasFirst;
    synchronized (this) {
      wasFirst = first;
      first = false;
      lastNanos = System.nanoTime();
    }
    if (wasFirst) {
      // the first snapshot: wait (boundedly) for the publishers' snapshots
      long until = System.nanoTime() + FIRST_WAIT.toNanos();
      while (subscriber.books().isEmpty() && System.nanoTime() - until < 0) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    return Optional.of(new Snapshot(merged(), "subscribed", Duration.ZERO));
  }

  @Override
  public List<ExchangeStatus> exchanges() {
    return base.map(SnapshotFeed::exchanges).orElse(List.of());
  }

  @Override
  public List<PublisherStatus> publishers() {
    return subscriber.status();
  }

  /** The fresh subscribed books, by market id. */
  public Map<String, OrderBook> books() {
    return subscriber.books();
  }

  @Override
  public void profitable(Collection<String> marketIds) {
    base.ifPresent(b -> b.profitable(marketIds));
  }

  @Override
  public void stream(EventSink sink) {
    base.ifPresent(b -> b.stream(sink));
    this.sink = sink;
  }

  @Override
  public void close() {
    subscriber.close();
    base.ifPresent(SnapshotFeed::close);
    media.close();
  }
}
