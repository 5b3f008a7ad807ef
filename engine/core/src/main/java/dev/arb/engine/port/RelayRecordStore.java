package dev.arb.engine.port;

import dev.arb.engine.record.RelayRecord;
import dev.arb.engine.record.RelaySpending;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Durable store of a relayer's requests and outcomes (one record per request), from which its
 * spending limits are read back, so they survive a restart. Implementations are thread-safe;
 * failures are thrown as {@link dev.arb.error.StorageException}.
 */
public interface RelayRecordStore {

  /** Stores a new record; returns it with its id. */
  RelayRecord insert(RelayRecord record);

  /** Replaces the stored record of the same id (its outcome and what came with it). */
  void update(RelayRecord record);

  /** The newest records first, at most {@code limit}; only those of {@code signer} if not null. */
  List<RelayRecord> recent(int limit, String signer);

  /** What the requests received on {@code utcDay} count against the limits. */
  RelaySpending spending(LocalDate utcDay);

  /** A store that keeps nothing: the limits then count from the start of the process only. */
  RelayRecordStore NONE =
      new RelayRecordStore() {
        private final AtomicLong ids = new AtomicLong();

        @Override
        public RelayRecord insert(RelayRecord record) {
          return record.withId(ids.incrementAndGet());
        }

        @Override
        public void update(RelayRecord record) {}

        @Override
        public List<RelayRecord> recent(int limit, String signer) {
          return List.of();
        }

        @Override
        public RelaySpending spending(LocalDate utcDay) {
          return RelaySpending.NONE;
        }
      };
}
