package dev.arb.daemon.stream;

import dev.arb.engine.model.Market;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Pool;
import dev.arb.engine.stream.StreamEngine;
import java.time.Instant;

/**
 * One slot of the event ring: allocated once when the ring is built and reused for every event that
 * passes through it (the publisher fills it, the runner and the journal read it). Not a value:
 * never keep one after {@code onEvent} returns.
 *
 * <p>Every event carries two receive times taken where it arrived: {@link #receivedNanos} ({@link
 * System#nanoTime()}, for the tick-to-decision latency in this process) and {@link
 * #receivedEpochNanos} (wall clock; what the journal records and what a replay paces and schedules
 * full runs by), and, for books, the exchange's own time when it gave one.
 */
public final class MarketEvent {
  /** What an event is. */
  public enum Kind {
    /** A market's new full book (streamed). */
    BOOK,
    /** A pool's new state (its reserves at a block). */
    POOL,
    /** A snapshot of every market (a poll, or a replayed file): a batch, decided by a scan. */
    SNAPSHOT,
    /** An input that could not be read. */
    UNREADABLE,
    /** The end of the input (a replay's last event). */
    END
  }

  Kind kind;
  OrderBook book;
  // the book's market and observation time, read where the book arrived (with its best prices), so
  // that the runner does not go back to the book's objects, still in the publisher's cache
  Market market;
  long observedNanos;
  double bestBid;
  double bestAsk;
  Pool pool;
  Instant poolObservedAt;
  long block;
  MarketSnapshot snapshot;
  boolean decided;
  String origin;
  String problem;
  long receivedNanos;
  long receivedEpochNanos;
  long exchangeEpochNanos;

  /** No exchange time. */
  public static final long NO_TIME = Long.MIN_VALUE;

  MarketEvent() {}

  void clear() {
    book = null;
    market = null;
    pool = null;
    poolObservedAt = null;
    snapshot = null;
    decided = false;
    origin = null;
    problem = null;
    bestBid = 0;
    bestAsk = 0;
    block = -1;
    exchangeEpochNanos = NO_TIME;
  }

  /**
   * Makes this a {@link Kind#BOOK} event of {@code b}: its market, observation time and best prices
   * read now (on the publisher's thread).
   */
  void setBook(OrderBook b) {
    kind = Kind.BOOK;
    book = b;
    market = b.market();
    observedNanos = EventRing.epochNanos(b.observedAt());
    bestBid = StreamEngine.bestBid(b);
    bestAsk = StreamEngine.bestAsk(b);
  }

  public Kind kind() {
    return kind;
  }

  /** The book of a {@link Kind#BOOK} event. */
  public OrderBook book() {
    return book;
  }

  /** Its best bid as a double, 0 for an empty side (converted where the book arrived). */
  public double bestBid() {
    return bestBid;
  }

  /** Its best ask as a double, 0 for an empty side. */
  public double bestAsk() {
    return bestAsk;
  }

  /** The pool of a {@link Kind#POOL} event. */
  public Pool pool() {
    return pool;
  }

  /** When the pool's state was current (its block's time). */
  public Instant poolObservedAt() {
    return poolObservedAt;
  }

  /** The pool state's block, −1 when unknown. */
  public long block() {
    return block;
  }

  /** The snapshot of a {@link Kind#SNAPSHOT} event. */
  public MarketSnapshot snapshot() {
    return snapshot;
  }

  /** Whether the snapshot was already scanned before it was published (the daemon's first). */
  public boolean decided() {
    return decided;
  }

  /** Where a snapshot or an unreadable input came from. */
  public String origin() {
    return origin;
  }

  /** Why an input could not be read. */
  public String problem() {
    return problem;
  }

  /** {@link System#nanoTime()} when the event arrived, in this process. */
  public long receivedNanos() {
    return receivedNanos;
  }

  /** Wall-clock receive time, epoch nanoseconds (recorded; replays keep it). */
  public long receivedEpochNanos() {
    return receivedEpochNanos;
  }

  /** The exchange's time of a book, epoch nanoseconds, or {@link #NO_TIME}. */
  public long exchangeEpochNanos() {
    return exchangeEpochNanos;
  }
}
