package dev.arb.engine.lp;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Side;
import java.util.List;
import java.util.Objects;

/**
 * The whole-graph plan ({@code --plan lp}): trades over {@code steps} steps that maximise the final
 * balance of the start asset. Found in double by an LP; not yet rounded to lot sizes.
 *
 * @param start the start (and end) asset
 * @param startAmount the balance at step 0
 * @param steps the number of trading steps T
 * @param finalAmount the balance of the start asset after step T
 * @param transactions the trades, ordered by step
 */
public record WholeGraphPlan(
    Asset start,
    double startAmount,
    int steps,
    double finalAmount,
    List<WholeGraphPlan.Transaction> transactions) {

  public WholeGraphPlan {
    Objects.requireNonNull(start, "start");
    transactions = List.copyOf(transactions);
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be >= 1, got " + steps);
    }
  }

  /** {@code (final − start) / start · 10⁴}. */
  public double returnBp() {
    return (finalAmount - startAmount) / startAmount * 10_000.0;
  }

  /** {@code final − start}, in the start asset. */
  public double profit() {
    return finalAmount - startAmount;
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
      double amountIn,
      double amountOut) {
    public Transaction {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(marketId, "marketId");
      Objects.requireNonNull(side, "side");
    }
  }
}
