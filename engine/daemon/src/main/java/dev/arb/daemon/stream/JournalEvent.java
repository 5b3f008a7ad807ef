package dev.arb.daemon.stream;

import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Pool;
import java.time.Instant;
import java.util.Objects;

/**
 * One event read back from a journal ({@link JournalReader}), with the receive time it was recorded
 * with ({@code receivedEpochNanos}, epoch nanoseconds of the wall clock where it arrived).
 */
public sealed interface JournalEvent {

  /** Wall-clock receive time, epoch nanoseconds. */
  long receivedEpochNanos();

  /**
   * A market's new full book.
   *
   * @param exchangeEpochNanos the exchange's time, or {@link MarketEvent#NO_TIME}
   */
  record Book(OrderBook book, long receivedEpochNanos, long exchangeEpochNanos)
      implements JournalEvent {
    public Book {
      Objects.requireNonNull(book, "book");
    }
  }

  /** A pool's new state, current at {@code observedAt} (block {@code block}, −1 if unknown). */
  record PoolState(Pool pool, Instant observedAt, long block, long receivedEpochNanos)
      implements JournalEvent {
    public PoolState {
      Objects.requireNonNull(pool, "pool");
      Objects.requireNonNull(observedAt, "observedAt");
    }
  }

  /** A snapshot of every market (a poll), from {@code origin}. */
  record Snapshot(MarketSnapshot snapshot, String origin, long receivedEpochNanos)
      implements JournalEvent {
    public Snapshot {
      Objects.requireNonNull(snapshot, "snapshot");
      Objects.requireNonNull(origin, "origin");
    }
  }

  /**
   * An input that could not be read: recorded as such, or a journal line that cannot be read back
   * (then {@code origin} names the file and line).
   */
  record Unreadable(String origin, String problem, long receivedEpochNanos)
      implements JournalEvent {
    public Unreadable {
      Objects.requireNonNull(origin, "origin");
      Objects.requireNonNull(problem, "problem");
    }
  }
}
