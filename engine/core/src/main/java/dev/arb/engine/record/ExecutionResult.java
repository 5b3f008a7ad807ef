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
 */
public record ExecutionResult(
    TradePlan plan,
    ExecutionStatus status,
    List<Fill> legs,
    List<Fill> unwind,
    BigDecimal startSpent,
    BigDecimal startReturned,
    List<Holding> leftover,
    String reason) {
  public ExecutionResult {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(status, "status");
    legs = List.copyOf(legs);
    unwind = List.copyOf(unwind);
    startSpent = Decimals.normalise(Objects.requireNonNull(startSpent, "startSpent"));
    startReturned = Decimals.normalise(Objects.requireNonNull(startReturned, "startReturned"));
    leftover = List.copyOf(leftover);
    Objects.requireNonNull(reason, "reason");
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
   * Profit actually made in the start asset: returned − spent. Negative after an unwind: that is
   * the unwind's cost (fees and spread paid twice). Leftover holdings are not valued.
   */
  public BigDecimal realizedProfit() {
    return Decimals.normalise(startReturned.subtract(startSpent));
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
