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
}
