package dev.arb.engine.sizing;

import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Decimals;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A sized cycle: amounts per leg rounded to lot sizes and re-priced exactly. The reported profit is
 * the re-priced one; {@link #optimumProfit()} is the unrounded optimum the plan was derived from
 * (in double), for comparison only.
 *
 * @param cycle the cycle
 * @param startAmount start asset spent by the first leg
 * @param endAmount start asset received by the last leg
 * @param profit {@code endAmount − startAmount}, exact, &gt; 0
 * @param profitBp {@code profit / startAmount · 10⁴}
 * @param fills one per leg, in cycle order; leg i+1 spends at most what leg i received
 * @param optimumStart unrounded optimal start amount found in double
 * @param optimumProfit unrounded optimal profit found in double; {@code profit} never exceeds it
 *     beyond floating-point noise
 */
public record TradePlan(
    Cycle cycle,
    BigDecimal startAmount,
    BigDecimal endAmount,
    BigDecimal profit,
    double profitBp,
    List<LegFill> fills,
    double optimumStart,
    double optimumProfit) {
  public TradePlan {
    Objects.requireNonNull(cycle, "cycle");
    startAmount = Decimals.normalise(Objects.requireNonNull(startAmount, "startAmount"));
    endAmount = Decimals.normalise(Objects.requireNonNull(endAmount, "endAmount"));
    profit = Decimals.normalise(Objects.requireNonNull(profit, "profit"));
    fills = List.copyOf(fills);
    if (fills.size() != cycle.legs().size()) {
      throw new IllegalArgumentException(
          "one fill per leg: " + cycle.legs().size() + " legs, " + fills.size() + " fills");
    }
    if (startAmount.signum() <= 0) {
      throw new IllegalArgumentException("startAmount must be positive, got " + startAmount);
    }
    if (profit.signum() <= 0) {
      throw new IllegalArgumentException("profit must be positive, got " + profit);
    }
    if (profit.compareTo(endAmount.subtract(startAmount)) != 0) {
      throw new IllegalArgumentException(
          "profit " + profit + " != endAmount − startAmount " + endAmount.subtract(startAmount));
    }
  }
}
