package dev.arb.storage;

import dev.arb.engine.port.DeadLetterRepository;
import dev.arb.engine.record.DeadLetter;
import dev.arb.engine.record.DeadLetterStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * The dead-letter queue in {@code arb.db} (migration V4): executions that did not end as planned.
 * Rows are written by {@link SqliteExecutionRepository} in the same transaction as their execution;
 * here they are listed, read, and resolved. A resolved row is never deleted: dropping keeps it with
 * status {@code dropped} and the reason.
 */
public final class SqliteDeadLetterRepository implements DeadLetterRepository {

  private final Database db;

  public SqliteDeadLetterRepository(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /** Dead letters matching {@code q}, newest first. */
  @Override
  public List<DeadLetter> list(Query q) {
    List<String> statuses = q.statuses().stream().map(DeadLetterStatus::code).sorted().toList();
    StringBuilder sql = new StringBuilder("SELECT * FROM dead_letters WHERE 1 = 1");
    if (!statuses.isEmpty()) {
      sql.append(" AND status IN (");
      for (int i = 0; i < statuses.size(); i++) {
        sql.append(i == 0 ? ":s" : ", :s").append(i);
      }
      sql.append(')');
    }
    if (q.since().isPresent()) {
      sql.append(" AND created_at >= :since");
    }
    sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit");
    try {
      return db.jdbi()
          .withHandle(
              h -> {
                org.jdbi.v3.core.statement.Query query = h.createQuery(sql.toString());
                for (int i = 0; i < statuses.size(); i++) {
                  query.bind("s" + i, statuses.get(i));
                }
                q.since().ifPresent(t -> query.bind("since", t));
                return query.bind("limit", q.limit()).mapTo(DeadLetter.class).list();
              });
    } catch (JdbiException e) {
      throw StorageErrors.map("read dead letters from", db.location(), e);
    }
  }

  /** The dead letter with this id. */
  @Override
  public Optional<DeadLetter> find(long id) {
    try {
      return db.jdbi()
          .withHandle(
              h ->
                  h.createQuery("SELECT * FROM dead_letters WHERE id = :id")
                      .bind("id", id)
                      .mapTo(DeadLetter.class)
                      .findOne());
    } catch (JdbiException e) {
      throw StorageErrors.map("read dead letters from", db.location(), e);
    }
  }

  /**
   * Drops an open dead letter: it stays, with status {@code dropped}, the time and the reason.
   *
   * @return false when it is not open (any more): nothing changed
   */
  @Override
  public boolean drop(long id, String reason, Instant at) {
    try {
      return db.inTransaction(h -> resolve(h, id, DeadLetterStatus.DROPPED, reason, at));
    } catch (JdbiException e) {
      throw StorageErrors.map("write a dead letter to", db.location(), e);
    }
  }

  /**
   * Records that a retry changed nothing (it was refused or traded nothing): the dead letter stays
   * open with {@code error} as its error.
   *
   * @return false when it is not open (any more): nothing changed
   */
  @Override
  public boolean keepOpen(long id, String error, Instant at) {
    try {
      return db.inTransaction(h -> resolve(h, id, false, error, at));
    } catch (JdbiException e) {
      throw StorageErrors.map("write a dead letter to", db.location(), e);
    }
  }

  /**
   * Writes a {@code reconcile_unknown} dead letter for the live execution {@code executionRef}
   * unless one exists already (reconciliation may run again after a restart). Such an execution may
   * have no {@code executions} row (the daemon stopped before storing it), so its {@code
   * execution_id} is 0; {@code context} must be a JSON object carrying {@code execution_ref}.
   *
   * @return the new dead letter's id, or empty when this execution already has one
   */
  @Override
  public Optional<Long> addReconciled(
      String executionRef, Instant detectedAt, String error, String context, Instant at) {
    try {
      return db.inTransaction(
          h -> {
            boolean exists =
                h.createQuery(
                            "SELECT COUNT(*) FROM dead_letters WHERE kind = 'reconcile_unknown'"
                                + " AND "
                                + db.dialect().jsonText("context", "execution_ref")
                                + " = :ref")
                        .bind("ref", executionRef)
                        .mapTo(Long.class)
                        .one()
                    > 0;
            if (exists) {
              return Optional.<Long>empty();
            }
            return Optional.of(
                insert(h, db, at, 0, detectedAt, "reconcile_unknown", error, context));
          });
    } catch (JdbiException e) {
      throw StorageErrors.map("write a dead letter to", db.location(), e);
    }
  }

  static long insert(
      Handle h,
      Database db,
      Instant createdAt,
      long executionId,
      Instant detectedAt,
      String kind,
      String error,
      String context) {
    return h.createUpdate(
            "INSERT INTO dead_letters (created_at, execution_id, detected_at, kind, error,"
                + " context, status, instance) VALUES (:c, :e, :d, :k, :err, :ctx, 'open', :i)")
        .bind("i", db.instance())
        .bind("c", createdAt)
        .bind("e", executionId)
        .bind("d", detectedAt)
        .bind("k", kind)
        .bind("err", error)
        .bind("ctx", context)
        .executeAndReturnGeneratedKeys("id")
        .mapTo(Long.class)
        .one();
  }

  /**
   * Resolves an open dead letter after a retry: {@code retried} marks it retried with {@code note}
   * as its resolution; otherwise it stays open with {@code note} as its new error.
   */
  static boolean resolve(Handle h, long id, boolean retried, String note, Instant at) {
    if (retried) {
      return resolve(h, id, DeadLetterStatus.RETRIED, note, at);
    }
    return h.createUpdate("UPDATE dead_letters SET error = :n WHERE id = :id AND status = 'open'")
            .bind("n", note)
            .bind("id", id)
            .execute()
        == 1;
  }

  private static boolean resolve(
      Handle h, long id, DeadLetterStatus status, String note, Instant at) {
    return h.createUpdate(
                "UPDATE dead_letters SET status = :s, resolved_at = :t, resolution = :n"
                    + " WHERE id = :id AND status = 'open'")
            .bind("s", status)
            .bind("t", at)
            .bind("n", note)
            .bind("id", id)
            .execute()
        == 1;
  }
}
