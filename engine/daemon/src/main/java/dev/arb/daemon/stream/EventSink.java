package dev.arb.daemon.stream;

import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Pool;
import java.time.Instant;

/**
 * Where collectors put market-data events (the event ring): they only enqueue; the runner owns the
 * state. Thread-safe: any number of collectors publish at once, in the order the ring gives them.
 * Receive times are taken by the caller where the data arrived: {@code receivedNanos} from {@link
 * System#nanoTime()}, {@code receivedEpochNanos} from the wall clock (epoch nanoseconds).
 */
public interface EventSink {

  /** A market's new full book; {@code exchangeEpochNanos}: the exchange's time, or none. */
  void book(OrderBook book, long receivedNanos, long receivedEpochNanos, long exchangeEpochNanos);

  /** A pool's new state, current at {@code observedAt} (block {@code block}, −1 if unknown). */
  void pool(Pool pool, Instant observedAt, long block, long receivedNanos, long receivedEpochNanos);

  /**
   * A snapshot of every market (a poll, a replayed file): a batch decided by a full scan; {@code
   * decided}: scanned already (the daemon's first snapshot, scanned while the store opens).
   */
  void snapshot(
      MarketSnapshot snapshot,
      String origin,
      boolean decided,
      long receivedNanos,
      long receivedEpochNanos);

  /** An input that could not be read. */
  void unreadable(String origin, String problem, long receivedNanos, long receivedEpochNanos);

  /** The end of the input. */
  void end(long receivedNanos, long receivedEpochNanos);
}
