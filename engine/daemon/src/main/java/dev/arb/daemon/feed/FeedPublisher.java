package dev.arb.daemon.feed;

import dev.arb.daemon.stream.EventSink;
import dev.arb.daemon.stream.MarketEvent;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Pool;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code arb feed}'s publishing side: every book it is given (as an {@link EventSink}: streamed
 * books, and each book of a polled snapshot) goes out on the data stream with the market's next
 * sequence number; the first book of a market, and every market's current book when a subscriber
 * asks (request stream) or a subscriber connects, go out as snapshot messages with the market's
 * current sequence. A heartbeat (name, request channel, every market's last sequence) every {@code
 * heartbeat}. A book that cannot be sent (no subscriber, back pressure for longer than about a
 * millisecond) still uses up its sequence number: the subscriber sees the gap and asks for a
 * snapshot.
 */
public final class FeedPublisher implements EventSink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FeedPublisher.class);
  private static final int OFFER_TRIES = 10_000;

  /**
   * How a publisher is run.
   *
   * @param channel the data channel
   * @param requests where snapshot requests are taken
   * @param name shown by subscribers
   * @param heartbeat time between two heartbeats
   */
  public record Settings(String channel, String requests, String name, Duration heartbeat) {
    public Settings {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(requests, "requests");
      Objects.requireNonNull(name, "name");
      if (heartbeat.isNegative() || heartbeat.isZero()) {
        throw new IllegalArgumentException("heartbeat must be positive");
      }
    }
  }

  /** What was sent so far. */
  public record Counts(long books, long snapshots, long unsent, long requests) {}

  private final Settings settings;
  private final long id;
  private final Publication data;
  private final Subscription requests;
  private final ExpandableDirectByteBuffer buffer = new ExpandableDirectByteBuffer(64 * 1024);
  private final Map<String, OrderBook> books = new LinkedHashMap<>();
  private final Map<String, long[]> times = new LinkedHashMap<>();
  private final Map<String, Long> sequences = new LinkedHashMap<>();
  private final Thread duty;
  private volatile boolean running = true;
  private long sent;
  private long snapshotsSent;
  private long unsent;
  private long requestsTaken;
  private String skip;

  /** Opens the publication and the request subscription and starts the duty thread. */
  public FeedPublisher(FeedMedia media, Settings settings) {
    this.settings = settings;
    this.id = new java.security.SecureRandom().nextLong() | 1L;
    this.data = media.aeron().addPublication(settings.channel(), FeedChannels.DATA_STREAM);
    this.requests = media.aeron().addSubscription(settings.requests(), FeedChannels.REQUEST_STREAM);
    this.duty = new Thread(this::loop, "arb-feed-publisher");
    duty.setDaemon(true);
    duty.start();
  }

  /** This publisher's id (random per start). */
  public long id() {
    return id;
  }

  /** Publishes {@code book}: an update with the market's next sequence (its first: a snapshot). */
  public synchronized void publish(
      OrderBook book, long exchangeEpochNanos, long receivedEpochNanos) {
    String market = book.market().id();
    boolean first = !sequences.containsKey(market);
    long seq = sequences.getOrDefault(market, 0L) + 1;
    sequences.put(market, seq);
    books.put(market, book);
    times.put(market, new long[] {exchangeEpochNanos, receivedEpochNanos});
    if (market.equals(skip)) {
      skip = null;
      unsent++;
      return; // test hook: a lost message
    }
    if (offer(first, seq, exchangeEpochNanos, receivedEpochNanos, book)) {
      if (first) {
        snapshotsSent++;
      } else {
        sent++;
      }
    } else {
      unsent++;
    }
  }

  /** Sends every market's current book as a snapshot message (its current sequence). */
  public synchronized void snapshot() {
    for (Map.Entry<String, OrderBook> e : books.entrySet()) {
      long[] t = times.get(e.getKey());
      if (offer(true, sequences.get(e.getKey()), t[0], t[1], e.getValue())) {
        snapshotsSent++;
      } else {
        unsent++;
      }
    }
  }

  /** Every market's current book, by market id. */
  public synchronized Map<String, OrderBook> books() {
    return Map.copyOf(books);
  }

  /** What was sent so far. */
  public synchronized Counts counts() {
    return new Counts(sent, snapshotsSent, unsent, requestsTaken);
  }

  /** Whether a subscriber is connected. */
  public boolean connected() {
    return data.isConnected();
  }

  /** Test hook: the next book of {@code marketId} uses up its sequence number but is not sent. */
  synchronized void skipNext(String marketId) {
    skip = marketId;
  }

  private boolean offer(boolean snapshot, long seq, long exchange, long received, OrderBook b) {
    int length =
        BookCodec.encodeBook(
            buffer, 0, snapshot, id, seq, exchange, received, System.nanoTime(), b);
    return offer(length);
  }

  private boolean offer(int length) {
    for (int i = 0; i < OFFER_TRIES; i++) {
      long r = data.offer(buffer, 0, length);
      if (r > 0) {
        return true;
      }
      if (r == Publication.NOT_CONNECTED
          || r == Publication.CLOSED
          || r == Publication.MAX_POSITION_EXCEEDED) {
        return false;
      }
      Thread.onSpinWait(); // back pressure or admin action: try again shortly
    }
    return false;
  }

  private synchronized void heartbeat() {
    int length =
        BookCodec.encodeHeartbeat(
            buffer,
            0,
            new BookCodec.Heartbeat(
                id, settings.name(), settings.requests(), FeedChannels.REQUEST_STREAM, sequences));
    offer(length);
  }

  private void loop() {
    IdleStrategy idle = new BackoffIdleStrategy(1, 10, 10_000, 1_000_000);
    FragmentAssembler onRequest =
        new FragmentAssembler(
            (buf, offset, length, header) -> {
              if (BookCodec.type(buf, offset) == BookCodec.SNAPSHOT_REQUEST
                  && BookCodec.publisher(buf, offset) == id) {
                LOG.debug("snapshot asked for by {}", BookCodec.requestFrom(buf, offset));
                synchronized (this) {
                  requestsTaken++;
                }
                snapshot();
              }
            });
    long beatNanos = settings.heartbeat().toNanos();
    long nextBeat = System.nanoTime();
    boolean wasConnected = false;
    while (running) {
      try {
        int work = requests.poll(onRequest, 16);
        boolean connected = data.isConnected();
        if (connected && !wasConnected) {
          snapshot(); // a subscriber came: every market's book at once
          work++;
        }
        wasConnected = connected;
        if (System.nanoTime() - nextBeat >= 0) {
          heartbeat();
          nextBeat = System.nanoTime() + beatNanos;
          work++;
        }
        idle.idle(work);
      } catch (RuntimeException e) {
        if (running) {
          LOG.warn("feed publisher: {}", e.getMessage(), e);
        }
      }
    }
  }

  @Override
  public void book(
      OrderBook book, long receivedNanos, long receivedEpochNanos, long exchangeEpochNanos) {
    publish(book, exchangeEpochNanos, receivedEpochNanos);
  }

  @Override
  public void pool(
      Pool pool, Instant observedAt, long block, long receivedNanos, long receivedEpochNanos) {
    // pools are not fed (books only)
  }

  /** Each book of a polled snapshot, as an update. */
  @Override
  public void snapshot(
      MarketSnapshot snapshot,
      String origin,
      boolean decided,
      long receivedNanos,
      long receivedEpochNanos) {
    for (OrderBook b : snapshot.books()) {
      publish(b, MarketEvent.NO_TIME, receivedEpochNanos);
    }
  }

  @Override
  public void unreadable(
      String origin, String problem, long receivedNanos, long receivedEpochNanos) {
    LOG.warn("{}: {}", origin, problem);
  }

  @Override
  public void end(long receivedNanos, long receivedEpochNanos) {
    // a live feed does not end
  }

  @Override
  public void close() {
    running = false;
    try {
      duty.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    requests.close();
    data.close();
  }
}
