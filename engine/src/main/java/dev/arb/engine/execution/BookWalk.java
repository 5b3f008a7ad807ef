package dev.arb.engine.execution;

import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.BookLevels;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Side;
import java.math.BigDecimal;
import java.math.RoundingMode;
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
    BigDecimal base =
        leg.side() == Side.SELL
            ? budget.min(BookLevels.total(levels))
            : BookLevels.baseBuyable(levels, budget);
    base = BookLevels.floorToLot(base, market.lotSize());
    if (base.signum() <= 0) {
      return Walk.none("amount rounds to zero (lot size " + market.lotSize().toPlainString() + ")");
    }
    if (base.compareTo(market.minAmount()) < 0) {
      return Walk.none(
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
      return Walk.none(
          "notional "
              + quote.toPlainString()
              + " below the minimum "
              + market.minNotional().toPlainString());
    }
    BigDecimal spent = leg.side() == Side.SELL ? base : quote;
    BigDecimal gross = leg.side() == Side.SELL ? quote : base;
    BigDecimal received =
        gross
            .multiply(BigDecimal.ONE.subtract(market.takerFee()))
            .setScale(SCALE, RoundingMode.DOWN);
    if (received.signum() <= 0) {
      return Walk.none("receives nothing after the fee");
    }
    BigDecimal average = quote.divide(base, SCALE, RoundingMode.HALF_EVEN);
    return new Walk(spent, received, base, average, worst, gross.subtract(received), used, "");
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
