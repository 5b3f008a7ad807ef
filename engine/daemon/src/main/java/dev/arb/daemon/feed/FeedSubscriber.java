package dev.arb.daemon.feed;

import dev.arb.daemon.PublisherStatus;
import dev.arb.engine.model.OrderBook;
import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code arb run --subscribe}'s receiving side: takes the books of every publisher heard on its
 * channels, in order per market. A market whose sequence jumps (a lost update), a publisher silent
 * for longer than {@code silence}, or a market first heard through an update (not a snapshot) is
 * stale: its book is left out ({@link #books()}) and the publisher is asked for a snapshot (again
 * every second while it stays stale); the snapshot makes it fresh (a resync). A publisher that
 * restarts (same name, new id) replaces the old one. The listener is called on the subscriber's
 * thread.
 */
public final class FeedSubscriber implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FeedSubscriber.class);
  private static final long ASK_AGAIN_NANOS = 1_000_000_000L;

  /** Where the subscribed books go. */
  public interface Listener {
    /**
     * A fresh book (in sequence, or from a snapshot).
     *
     * @param sentNanos the publisher's {@link System#nanoTime()} when it was sent
     * @param arrivedNanos this process's {@link System#nanoTime()} when it arrived
     */
    void book(
        OrderBook book,
        long exchangeEpochNanos,
        long receivedEpochNanos,
        long sentNanos,
        long arrivedNanos);

    /** Some books became stale (left out until resynced). */
    void stale();
  }

  /**
   * How the subscriber runs.
   *
   * @param channels the channels to take books from
   * @param name this subscriber's name (in its snapshot requests)
   * @param silence a publisher silent for longer than this is stale
   */
  public record Settings(List<String> channels, String name, Duration silence) {
    public Settings {
      channels = List.copyOf(channels);
      Objects.requireNonNull(name, "name");
      if (silence.isNegative() || silence.isZero()) {
        throw new IllegalArgumentException("silence must be positive");
      }
    }
  }

  /** One publisher as heard. */
  private static final class Pub {
    final long id;
    final String channel;
    String name;
    String requestChannel;
    int requestStream;
    Publication requests;
    long lastNanos;
    boolean silent;
    boolean ask;
    long askedAt;
    long messages;
    long gaps;
    long resyncs;
    final Map<String, Long> sequences = new LinkedHashMap<>();
    final Map<String, OrderBook> books = new LinkedHashMap<>();
    final Set<String> stale = new HashSet<>();

    Pub(long id, String channel) {
      this.id = id;
      this.channel = channel;
      this.name = "publisher " + Long.toHexString(id);
    }
  }

  private final Settings settings;
  private final Aeron aeron;
  private final Listener listener;
  private final List<Subscription> subscriptions = new ArrayList<>();
  private final Map<Long, Pub> publishers = new LinkedHashMap<>();
  private final ExpandableDirectByteBuffer out = new ExpandableDirectByteBuffer(256);
  private final Thread duty;
  private volatile boolean running = true;

  /** Subscribes to every channel and starts the duty thread. */
  public FeedSubscriber(FeedMedia media, Settings settings, Listener listener) {
    this.settings = settings;
    this.aeron = media.aeron();
    this.listener = Objects.requireNonNull(listener, "listener");
    for (String c : settings.channels()) {
      subscriptions.add(aeron.addSubscription(c, FeedChannels.DATA_STREAM));
    }
    duty = new Thread(this::loop, "arb-feed-subscriber");
    duty.setDaemon(true);
    duty.start();
  }

  /** The fresh books of every publisher, by market id (publishers in the order first heard). */
  public synchronized Map<String, OrderBook> books() {
    Map<String, OrderBook> all = new LinkedHashMap<>();
    for (Pub p : publishers.values()) {
      for (Map.Entry<String, OrderBook> e : p.books.entrySet()) {
        if (!p.stale.contains(e.getKey())) {
          all.put(e.getKey(), e.getValue());
        }
      }
    }
    return all;
  }

  /** Every publisher heard, in the order first heard. */
  public synchronized List<PublisherStatus> status() {
    long now = System.nanoTime();
    List<PublisherStatus> out = new ArrayList<>();
    for (Pub p : publishers.values()) {
      out.add(
          new PublisherStatus(
              p.name,
              p.channel,
              !p.silent && now - p.lastNanos <= settings.silence().toNanos(),
              Optional.of((now - p.lastNanos) / 1_000_000),
              p.books.size(),
              p.stale.size(),
              p.messages,
              p.gaps,
              p.resyncs));
    }
    return out;
  }

  private void loop() {
    IdleStrategy idle = new BackoffIdleStrategy(1, 10, 10_000, 1_000_000);
    List<FragmentHandler> handlers = new ArrayList<>();
    for (String c : settings.channels()) {
      handlers.add(new FragmentAssembler((b, o, l, h) -> onMessage(c, b, o)));
    }
    long nextCheck = System.nanoTime();
    while (running) {
      try {
        int work = 0;
        for (int i = 0; i < subscriptions.size(); i++) {
          work += subscriptions.get(i).poll(handlers.get(i), 64);
        }
        if (System.nanoTime() - nextCheck >= 0) {
          work += check(System.nanoTime());
          nextCheck = System.nanoTime() + 10_000_000L;
        }
        idle.idle(work);
      } catch (RuntimeException e) {
        if (running) {
          LOG.warn("feed subscriber: {}", e.getMessage(), e);
        }
      }
    }
  }

  private synchronized void onMessage(String channel, DirectBuffer b, int offset) {
    short type = BookCodec.type(b, offset);
    long id = BookCodec.publisher(b, offset);
    Pub p = publishers.get(id);
    if (p == null) {
      p = new Pub(id, channel);
      publishers.put(id, p);
      LOG.debug("new publisher {} on {}", Long.toHexString(id), channel);
    }
    p.lastNanos = System.nanoTime();
    p.messages++;
    p.silent = false;
    if (type == BookCodec.HEARTBEAT) {
      heartbeat(p, BookCodec.decodeHeartbeat(b, offset));
    } else if (type == BookCodec.BOOK || type == BookCodec.SNAPSHOT) {
      book(p, BookCodec.decodeBook(b, offset));
    }
  }

  private void heartbeat(Pub p, BookCodec.Heartbeat h) {
    if (p.requestChannel == null) {
      p.requestChannel = h.requestChannel();
      p.requestStream = h.requestStream();
      p.name = h.name();
      // the same publisher restarted (a new id): the old one's books are gone
      Pub old = null;
      for (Pub q : publishers.values()) {
        if (q != p && q.name.equals(h.name())) {
          old = q;
        }
      }
      if (old != null) {
        publishers.remove(old.id);
        if (old.requests != null) {
          old.requests.close();
        }
        p.gaps += old.gaps;
        p.resyncs += old.resyncs;
        p.messages += old.messages;
        if (!old.stale.isEmpty()) {
          p.resyncs++; // its books come fresh from the restarted publisher
        }
        if (!old.books.isEmpty()) {
          listener.stale();
        }
        // a restarted publisher's books come as its snapshot: make sure one comes
        p.ask = true;
      }
    }
    boolean changed = false;
    for (Map.Entry<String, Long> e : h.sequences().entrySet()) {
      Long had = p.sequences.get(e.getKey());
      if (had != null && e.getValue() > had && !p.stale.contains(e.getKey())) {
        p.gaps++; // the market's last update was lost
        p.stale.add(e.getKey());
        p.ask = true;
        changed = true;
      }
    }
    if (changed) {
      listener.stale();
    }
  }

  private void book(Pub p, BookCodec.BookMessage m) {
    long arrived = System.nanoTime();
    String market = m.book().market().id();
    Long had = p.sequences.get(market);
    if (m.snapshot()) {
      if (had != null && m.sequence() < had) {
        return; // older than what we have
      }
      p.sequences.put(market, m.sequence());
      p.books.put(market, m.book());
      if (p.stale.remove(market) && p.stale.isEmpty()) {
        p.resyncs++;
      }
      deliver(m, arrived);
      return;
    }
    if (had == null) {
      p.sequences.put(market, m.sequence());
      p.books.put(market, m.book());
      p.stale.add(market); // first heard through an update: wait for a snapshot
      p.ask = true;
      return;
    }
    if (m.sequence() <= had) {
      return; // a duplicate or older one
    }
    boolean gap = m.sequence() != had + 1;
    p.sequences.put(market, m.sequence());
    p.books.put(market, m.book());
    if (p.stale.contains(market)) {
      return; // stays stale until its snapshot
    }
    if (gap) {
      p.gaps++;
      p.stale.add(market);
      p.ask = true;
      listener.stale();
      return;
    }
    deliver(m, arrived);
  }

  private void deliver(BookCodec.BookMessage m, long arrived) {
    listener.book(m.book(), m.exchangeEpochNanos(), m.receivedEpochNanos(), m.sentNanos(), arrived);
  }

  /** Silence and snapshot requests; returns the work done. */
  private synchronized int check(long now) {
    int work = 0;
    for (Pub p : publishers.values()) {
      if (!p.silent && now - p.lastNanos > settings.silence().toNanos()) {
        p.silent = true;
        boolean changed = p.stale.addAll(p.books.keySet());
        p.ask = true;
        LOG.debug("publisher {} silent", p.name);
        if (changed) {
          listener.stale();
        }
      }
      if (!p.stale.isEmpty() && !p.ask && now - p.askedAt > ASK_AGAIN_NANOS) {
        p.ask = true;
      }
      if (p.ask && p.requestChannel != null) {
        if (p.requests == null) {
          p.requests = aeron.addPublication(p.requestChannel, p.requestStream);
        }
        int length = BookCodec.encodeRequest(out, 0, p.id, settings.name());
        if (p.requests.offer(out, 0, length) > 0) {
          p.ask = false;
          p.askedAt = now;
          work++;
        }
      }
    }
    return work;
  }

  @Override
  public void close() {
    running = false;
    try {
      duty.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      for (Pub p : publishers.values()) {
        if (p.requests != null) {
          p.requests.close();
        }
      }
    }
    subscriptions.forEach(Subscription::close);
  }
}
