package dev.arb.engine.record;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Decimals;
import dev.arb.engine.sizing.TradePlan;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What executing one plan did, exactly.
 *
 * @param plan the plan executed
 * @param status how it ended
 * @param legs fills of the cycle's legs in order, as many as were placed (may be fewer than the
 *     legs when aborted)
 * @param unwind fills of the orders that sold holdings back to the start asset, in order
 * @param startSpent start asset spent by the first leg (0 when nothing traded)
 * @param startReturned start asset received back, by the last leg or by the unwind
 * @param leftover what is still held in other assets after the unwind (empty unless {@link
 *     ExecutionStatus#STRANDED})
 * @param reason why it did not complete ({@code ""} when executed)
 * @param otherFees fees charged in assets outside the cycle (Binance's BNB, see {@link
 *     Fill#otherFee}) valued in the start asset at the books' prices, &ge; 0; part of {@link
 *     #realizedProfit}
 */
public record ExecutionResult(
    TradePlan plan,
    ExecutionStatus status,
    List<Fill> legs,
    List<Fill> unwind,
    BigDecimal startSpent,
    BigDecimal startReturned,
    List<Holding> leftover,
    String reason,
    BigDecimal otherFees) {
  /** A result without fees in other assets. */
  public ExecutionResult(
      TradePlan plan,
      ExecutionStatus status,
      List<Fill> legs,
      List<Fill> unwind,
      BigDecimal startSpent,
      BigDecimal startReturned,
      List<Holding> leftover,
      String reason) {
    this(plan, status, legs, unwind, startSpent, startReturned, leftover, reason, BigDecimal.ZERO);
  }

  public ExecutionResult {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(status, "status");
    legs = List.copyOf(legs);
    unwind = List.copyOf(unwind);
    startSpent = Decimals.normalise(Objects.requireNonNull(startSpent, "startSpent"));
    startReturned = Decimals.normalise(Objects.requireNonNull(startReturned, "startReturned"));
    leftover = List.copyOf(leftover);
    Objects.requireNonNull(reason, "reason");
    otherFees = Decimals.normalise(Objects.requireNonNull(otherFees, "otherFees"));
    if (otherFees.signum() < 0) {
      throw new IllegalArgumentException("otherFees must not be negative, got " + otherFees);
    }
  }

  /** The same result with fees in other assets valued at {@code value}, and this reason. */
  public ExecutionResult withOtherFees(BigDecimal value, String why) {
    return new ExecutionResult(
        plan, status, legs, unwind, startSpent, startReturned, leftover, why, value);
  }

  /** The start asset. */
  public Asset startAsset() {
    return plan.cycle().startAsset();
  }

  /** The plan's profit: what the scan expected. */
  public BigDecimal expectedProfit() {
    return plan.profit();
  }

  /**
   * Profit actually made in the start asset: returned − spent − fees paid in other assets. Negative
   * after an unwind: that is the unwind's cost (fees and spread paid twice). Leftover holdings are
   * not valued.
   */
  public BigDecimal realizedProfit() {
    return Decimals.normalise(startReturned.subtract(startSpent).subtract(otherFees));
  }

  /** realized − expected. */
  public BigDecimal difference() {
    return Decimals.normalise(realizedProfit().subtract(expectedProfit()));
  }

  /** Whether anything traded. */
  public boolean traded() {
    return startSpent.signum() > 0;
  }
}
