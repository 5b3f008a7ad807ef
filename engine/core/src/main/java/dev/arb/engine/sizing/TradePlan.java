package dev.arb.engine.sizing;

import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Decimals;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A sized cycle: amounts per leg rounded to lot sizes (books) or smallest units (pools) and
 * re-priced exactly. The reported profit is the re-priced one, before gas; {@link #netProfit()}
 * subtracts the gas of the pool legs when a gas price was given. {@link #optimumProfit()} is the
 * unrounded optimum the plan was derived from (in double), for comparison only.
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
 * @param gas the gas of the cycle's swaps valued in the start asset; empty without pool legs or
 *     without a gas price (profits before gas)
 */
public record TradePlan(
    Cycle cycle,
    BigDecimal startAmount,
    BigDecimal endAmount,
    BigDecimal profit,
    double profitBp,
    List<LegFill> fills,
    double optimumStart,
    double optimumProfit,
    Optional<GasCost> gas) {
  /** A plan without gas. */
  public TradePlan(
      Cycle cycle,
      BigDecimal startAmount,
      BigDecimal endAmount,
      BigDecimal profit,
      double profitBp,
      List<LegFill> fills,
      double optimumStart,
      double optimumProfit) {
    this(
        cycle,
        startAmount,
        endAmount,
        profit,
        profitBp,
        fills,
        optimumStart,
        optimumProfit,
        Optional.empty());
  }

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
    Objects.requireNonNull(gas, "gas");
  }

  /** The same plan with its gas cost. */
  public TradePlan withGas(GasCost cost) {
    return new TradePlan(
        cycle,
        startAmount,
        endAmount,
        profit,
        profitBp,
        fills,
        optimumStart,
        optimumProfit,
        Optional.of(cost));
  }

  /** The profit after gas ({@link #profit()} when there is no gas cost). */
  public BigDecimal netProfit() {
    return gas.map(g -> profit.subtract(g.value())).orElse(profit);
  }

  /** {@link #netProfit()} in basis points of the start amount. */
  public double netProfitBp() {
    return gas.isEmpty()
        ? profitBp
        : netProfit().doubleValue() / startAmount.doubleValue() * 10_000.0;
  }

  /** The pool legs' swaps in leg order (empty for a books-only plan). */
  public List<PoolSwap> swaps() {
    return fills.stream().flatMap(f -> f.swap().stream()).toList();
  }
}
