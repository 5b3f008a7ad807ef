package dev.arb.engine.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.arb.engine.execution.RiskLimits;
import dev.arb.engine.model.Asset;
import dev.arb.engine.record.ExecutionResult;
import dev.arb.engine.record.Holding;
import dev.arb.engine.record.JournalEntry;
import dev.arb.engine.record.Unwind;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The context of a dead letter ({@link dev.arb.engine.record.DeadLetter#context()}): everything a
 * person or a retry needs about an execution that did not end as planned. Three kinds are written,
 * each with the keys it needs (the others are left out), in this order:
 *
 * <ul>
 *   <li>a failed execution ({@link #ofExecution}): {@code mode, status, start_asset, exchanges,
 *       [retry_of], plan, fills, unwind, leftover, start_spent, start_returned, expected_profit,
 *       realized_profit, reason, risk} ({@code risk} is {@code null} when the limits were not
 *       known);
 *   <li>a retry that sold holdings back and still holds some ({@link #ofSellBack}): {@code mode,
 *       status, start_asset, exchanges, retry_of, [plan], fills, unwind, leftover, start_spent,
 *       start_returned, reason, risk};
 *   <li>live orders that still held something when reconciled after a restart ({@link
 *       #ofReconciled}, a {@link Reconciled}): {@code mode, execution_ref, start_asset, journal,
 *       leftover}.
 * </ul>
 *
 * Dead letters written by earlier versions have the same keys (a risk's {@code max_data_age} then
 * in ISO-8601, {@code PT5S}) and read back into this record with {@link #read}. Reading ignores
 * keys it does not know.
 *
 * @param mode {@code paper} or {@code live}
 * @param executionRef the live execution's reference (reconciled only)
 * @param status the execution's status code
 * @param startAsset the asset the cycle starts and ends in
 * @param exchanges exchanges the execution touched
 * @param retryOf the dead letter this execution retried
 * @param plan the plan traded
 * @param journal the live orders as journaled (reconciled only)
 * @param fills the cycle's fills
 * @param unwind the fills of the orders that sold back to the start asset
 * @param leftover what is still held
 * @param startSpent start asset spent
 * @param startReturned start asset received back
 * @param expectedProfit what the plan expected
 * @param realizedProfit what was made
 * @param reason why it did not complete
 * @param risk the risk limits then
 */
public record DeadLetterContext(
    String mode,
    @JsonInclude(Include.NON_NULL) String executionRef,
    @JsonInclude(Include.NON_NULL) String status,
    String startAsset,
    @JsonInclude(Include.NON_NULL) List<String> exchanges,
    @JsonInclude(Include.NON_NULL) Long retryOf,
    @JsonInclude(Include.NON_NULL) ExecutionJson.Plan plan,
    @JsonInclude(Include.NON_NULL) List<ExecutionJson.JournalRow> journal,
    @JsonInclude(Include.NON_NULL) List<ExecutionJson.Fill> fills,
    @JsonInclude(Include.NON_NULL) List<ExecutionJson.Fill> unwind,
    List<ExecutionJson.Holding> leftover,
    @JsonInclude(Include.NON_NULL) BigDecimal startSpent,
    @JsonInclude(Include.NON_NULL) BigDecimal startReturned,
    @JsonInclude(Include.NON_NULL) BigDecimal expectedProfit,
    @JsonInclude(Include.NON_NULL) BigDecimal realizedProfit,
    @JsonInclude(Include.NON_NULL) String reason,
    ExecutionJson.Risk risk) {

  public DeadLetterContext {
    leftover = leftover == null ? List.of() : List.copyOf(leftover);
  }

  /**
   * The context of an execution that did not end as planned.
   *
   * @param retryOf the dead letter it retried, 0 if none
   * @param limits the risk limits it traded under, null if not known
   */
  public static DeadLetterContext ofExecution(
      ExecutionResult r, String mode, long retryOf, RiskLimits limits) {
    return new DeadLetterContext(
        mode,
        null,
        r.status().code(),
        r.startAsset().toString(),
        r.plan().cycle().exchanges(),
        retryOf > 0 ? retryOf : null,
        ExecutionJson.Plan.of(r.plan()),
        null,
        ExecutionJson.Fill.of(r.legs()),
        ExecutionJson.Fill.of(r.unwind()),
        ExecutionJson.Holding.of(r.leftover()),
        r.startSpent(),
        r.startReturned(),
        r.expectedProfit(),
        r.realizedProfit(),
        r.reason(),
        ExecutionJson.Risk.of(limits));
  }

  /**
   * The context of a retry that sold holdings back to {@code start} and still holds some.
   *
   * @param plan the retried dead letter's plan, carried so a later retry can use the cycle's
   *     reverse route; null if it had none
   */
  public static DeadLetterContext ofSellBack(
      String mode,
      String status,
      Asset start,
      List<String> exchanges,
      long retryOf,
      ExecutionJson.Plan plan,
      Unwind u,
      String reason,
      RiskLimits limits) {
    return new DeadLetterContext(
        mode,
        null,
        status,
        start.toString(),
        exchanges,
        retryOf,
        plan,
        null,
        List.of(),
        ExecutionJson.Fill.of(u.fills()),
        ExecutionJson.Holding.of(u.leftover()),
        BigDecimal.ZERO,
        u.returned(),
        null,
        null,
        reason,
        ExecutionJson.Risk.of(limits));
  }

  /**
   * The context of live orders that still held something when reconciled after a restart; it is
   * read back as a {@link DeadLetterContext} (without plan, fills or risk).
   *
   * @param mode always {@code live}
   * @param executionRef the execution the orders belong to
   * @param startAsset the asset its first order spent
   * @param journal its orders as journaled
   * @param leftover what they still hold
   */
  public record Reconciled(
      String mode,
      String executionRef,
      String startAsset,
      List<ExecutionJson.JournalRow> journal,
      List<ExecutionJson.Holding> leftover) {}

  /** The context of live orders of {@code executionRef} that still hold {@code held}. */
  public static Reconciled ofReconciled(
      String executionRef, String startAsset, List<JournalEntry> rows, List<Holding> held) {
    return new Reconciled(
        "live",
        executionRef,
        startAsset,
        rows.stream().map(ExecutionJson.JournalRow::of).toList(),
        ExecutionJson.Holding.of(held));
  }

  /**
   * Reads a stored context; empty if it is not JSON or not shaped like one (arb never writes such).
   */
  public static Optional<DeadLetterContext> read(String stored) {
    try {
      return Optional.ofNullable(Json.read(stored, DeadLetterContext.class));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /** The holdings of {@code leftover}. */
  public List<Holding> leftoverHoldings() {
    return leftover.stream().map(ExecutionJson.Holding::toHolding).toList();
  }
}
