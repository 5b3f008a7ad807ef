package dev.arb.engine.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Exact arithmetic over book levels shared by the sizing re-pricer and the paper executor, so a
 * plan and its paper fill walk the book the same way.
 */
public final class BookLevels {
  /** Decimal places kept where a division or fee leaves a remainder (rounded down). */
  public static final int AMOUNT_SCALE = 18;

  /** How a {@link Taken#problem} starts when the amount is less than one lot: dust. */
  public static final String BELOW_ONE_LOT = "base amount rounds to zero";

  private BookLevels() {}

  /** Sum of the levels' base amounts. */
  public static BigDecimal total(List<BookLevel> levels) {
    BigDecimal t = BigDecimal.ZERO;
    for (BookLevel l : levels) {
      t = t.add(l.amount());
    }
    return t;
  }

  /**
   * Base amount that {@code quote} buys walking {@code asks} best first; a partly taken level is
   * rounded DOWN at {@link #AMOUNT_SCALE} decimals.
   */
  public static BigDecimal baseBuyable(List<BookLevel> asks, BigDecimal quote) {
    BigDecimal base = BigDecimal.ZERO;
    BigDecimal left = quote;
    for (BookLevel l : asks) {
      BigDecimal cost = l.amount().multiply(l.price());
      if (cost.compareTo(left) <= 0) {
        base = base.add(l.amount());
        left = left.subtract(cost);
      } else {
        base = base.add(left.divide(l.price(), AMOUNT_SCALE, RoundingMode.DOWN));
        break;
      }
    }
    return base;
  }

  /** {@code amount} rounded down to a multiple of {@code lot}; unchanged when lot is 0 (none). */
  public static BigDecimal floorToLot(BigDecimal amount, BigDecimal lot) {
    if (lot.signum() == 0) {
      return amount;
    }
    return amount.divide(lot, 0, RoundingMode.DOWN).multiply(lot);
  }

  /**
   * An exact taker fill of one leg: {@code problem} is {@code ""} when it fills, else why nothing
   * does (and every amount is 0).
   *
   * @param spent amount of the leg's from-asset spent
   * @param received amount of its to-asset received after the fee
   * @param base base amount traded
   * @param average volume-weighted price before the fee
   * @param worst price of the last level touched
   * @param fee fee in the to-asset
   * @param levels levels touched
   * @param problem why nothing fills, {@code ""} when it does
   */
  public record Taken(
      BigDecimal spent,
      BigDecimal received,
      BigDecimal base,
      BigDecimal average,
      BigDecimal worst,
      BigDecimal fee,
      int levels,
      String problem) {
    static Taken none(String problem) {
      BigDecimal z = BigDecimal.ZERO;
      return new Taken(z, z, z, z, z, z, 0, problem);
    }

    /** Whether it fills. */
    public boolean fills() {
      return problem.isEmpty();
    }
  }

  /**
   * Takes {@code leg} over {@code levels} (its side of the book, best first, already cut at any
   * limit price) spending at most {@code budget} of the leg's from-asset: the base amount is what
   * the budget buys or sells, rounded DOWN to the lot size; the market's minimum amount and
   * notional apply; the fee is taken from what is received, rounded DOWN at {@link #AMOUNT_SCALE}
   * decimals (in the exchange's favour).
   */
  public static Taken take(Leg leg, List<BookLevel> levels, BigDecimal budget) {
    Market market = leg.market();
    boolean sell = leg.side() == Side.SELL;
    BigDecimal base = sell ? budget.min(total(levels)) : baseBuyable(levels, budget);
    base = floorToLot(base, market.lotSize());
    if (base.signum() <= 0) {
      return Taken.none(BELOW_ONE_LOT + " (lot size " + market.lotSize().toPlainString() + ")");
    }
    if (base.compareTo(market.minAmount()) < 0) {
      return Taken.none(
          "base amount "
              + base.toPlainString()
              + " below the minimum "
              + market.minAmount().toPlainString());
    }
    BigDecimal quote = BigDecimal.ZERO;
    BigDecimal left = base;
    BigDecimal worst = BigDecimal.ZERO;
    int used = 0;
    for (BookLevel l : levels) {
      if (left.signum() <= 0) {
        break;
      }
      BigDecimal take = left.min(l.amount());
      quote = quote.add(take.multiply(l.price()));
      left = left.subtract(take);
      worst = l.price();
      used++;
    }
    if (quote.compareTo(market.minNotional()) < 0) {
      return Taken.none(
          "notional "
              + quote.toPlainString()
              + " below the minimum "
              + market.minNotional().toPlainString());
    }
    BigDecimal spent = sell ? base : quote;
    BigDecimal gross = sell ? quote : base;
    BigDecimal received =
        gross
            .multiply(BigDecimal.ONE.subtract(market.takerFee()))
            .setScale(AMOUNT_SCALE, RoundingMode.DOWN);
    if (received.signum() <= 0) {
      return Taken.none("receives nothing after the fee");
    }
    BigDecimal average = quote.divide(base, AMOUNT_SCALE, RoundingMode.HALF_EVEN);
    return new Taken(spent, received, base, average, worst, gross.subtract(received), used, "");
  }
}
