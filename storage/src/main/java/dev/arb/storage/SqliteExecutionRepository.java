package dev.arb.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.arb.engine.execution.DeadLetterKind;
import dev.arb.engine.execution.RiskLimits;
import dev.arb.engine.json.DeadLetterContext;
import dev.arb.engine.json.ExecutionJson;
import dev.arb.engine.json.Json;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Decimals;
import dev.arb.engine.port.ExecutionRepository;
import dev.arb.engine.record.ExecutionResult;
import dev.arb.engine.record.ExecutionStatus;
import dev.arb.engine.record.Fill;
import dev.arb.engine.record.Holding;
import dev.arb.engine.record.Unwind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * Executions, their dead letters and the paper balance ledger in {@code arb.db} (migrations V2 and
 * V3). Each execution is stored with its fills, its dead letter when it did not end as planned
 * ({@link DeadLetterKind#of}) and, for paper trading, the ledger as it stands after it, in one
 * transaction: nothing of a failed cycle is lost between them. The JSON columns (exchanges, fills,
 * leftover, the dead letter's context) are {@link ExecutionJson} and {@link DeadLetterContext}
 * documents written by {@link Json}.
 */
public final class SqliteExecutionRepository implements ExecutionRepository {
  private final Database db;
  private final RiskLimits limits;

  /** A repository whose dead letters do not record the risk limits (they are unknown here). */
  public SqliteExecutionRepository(Database db) {
    this(db, null);
  }

  /**
   * @param limits the risk limits the trader applies, recorded in every dead letter's context
   *     (null: unknown)
   */
  public SqliteExecutionRepository(Database db, RiskLimits limits) {
    this.db = Objects.requireNonNull(db, "db");
    this.limits = limits;
  }

  /**
   * Stores an execution and, when {@code ledger} is given, replaces the paper ledger with it, in
   * one transaction.
   *
   * @param mode {@code paper} or {@code live}
   * @param detectedAt detection time of the opportunity record it belongs to
   * @param executedAt when it ran
   * @param ledger the paper balances after it, or null to leave the ledger alone
   * @return the execution's id
   */
  @Override
  public long save(
      ExecutionResult r,
      String mode,
      Instant detectedAt,
      Instant executedAt,
      List<Holding> ledger) {
    return store(r, mode, detectedAt, executedAt, ledger, 0, null).executionId();
  }

  /**
   * Stores the execution of a retried dead letter: as {@link #save}, and in the same transaction
   * resolves dead letter {@code deadLetterId} as {@code resolution} says. The new execution gets a
   * dead letter of its own when it did not end as planned.
   */
  @Override
  public Saved saveRetry(
      ExecutionResult r,
      String mode,
      Instant detectedAt,
      Instant executedAt,
      List<Holding> ledger,
      long deadLetterId,
      Resolution resolution) {
    return store(r, mode, detectedAt, executedAt, ledger, deadLetterId, resolution);
  }

  private Saved store(
      ExecutionResult r,
      String mode,
      Instant detectedAt,
      Instant executedAt,
      List<Holding> ledger,
      long retryOf,
      Resolution resolution) {
    Row row =
        new Row(
            executedAt,
            detectedAt,
            mode,
            r.status().code(),
            r.startAsset(),
            r.plan().cycle().exchanges(),
            r.startSpent(),
            r.startReturned(),
            r.expectedProfit(),
            r.legs(),
            r.unwind(),
            r.leftover(),
            r.reason());
    // a retry that leaves its dead letter open (nothing traded) adds no second one for the same
    // cycle: the open one carries the new error
    Optional<DeadLetterKind> kind =
        resolution != null && !resolution.retried() ? Optional.empty() : DeadLetterKind.of(r);
    Optional<Dead> dead =
        kind.map(
            k -> new Dead(k, error(r), DeadLetterContext.ofExecution(r, mode, retryOf, limits)));
    return write(row, dead, retryOf, resolution, ledger);
  }

  /**
   * Stores a retry that sold what an incomplete unwind left back to the start asset: an execution
   * that spent no start asset (its realized profit is what came back, its expected profit 0), with
   * status {@code unwound}, or {@code stranded} and a new dead letter when something is still left.
   * In the same transaction the retried dead letter is resolved as {@code resolution} says.
   *
   * @param start the start asset sold back to
   * @param u what the unwind did
   * @param cycle the {@code plan} node (JSON) of the retried dead letter's context (carried into
   *     the new dead letter so a later retry can still use the cycle's reverse route); may be null
   */
  @Override
  public Saved saveSellBack(
      Asset start,
      Unwind u,
      String mode,
      Instant detectedAt,
      Instant executedAt,
      List<Holding> ledger,
      long deadLetterId,
      String cycle,
      Resolution resolution) {
    ExecutionJson.Plan plan;
    try {
      plan = cycle == null ? null : Json.read(cycle, ExecutionJson.Plan.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "the retried cycle is not a plan: " + e.getOriginalMessage());
    }
    boolean left = !u.leftover().isEmpty();
    String reason =
        "retry of dead letter "
            + deadLetterId
            + ": sell leftover holdings back to "
            + start
            + (left ? "; still held: " + describe(u.leftover()) : "");
    LinkedHashSet<String> names = new LinkedHashSet<>();
    for (Fill f : u.fills()) {
      names.add(f.leg().exchange());
    }
    for (Holding x : u.leftover()) {
      names.add(x.exchange());
    }
    List<String> ex = List.copyOf(names);
    Row row =
        new Row(
            executedAt,
            detectedAt,
            mode,
            left ? ExecutionStatus.STRANDED.code() : ExecutionStatus.UNWOUND.code(),
            start,
            ex,
            BigDecimal.ZERO,
            u.returned(),
            BigDecimal.ZERO,
            List.of(),
            u.fills(),
            u.leftover(),
            reason);
    Optional<Dead> dead =
        left
            ? Optional.of(
                new Dead(
                    DeadLetterKind.UNWIND_INCOMPLETE,
                    reason,
                    DeadLetterContext.ofSellBack(
                        mode, row.status(), start, ex, deadLetterId, plan, u, reason, limits)))
            : Optional.empty();
    return write(row, dead, deadLetterId, resolution, ledger);
  }

  /**
   * One transaction: the execution, its dead letter if any, the resolution of the retried dead
   * letter ({@code resolution} null: not a retry) and the paper ledger (null: left alone).
   */
  private Saved write(
      Row row, Optional<Dead> dead, long retryOf, Resolution resolution, List<Holding> ledger) {
    try {
      return db.inTransaction(
          h -> {
            long id = insertExecution(h, row, db.instance());
            Optional<Long> dl =
                dead.map(
                    d ->
                        SqliteDeadLetterRepository.insert(
                            h,
                            db,
                            row.executedAt(),
                            id,
                            row.detectedAt(),
                            d.kind().code(),
                            d.error(),
                            Json.write(d.context())));
            if (resolution != null) {
              SqliteDeadLetterRepository.resolve(
                  h, retryOf, resolution.retried(), noted(resolution, id, dl), row.executedAt());
            }
            if (ledger != null) {
              writeLedger(h, ledger, row.executedAt());
            }
            return new Saved(id, dl);
          });
    } catch (JdbiException e) {
      throw StorageErrors.map("write an execution to", db.location(), e);
    }
  }

  /**
   * An {@code executions} row: what was spent and returned in the start asset, what the scan
   * expected, the fills of the legs and the unwind, and what is still held.
   */
  private record Row(
      Instant executedAt,
      Instant detectedAt,
      String mode,
      String status,
      Asset start,
      List<String> exchanges,
      BigDecimal spent,
      BigDecimal returned,
      BigDecimal expected,
      List<Fill> legs,
      List<Fill> unwind,
      List<Holding> leftover,
      String reason) {
    BigDecimal realized() {
      return returned.subtract(spent);
    }
  }

  /** A dead letter to write with its execution. */
  private record Dead(DeadLetterKind kind, String error, DeadLetterContext context) {}

  /** The resolution note with the ids of the retry's execution and its own dead letter. */
  private static String noted(Resolution r, long executionId, Optional<Long> deadLetter) {
    return r.note()
        + " (execution "
        + executionId
        + deadLetter.map(d -> "; its dead letter " + d).orElse("")
        + ")";
  }

  private static long insertExecution(Handle h, Row row, String instance) {
    BigDecimal realized = row.realized();
    return h.createUpdate(
            "INSERT INTO executions (executed_at, detected_at, mode, status,"
                + " start_asset, exchanges, start_spent, start_returned,"
                + " expected_profit, realized_profit, difference, legs, unwind,"
                + " leftover, reason, instance) VALUES (:executedAt, :detectedAt, :mode,"
                + " :status, :startAsset, :exchanges, :spent, :returned,"
                + " :expected, :realized, :difference, :legs, :unwind, :leftover,"
                + " :reason, :instance)")
        .bind("instance", instance)
        .bind("executedAt", row.executedAt())
        .bind("detectedAt", row.detectedAt())
        .bind("mode", row.mode())
        .bind("status", row.status())
        .bind("startAsset", row.start())
        .bind("exchanges", Json.write(row.exchanges()))
        .bind("spent", Decimals.normalise(row.spent()))
        .bind("returned", Decimals.normalise(row.returned()))
        .bind("expected", Decimals.normalise(row.expected()))
        .bind("realized", Decimals.normalise(realized))
        .bind("difference", Decimals.normalise(realized.subtract(row.expected())))
        .bind("legs", Json.write(ExecutionJson.Fill.of(row.legs())))
        .bind("unwind", Json.write(ExecutionJson.Fill.of(row.unwind())))
        .bind("leftover", Json.write(ExecutionJson.Holding.of(row.leftover())))
        .bind("reason", row.reason().isEmpty() ? null : row.reason())
        .executeAndReturnGeneratedKeys("id")
        .mapTo(Long.class)
        .one();
  }

  /** The dead letter's error: status and reason, and what is still held. */
  private static String error(ExecutionResult r) {
    String e = r.status().code() + ": " + r.reason();
    if (!r.leftover().isEmpty()) {
      e += "; still held: " + describe(r.leftover());
    }
    return e;
  }

  private static String describe(List<Holding> hs) {
    StringBuilder sb = new StringBuilder();
    for (Holding x : hs) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(x.amount().toPlainString())
          .append(' ')
          .append(x.asset())
          .append(" on ")
          .append(x.exchange());
    }
    return sb.toString();
  }

  /**
   * Creates the paper ledger with {@code initial} if it has no rows yet.
   *
   * @return true when it was created now, false when it already existed (left as it is)
   */
  @Override
  public boolean seedPaperLedger(List<Holding> initial, Instant at) {
    try {
      return db.inTransaction(
          h -> {
            long rows = h.createQuery("SELECT count(*) FROM paper_balance").mapTo(Long.class).one();
            if (rows > 0) {
              return false;
            }
            writeLedger(h, initial, at);
            return true;
          });
    } catch (JdbiException e) {
      throw StorageErrors.map("write the paper ledger to", db.location(), e);
    }
  }

  /** The paper ledger's non-zero balances, by exchange then asset. */
  @Override
  public List<Holding> paperBalances() {
    try {
      return db
          .jdbi()
          .withHandle(
              h ->
                  h.createQuery(
                          "SELECT exchange, asset, amount FROM paper_balance ORDER BY exchange,"
                              + " asset")
                      .mapTo(ArbColumns.LedgerRow.class)
                      .list())
          .stream()
          .filter(row -> row.amount().signum() > 0)
          .map(row -> new Holding(row.exchange(), row.asset(), row.amount()))
          .toList();
    } catch (JdbiException e) {
      throw StorageErrors.map("read the paper ledger from", db.location(), e);
    }
  }

  /** Executions at or after {@code from}, oldest first. */
  @Override
  public List<Summary> since(Instant from) {
    try {
      return db.jdbi()
          .withHandle(
              h ->
                  h.createQuery(
                          "SELECT executed_at, start_asset, start_spent, realized_profit FROM"
                              + " executions WHERE executed_at >= :from ORDER BY executed_at, id")
                      .bind("from", from)
                      .mapTo(Summary.class)
                      .list());
    } catch (JdbiException e) {
      throw StorageErrors.map("read executions from", db.location(), e);
    }
  }

  /** Number of stored executions. */
  @Override
  public long count() {
    try {
      return db.jdbi()
          .withHandle(
              h -> h.createQuery("SELECT count(*) FROM executions").mapTo(Long.class).one());
    } catch (JdbiException e) {
      throw StorageErrors.map("read executions from", db.location(), e);
    }
  }

  private static void writeLedger(Handle h, List<Holding> ledger, Instant at) {
    h.createUpdate("DELETE FROM paper_balance").execute();
    for (Holding b : ledger) {
      h.createUpdate(
              "INSERT INTO paper_balance (exchange, asset, amount, updated_at)"
                  + " VALUES (:e, :a, :m, :t)")
          .bind("e", b.exchange())
          .bind("a", b.asset())
          .bind("m", b.amount())
          .bind("t", at)
          .execute();
    }
  }
}
