package dev.arb.engine.sizing;

import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.BookLevels;
import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Pool;
import dev.arb.engine.model.Side;
import dev.arb.engine.model.Token;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides exactly: rounds a plan found in double to each market's lot size, checks the markets'
 * minimums, and re-prices it exactly, level by level in {@link BigDecimal} for books, in the pool
 * contract's own integer arithmetic for pools.
 *
 * <p>Rules, leg by leg in cycle order:
 *
 * <ul>
 *   <li>The first leg spends at most the planned start amount and at most the available balance;
 *       every later leg spends at most what the previous leg actually received (never more).
 *   <li>SELL: the base amount is the amount to spend rounded DOWN to the lot size; the quote
 *       received is walked exactly over the bids. BUY: the base amount is what the amount to spend
 *       buys over the asks (a partial level divided and rounded DOWN at {@value #AMOUNT_SCALE}
 *       decimals), rounded DOWN to the lot size; the quote spent is then re-walked exactly for that
 *       base amount, so it never exceeds what was available.
 *   <li>Pool: the amount to spend is rounded DOWN to the input token's smallest unit (and to at
 *       most what a concentrated pool's recorded ticks can price, {@link Pool#maxAmountIn}) and
 *       swapped with the pool's integer arithmetic ({@link Pool#amountOut}: Uniswap V2's {@code
 *       getAmountOut}, or Uniswap V3's swap loop over ticks, rounding as the contract does): the
 *       amounts are what the chain pays, to the wei. An input or output of zero units rejects the
 *       plan.
 *   <li>A base amount of zero, below {@code minAmount}, or a quote value below {@code minNotional}
 *       rejects the plan ({@link RejectReason#BELOW_MINIMUM}).
 *   <li>The fee is taken from the amount received: received = gross·(1−fee) rounded DOWN to {@value
 *       #AMOUNT_SCALE} decimals, fee = gross − received (so rounding favours the exchange and the
 *       reported profit is never optimistic).
 * </ul>
 *
 * Tick size is not applied: taker orders fill at the book's own prices, which are on the tick.
 */
public final class PlanPricer {

  /** Decimal places of amounts produced by a division or a fee (rounded DOWN). */
  public static final int AMOUNT_SCALE = 18;

  private PlanPricer() {}

  /**
   * Rounds and re-prices a plan.
   *
   * @param cycle the cycle
   * @param books the book of each leg's market, in leg order ({@code null} for a pool leg: a pool
   *     carries its state)
   * @param plannedStart the start amount found in double (the unrounded optimum)
   * @param plannedProfit the unrounded optimal profit, carried into the plan for comparison
   * @param available the balance of the start asset
   */
  public static SizingOutcome price(
      Cycle cycle,
      List<OrderBook> books,
      double plannedStart,
      double plannedProfit,
      BigDecimal available) {
    List<Leg> legs = cycle.legs();
    if (books.size() != legs.size()) {
      throw new IllegalArgumentException(
          "one book per leg: " + legs.size() + " legs, " + books.size() + " books");
    }
    BigDecimal budget =
        new BigDecimal(plannedStart).setScale(AMOUNT_SCALE, RoundingMode.DOWN).min(available);
    List<LegFill> fills = new ArrayList<>(legs.size());
    for (int i = 0; i < legs.size(); i++) {
      Leg leg = legs.get(i);
      LegResult r = fill(leg, books.get(i), budget);
      if (r.problem() != null) {
        return new SizingOutcome.Rejected(
            cycle, RejectReason.BELOW_MINIMUM, "leg " + (i + 1) + " " + leg + ": " + r.problem());
      }
      LegFill f = r.fill();
      fills.add(f);
      budget = f.received();
    }
    BigDecimal start = fills.get(0).spent();
    BigDecimal end = fills.get(fills.size() - 1).received();
    BigDecimal profit = end.subtract(start);
    if (profit.signum() <= 0) {
      return new SizingOutcome.Rejected(
          cycle,
          RejectReason.UNPROFITABLE_AFTER_ROUNDING,
          "rounded plan spends "
              + start.toPlainString()
              + " "
              + legs.get(0).fromName()
              + " and gets back "
              + end.toPlainString()
              + " (unrounded optimum profit "
              + plannedProfit
              + ")");
    }
    double bp = profit.doubleValue() / start.doubleValue() * 10_000.0;
    return new SizingOutcome.Sized(
        new TradePlan(cycle, start, end, profit, bp, fills, plannedStart, plannedProfit));
  }

  /** A leg's exact fill, or why there is none. */
  record LegResult(LegFill fill, String problem) {
    static LegResult problem(String problem) {
      return new LegResult(null, problem);
    }
  }

  /** The exact fill of one leg spending at most {@code budget}, or a problem message. */
  static LegResult fill(Leg leg, OrderBook book, BigDecimal budget) {
    if (budget.signum() <= 0) {
      return LegResult.problem("nothing to spend");
    }
    if (leg.isPool()) {
      return swap(leg, budget);
    }
    List<BookLevel> levels = leg.side() == Side.SELL ? book.bids() : book.asks();
    BookLevels.Taken t = BookLevels.take(leg, levels, budget);
    if (!t.fills()) {
      return LegResult.problem(t.problem());
    }
    return new LegResult(
        new LegFill(
            leg, t.spent(), t.received(), t.base(), t.average(), t.worst(), t.fee(), t.levels()),
        null);
  }

  /** A pool leg's swap of {@code budget} rounded down to the input token's smallest unit. */
  static LegResult swap(Leg leg, BigDecimal budget) {
    Pool pool = leg.pool();
    boolean zeroForOne = leg.side() == Side.SELL;
    Token in = pool.tokenIn(zeroForOne);
    Token out = pool.tokenOut(zeroForOne);
    BigInteger amountIn = in.units(budget);
    // a concentrated pool prices only what stays within its recorded ticks: spend no more
    Optional<BigInteger> max = pool.maxAmountIn(zeroForOne);
    if (max.isPresent() && amountIn.compareTo(max.get()) > 0) {
      amountIn = max.get();
    }
    if (amountIn.signum() <= 0) {
      return LegResult.problem(
          budget.toPlainString() + " " + in + " is less than one smallest unit of " + in);
    }
    BigInteger amountOut = pool.amountOut(amountIn, zeroForOne);
    if (amountOut.signum() <= 0) {
      return LegResult.problem(
          amountIn + " smallest units of " + in + " buy nothing: the output rounds to 0");
    }
    PoolSwap swap = new PoolSwap(pool, zeroForOne, amountIn, amountOut);
    BigDecimal spent = in.human(amountIn);
    BigDecimal received = out.human(amountOut);
    BigDecimal base = zeroForOne ? spent : received;
    BigDecimal quote = zeroForOne ? received : spent;
    // 34 significant digits, not a fixed scale: a token may be worth 1e-20 of another
    BigDecimal average = quote.divide(base, MathContext.DECIMAL128);
    BigDecimal after = pool.priceAfter(amountIn, zeroForOne);
    BigDecimal fee = out.human(pool.amountOutWithoutFee(amountIn, zeroForOne).subtract(amountOut));
    return new LegResult(
        new LegFill(leg, spent, received, base, average, after, fee, 1, Optional.of(swap)), null);
  }
}
