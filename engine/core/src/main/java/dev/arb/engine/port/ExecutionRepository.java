package dev.arb.engine.port;

import dev.arb.engine.model.Asset;
import dev.arb.engine.record.ExecutionResult;
import dev.arb.engine.record.Holding;
import dev.arb.engine.record.Unwind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable store of executions, their dead letters and the paper balance ledger. Each execution is
 * stored with its fills, its dead letter when it did not end as planned and, for paper trading, the
 * ledger as it stands after it, in one transaction. Implementations are thread-safe; failures are
 * thrown as {@link dev.arb.error.StorageException}.
 */
public interface ExecutionRepository {

  /**
   * One stored execution, in short: what the risk limits of a day need.
   *
   * @param executedAt when it ran
   * @param startAsset its start asset
   * @param startSpent start asset spent
   * @param realizedProfit realized profit, negative for a loss
   */
  record Summary(
      Instant executedAt, Asset startAsset, BigDecimal startSpent, BigDecimal realizedProfit) {}

  /**
   * What storing an execution wrote.
   *
   * @param executionId the new execution's id
   * @param deadLetterId its dead letter's id, when it got one
   */
  record Saved(long executionId, Optional<Long> deadLetterId) {}

  /**
   * How a retry resolves the dead letter it retried.
   *
   * @param retried true: mark it {@code retried} with {@code note}; false: keep it {@code open}
   *     with {@code note} as its new error
   * @param note the resolution note, or the new error
   */
  record Resolution(boolean retried, String note) {}

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
  long save(
      ExecutionResult r, String mode, Instant detectedAt, Instant executedAt, List<Holding> ledger);

  /**
   * Stores the execution of a retried dead letter: as {@link #save}, and in the same transaction
   * resolves dead letter {@code deadLetterId} as {@code resolution} says. The new execution gets a
   * dead letter of its own when it did not end as planned.
   */
  Saved saveRetry(
      ExecutionResult r,
      String mode,
      Instant detectedAt,
      Instant executedAt,
      List<Holding> ledger,
      long deadLetterId,
      Resolution resolution);

  /**
   * Stores a retry that sold a dead letter's leftover holdings back to {@code start}: an execution
   * that spent no start asset, {@code unwound}, or {@code stranded} with a new dead letter when
   * something is still left; in the same transaction the retried dead letter is resolved as {@code
   * resolution} says.
   *
   * @param cycle the {@code plan} node (JSON text) of the retried dead letter's context (carried
   *     into the new dead letter so a later retry can still use the cycle's reverse route); may be
   *     null
   */
  Saved saveSellBack(
      Asset start,
      Unwind u,
      String mode,
      Instant detectedAt,
      Instant executedAt,
      List<Holding> ledger,
      long deadLetterId,
      String cycle,
      Resolution resolution);

  /**
   * Creates the paper ledger with {@code initial} if it has no rows yet.
   *
   * @return true when it was created now, false when it already existed (left as it is)
   */
  boolean seedPaperLedger(List<Holding> initial, Instant at);

  /** The paper ledger's non-zero balances, by exchange then asset. */
  List<Holding> paperBalances();

  /** Executions at or after {@code from}, oldest first. */
  List<Summary> since(Instant from);

  /** Number of stored executions. */
  long count();
}
