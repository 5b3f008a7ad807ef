package dev.arb.engine.port;

import dev.arb.engine.record.AssetTotal;
import dev.arb.engine.record.HistoryQuery;
import dev.arb.engine.record.OpportunityRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable store of opportunity records. Implementations are thread-safe; failures are thrown as
 * {@link dev.arb.error.StorageException}.
 */
public interface OpportunityRepository {

  /**
   * Stores all records in one transaction: all or none.
   *
   * @return the records with their assigned ids, in the same order
   */
  List<OpportunityRecord> saveAll(List<OpportunityRecord> records);

  /** Records matching the query, newest first (then highest id first). */
  List<OpportunityRecord> find(HistoryQuery query);

  /**
   * Count and total estimated profit per start asset over ALL records matching the query's filters
   * (the limit does not apply), ordered by asset.
   */
  List<AssetTotal> summarize(HistoryQuery query);

  /**
   * Marks every record still {@code executing} as {@code failed} with {@code reason}: recovery at
   * start, for records a previous process left in flight.
   *
   * @return how many records were marked failed
   */
  int failExecuting(String reason);

  /** When the newest stored record was detected; empty when there are none. */
  Optional<Instant> latestDetectedAt();
}
