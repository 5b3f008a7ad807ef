package dev.arb.engine.execution;

import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.BookLevels;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Side;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The exact taker fill of one leg against a book, level by level, with the same rounding rules as
 * {@link dev.arb.engine.sizing.PlanPricer}: base amounts rounded DOWN to the lot size, a partial
 * BUY level divided and rounded DOWN at {@value #SCALE} decimals, the fee taken from the amount
 * received and rounded in the exchange's favour. Levels beyond the limit price are not touched;
 * markets' minimum amount and notional turn a too-small fill into no fill.
 */
public final class BookWalk {

  /** Decimal places of amounts produced by a division or a fee (rounded DOWN). */
  public static final int SCALE = 18;

  private BookWalk() {}

  /**
   * One walk's outcome; all zero when nothing fills.
   *
   * @param spent amount of {@code leg.from()} spent
   * @param received amount of {@code leg.to()} received after the fee
   * @param baseAmount base traded
   * @param averagePrice volume-weighted price before fee, 0 when nothing filled
   * @param worstPrice price of the last level touched, 0 when nothing filled
   * @param fee fee in {@code leg.to()}
   * @param levelsUsed levels touched
   * @param problem why nothing filled, {@code ""} otherwise
   */
  public record Walk(
      BigDecimal spent,
      BigDecimal received,
      BigDecimal baseAmount,
      BigDecimal averagePrice,
      BigDecimal worstPrice,
      BigDecimal fee,
      int levelsUsed,
      String problem) {
    static Walk none(String problem) {
      BigDecimal z = BigDecimal.ZERO;
      return new Walk(z, z, z, z, z, z, 0, problem);
    }

    public boolean filled() {
      return spent.signum() > 0;
    }
  }

  /** Walks {@code leg} over {@code book} spending at most {@code budget}, with no price limit. */
  public static Walk walk(Leg leg, OrderBook book, BigDecimal budget) {
    return walk(leg, book, budget, null);
  }

  /**
   * Walks {@code leg} over {@code book} spending at most {@code budget}, touching only levels at or
   * better than {@code limitPrice} (null: no limit).
   */
  public static Walk walk(Leg leg, OrderBook book, BigDecimal budget, BigDecimal limitPrice) {
    Market market = leg.market();
    if (budget.signum() <= 0) {
      return Walk.none("nothing to spend");
    }
    List<BookLevel> levels =
        usable(leg.side(), leg.side() == Side.SELL ? book.bids() : book.asks(), limitPrice);
    if (levels.isEmpty()) {
      return Walk.none("no liquidity within the limit price");
    }
    BookLevels.Taken t = BookLevels.take(leg, levels, budget);
    if (!t.fills()) {
      return Walk.none(t.problem());
    }
    return new Walk(
        t.spent(), t.received(), t.base(), t.average(), t.worst(), t.fee(), t.levels(), "");
  }

  private static List<BookLevel> usable(Side side, List<BookLevel> levels, BigDecimal limit) {
    if (limit == null) {
      return levels;
    }
    List<BookLevel> out = new ArrayList<>();
    for (BookLevel l : levels) {
      int c = l.price().compareTo(limit);
      if (side == Side.BUY ? c > 0 : c < 0) {
        break;
      }
      out.add(l);
    }
    return out;
  }
}
