package dev.arb.engine.lp;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.Side;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The exact re-pricing of a whole-graph plan found in double: the solver's trades replayed in
 * BigDecimal against the books, so what the plan reports is what its trades pay.
 *
 * <p>Each trade, in step order, is cut to what its from-asset held before its step (less what the
 * step already spent of it) and to what is left of its level (a trade within 10⁻⁹ of that takes all
 * of it: the solver's doubles miss "everything" by a few ulps); then, in base units, rounded down
 * to the market's lot size (amounts not on a lot are rounded down to {@value #SCALE} decimals) and
 * dropped if below the market's minimum amount or minimum notional. A sell of {@code q} base pays
 * {@code q·bid·(1−fee)}; a buy of {@code q} base costs {@code q·ask} and pays {@code q·(1−fee)}.
 * Amounts received are rounded down to {@value #SCALE} decimals. Nothing is rounded up, so the
 * replay never pays more than the books would.
 */
final class ExactReplay {

  /** Decimals kept for amounts that no lot size fixes (rounded down). */
  static final int SCALE = 18;

  /** A trade within this fraction of what its edge can take takes all of it. */
  private static final BigDecimal ONE_MINUS_SNAP = BigDecimal.ONE.subtract(new BigDecimal("1e-9"));

  /**
   * One level of one book side as a graph edge.
   *
   * @param market the market
   * @param side SELL (base → quote at the bid) or BUY (quote → base at the ask)
   * @param level level index, 0 = top of book
   * @param book the level's price and amount
   * @param rate the amount of {@code to} one unit of {@code from} buys after fee (34 digits)
   * @param capacity what the level takes, in {@code from} units
   */
  record Edge(
      Market market, Side side, int level, BookLevel book, BigDecimal rate, BigDecimal capacity) {
    Asset from() {
      return side == Side.SELL ? market.base() : market.quote();
    }

    Asset to() {
      return side == Side.SELL ? market.quote() : market.base();
    }
  }

  /** A trade the solver proposes: spend {@code in} of the edge's from-asset at {@code step}. */
  record Trade(int step, Edge edge, BigDecimal in) {}

  private ExactReplay() {}

  /**
   * The plan that replaying {@code trades} (in step order) pays; the empty plan if it would end
   * with less of {@code start} than it began with.
   */
  static WholeGraphPlan replay(
      Asset start, BigDecimal amount, int steps, List<Trade> trades, double solverFinal) {
    Map<Asset, BigDecimal> held = new HashMap<>();
    held.put(start, amount);
    Map<Asset, BigDecimal> before = new HashMap<>(held);
    Map<Edge, BigDecimal> used = new HashMap<>();
    List<WholeGraphPlan.Transaction> done = new ArrayList<>();
    int step = 0;
    for (Trade t : trades) {
      if (t.step() < step) {
        throw new IllegalArgumentException("trades out of step order");
      }
      if (t.step() != step) {
        step = t.step();
        before = new HashMap<>(held);
      }
      Edge e = t.edge();
      BigDecimal left = before.getOrDefault(e.from(), BigDecimal.ZERO);
      BigDecimal room = e.capacity().subtract(used.getOrDefault(e, BigDecimal.ZERO));
      BigDecimal avail = left.min(room);
      // the solver's double misses "all of it" by a few ulps: within SNAP of what is available
      // the trade takes all of it, so an exact chain of trades is reproduced exactly
      BigDecimal in =
          (t.in().compareTo(avail.multiply(ONE_MINUS_SNAP)) >= 0 ? avail : t.in())
              .setScale(SCALE, RoundingMode.DOWN);
      if (in.signum() <= 0) {
        continue;
      }
      Market m = e.market();
      BigDecimal price = e.book().price();
      BigDecimal keep = BigDecimal.ONE.subtract(m.takerFee());
      BigDecimal base = e.side() == Side.SELL ? in : in.divide(price, SCALE, RoundingMode.DOWN);
      if (m.lotSize().signum() > 0) {
        base = base.divideToIntegralValue(m.lotSize()).multiply(m.lotSize());
      }
      if (base.signum() <= 0
          || base.compareTo(m.minAmount()) < 0
          || base.multiply(price).compareTo(m.minNotional()) < 0) {
        continue;
      }
      BigDecimal spent = e.side() == Side.SELL ? base : base.multiply(price);
      BigDecimal got =
          (e.side() == Side.SELL ? base.multiply(price).multiply(keep) : base.multiply(keep))
              .setScale(SCALE, RoundingMode.DOWN);
      before.merge(e.from(), spent.negate(), BigDecimal::add);
      held.merge(e.from(), spent.negate(), BigDecimal::add);
      held.merge(e.to(), got, BigDecimal::add);
      used.merge(e, spent, BigDecimal::add);
      done.add(
          new WholeGraphPlan.Transaction(
              step, e.from(), e.to(), m.id(), e.side(), e.level(), spent, got));
    }
    BigDecimal fin = held.getOrDefault(start, BigDecimal.ZERO);
    if (fin.compareTo(amount) < 0) {
      return new WholeGraphPlan(start, amount, steps, amount, List.of(), solverFinal);
    }
    return new WholeGraphPlan(start, amount, steps, fin, done, solverFinal);
  }
}
