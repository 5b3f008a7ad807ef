package dev.arb.engine.port;

import dev.arb.engine.record.DeadLetter;
import dev.arb.engine.record.DeadLetterStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The dead-letter queue: executions that did not end as planned. Rows are written by the {@link
 * ExecutionRepository} in the same transaction as their execution; here they are listed, read and
 * resolved. A resolved row is never deleted: dropping keeps it with status {@code dropped} and the
 * reason. Implementations are thread-safe; failures are thrown as {@link
 * dev.arb.error.StorageException}.
 */
public interface DeadLetterRepository {

  /**
   * Which dead letters to list.
   *
   * @param statuses only these statuses (empty: all)
   * @param since only those created at or after this time
   * @param limit at most this many, newest first, &ge; 1
   */
  record Query(Set<DeadLetterStatus> statuses, Optional<Instant> since, int limit) {
    public Query {
      statuses = Set.copyOf(statuses);
      Objects.requireNonNull(since, "since");
      if (limit < 1) {
        throw new IllegalArgumentException("limit must be at least 1, got " + limit);
      }
    }
  }

  /** Dead letters matching {@code q}, newest first. */
  List<DeadLetter> list(Query q);

  /** One dead letter by id. */
  Optional<DeadLetter> find(long id);

  /**
   * Drops an open dead letter, keeping it with {@code reason}.
   *
   * @return false when it is not open (or does not exist)
   */
  boolean drop(long id, String reason, Instant at);

  /**
   * Keeps an open dead letter open with {@code error} as its newest error (a retry that traded
   * nothing).
   *
   * @return false when it is not open (or does not exist)
   */
  boolean keepOpen(long id, String error, Instant at);

  /**
   * Writes a {@code reconcile_unknown} dead letter for the live execution {@code executionRef}
   * unless one exists already (reconciliation may run again after a restart); {@code context} must
   * be a JSON object carrying {@code execution_ref}.
   *
   * @return the new dead letter's id, or empty when this execution already has one
   */
  Optional<Long> addReconciled(
      String executionRef, Instant detectedAt, String error, String context, Instant at);
}
