package dev.arb.daemon;

import dev.arb.daemon.stream.EventSink;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Pool;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where the daemon's market data comes from, one update at a time. Implementations: {@link
 * ReplayFeed} (recorded snapshot files), {@link LiveFeed} (live exchanges: polled snapshots, and
 * streamed books pushed as they arrive through {@link #stream}) and {@link JournalFeed} (a recorded
 * event journal: snapshots, books and pools as they were received).
 */
public interface SnapshotFeed extends AutoCloseable {

  /** One step of the feed: a snapshot, or the reason the next one could not be read. */
  sealed interface Update {
    /** The input this came from, for the status and messages. */
    String origin();

    /** How long to wait after the previous update before this one is due. */
    Duration delay();
  }

  /** A snapshot that was read. */
  record Snapshot(MarketSnapshot snapshot, String origin, Duration delay) implements Update {}

  /** An input that could not be read; the feed goes on with the next one. */
  record Unreadable(String origin, String problem, Duration delay) implements Update {}

  /**
   * A replayed book event: the book as it was received, at {@code receivedAt} (recorded), with the
   * exchange's time if it gave one.
   */
  record Book(
      OrderBook book,
      Instant receivedAt,
      Optional<Instant> exchangeTime,
      String origin,
      Duration delay)
      implements Update {}

  /**
   * A replayed pool event: the pool's state at {@code block} (−1 unknown), current at {@code at}.
   */
  record PoolState(
      Pool pool, Instant at, long block, Instant receivedAt, String origin, Duration delay)
      implements Update {}

  /** A replayed snapshot, received at {@code receivedAt} (recorded). */
  record Recorded(MarketSnapshot snapshot, Instant receivedAt, String origin, Duration delay)
      implements Update {}

  /** A short description for the status, e.g. {@code replay of 3 files at 1x}. */
  String describe();

  /** The next update, or empty at the end of the data (a live feed never ends). */
  Optional<Update> next();

  /**
   * How long to wait before {@link #next()} is due: a live feed polls on its interval; a replay
   * reads at once and paces with {@link Update#delay()} instead.
   */
  default Duration untilNext() {
    return Duration.ZERO;
  }

  /** The live exchanges with their health, in configuration order; empty for a replay. */
  default List<ExchangeStatus> exchanges() {
    return List.of();
  }

  /** The book publishers subscribed to ({@code arb run --subscribe}); empty without. */
  default List<PublisherStatus> publishers() {
    return List.of();
  }

  /**
   * Tells the feed which markets (ids such as {@code kraken:BTC/USD}) were part of a profitable
   * opportunity of the latest scan; a live feed polls them sooner, a replay ignores it.
   */
  default void profitable(Collection<String> marketIds) {}

  /**
   * Pushes streamed events (books as they arrive) into {@code sink} from now on, from the feed's
   * own threads; a feed that only polls ignores it.
   */
  default void stream(EventSink sink) {}

  /** Releases connections and threads. */
  @Override
  default void close() {}

  /**
   * The snapshot's own clock for pacing: its newest observation. Empty for a snapshot without
   * times.
   */
  static Optional<Instant> asOf(MarketSnapshot s) {
    return s.newestObservation();
  }
}
