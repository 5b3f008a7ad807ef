package dev.arb.engine.lp;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Side;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Objects;

/**
 * The whole-graph plan ({@code --plan lp}): trades over {@code steps} steps that maximise the final
 * balance of the start asset. Found in double by an LP, then re-priced exactly against the books
 * (lot sizes, minimums, amounts received rounded down): every amount here is what the trades pay,
 * never more.
 *
 * @param start the start (and end) asset
 * @param startAmount the balance at step 0
 * @param steps the number of trading steps T
 * @param finalAmount the balance of the start asset after step T, exactly as the trades pay it
 * @param transactions the trades, ordered by step
 * @param solverFinalAmount what the solver's double-precision optimum claimed (for information)
 */
public record WholeGraphPlan(
    Asset start,
    BigDecimal startAmount,
    int steps,
    BigDecimal finalAmount,
    List<WholeGraphPlan.Transaction> transactions,
    double solverFinalAmount) {

  public WholeGraphPlan {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(startAmount, "startAmount");
    Objects.requireNonNull(finalAmount, "finalAmount");
    transactions = List.copyOf(transactions);
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be >= 1, got " + steps);
    }
  }

  /** The plan that trades nothing. */
  public static WholeGraphPlan empty(Asset start, BigDecimal amount, int steps) {
    return new WholeGraphPlan(start, amount, steps, amount, List.of(), amount.doubleValue());
  }

  /** {@code (final − start) / start · 10⁴}. */
  public double returnBp() {
    return startAmount.signum() == 0
        ? 0.0
        : profit().divide(startAmount, MathContext.DECIMAL64).doubleValue() * 10_000.0;
  }

  /** {@code final − start}, in the start asset, exactly. */
  public BigDecimal profit() {
    return finalAmount.subtract(startAmount);
  }

  /**
   * One trade of the plan.
   *
   * @param step 1..T; a trade at step t spends only what was held after step t−1
   * @param from the asset spent
   * @param to the asset received
   * @param marketId the market traded ({@code exchange:BASE/QUOTE})
   * @param side BUY (at the asks) or SELL (at the bids)
   * @param level the book level traded (0 = top of book)
   * @param amountIn amount of {@code from} spent
   * @param amountOut amount of {@code to} received after fee
   */
  public record Transaction(
      int step,
      Asset from,
      Asset to,
      String marketId,
      Side side,
      int level,
      BigDecimal amountIn,
      BigDecimal amountOut) {
    public Transaction {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(marketId, "marketId");
      Objects.requireNonNull(side, "side");
      Objects.requireNonNull(amountIn, "amountIn");
      Objects.requireNonNull(amountOut, "amountOut");
    }
  }
}
