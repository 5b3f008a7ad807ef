package dev.arb.engine.port;

import dev.arb.engine.record.AssetTotal;
import dev.arb.engine.record.HistoryQuery;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.record.OpportunityStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

  /**
   * How many records {@link #prune} with the same arguments would delete now.
   *
   * @param before records detected before this instant
   * @param statuses only records of these statuses; empty: every status
   */
  long countPrunable(Instant before, Set<OpportunityStatus> statuses);

  /**
   * Deletes the records detected before {@code before} (of {@code statuses}; empty: every status),
   * with what belongs to them, in transactions of at most {@code batchSize} records, so writers
   * wait at most one batch. Records still {@code executing} are never deleted: they are in flight.
   *
   * @return how many records were deleted
   */
  long prune(Instant before, Set<OpportunityStatus> statuses, int batchSize);
}
