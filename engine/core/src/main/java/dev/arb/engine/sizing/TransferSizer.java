package dev.arb.engine.sizing;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Transfer;
import dev.arb.engine.model.TransferCosts;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Sizes a cycle of book legs that crosses exchanges through transfers that cost their withdrawal
 * fees ({@code --transfers=fees}). A transfer sits between two legs on different exchanges (the
 * asset the first receives is withdrawn and arrives where the second spends it), and after the last
 * leg when the cycle ends on another exchange than it started (the start asset goes back).
 *
 * <p>Why a sweep of its own: a transfer maps {@code w ↦ w·(1−f) − F} on {@code w ≥ minimum}, an
 * affine map with a jump at its minimum. Every book leg is concave, piecewise linear and
 * non-decreasing, so the cycle's end amount is concave and piecewise linear on the start amounts
 * where every transfer moves something, {@code [x₀, available]}, and the profit there is maximal at
 * one of its breakpoints: where some leg's input crosses the end of a book level (found by
 * bisection on the leg's input, which grows with the start amount), at {@code x₀}, or at the
 * available amount. Below {@code x₀} nothing arrives. So the optimum is either not to trade (profit
 * 0) or the best breakpoint; with one fixed fee charged in the start asset at the end it is the
 * sweep optimum minus the fee, at the same size.
 *
 * <p>Found in double, decided exactly: the best candidates are re-priced in {@link BigDecimal} leg
 * by leg ({@link PlanPricer}'s rules, lots and minimums), each transfer applied exactly ({@link
 * Transfer#arrives}); the plan's end amount is what arrives back, its profit after every withdrawal
 * fee. Not for the hot path: a scan's search, not the per-event runner.
 */
public final class TransferSizer {
  /** How many of the best candidates found in double are re-priced exactly. */
  private static final int REPRICED = 4;

  private static final int BISECTIONS = 200;

  private TransferSizer() {}

  /** One step of the cycle: a leg or a transfer. */
  private record Step(int leg, Transfer transfer, String from, String to) {}

  /**
   * Sizes {@code cycle} on {@code books} (one per leg, in leg order) with {@code available} of the
   * start asset and the transfers' costs from {@code costs}.
   */
  public static SizingOutcome size(
      Cycle cycle, List<OrderBook> books, TransferCosts costs, BigDecimal available) {
    Objects.requireNonNull(costs, "costs");
    List<Leg> legs = cycle.legs();
    if (books.size() != legs.size()) {
      throw new IllegalArgumentException(
          "one book per leg: " + legs.size() + " legs, " + books.size() + " books");
    }
    if (available.signum() <= 0) {
      return new SizingOutcome.Rejected(
          cycle,
          RejectReason.NO_BALANCE,
          "no " + legs.get(0).fromName() + " to trade: available " + available.toPlainString());
    }
    List<Step> steps = new ArrayList<>();
    LegLadder[] ladders = new LegLadder[legs.size()];
    for (int i = 0; i < legs.size(); i++) {
      Leg leg = legs.get(i);
      if (leg.isPool()) {
        return new SizingOutcome.Rejected(
            cycle,
            RejectReason.NO_LIQUIDITY,
            "leg " + (i + 1) + " " + leg + ": transfers with fees join exchange books only");
      }
      if (i > 0 && !legs.get(i - 1).exchange().equals(leg.exchange())) {
        String problem = transfer(steps, costs, leg.from(), legs.get(i - 1).exchange(), leg);
        if (problem != null) {
          return new SizingOutcome.Rejected(cycle, RejectReason.NO_LIQUIDITY, problem);
        }
      }
      ladders[i] = LegLadder.of(leg, books.get(i));
      if (ladders[i].depth() == 0) {
        return new SizingOutcome.Rejected(
            cycle, RejectReason.NO_LIQUIDITY, "leg " + (i + 1) + " " + leg + ": empty book side");
      }
      steps.add(new Step(i, null, null, null));
    }
    Leg first = legs.get(0);
    Leg last = legs.get(legs.size() - 1);
    if (!last.exchange().equals(first.exchange())) {
      String problem = transfer(steps, costs, first.from(), last.exchange(), first);
      if (problem != null) {
        return new SizingOutcome.Rejected(cycle, RejectReason.NO_LIQUIDITY, problem);
      }
    }
    double cap = available.doubleValue();
    double[] candidates = candidates(steps, ladders, cap);
    // the best few in double, re-priced exactly; the best exact one wins
    double[] profits = new double[candidates.length];
    for (int c = 0; c < candidates.length; c++) {
      double end = run(steps, ladders, candidates[c], -1);
      profits[c] = Double.isNaN(end) ? Double.NEGATIVE_INFINITY : end - candidates[c];
    }
    Integer[] order = new Integer[candidates.length];
    for (int c = 0; c < order.length; c++) {
      order[c] = c;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(profits[b], profits[a]));
    if (order.length == 0 || !(profits[order[0]] > 0)) {
      return new SizingOutcome.Rejected(
          cycle,
          RejectReason.NO_PROFIT,
          "no profit at any size after the transfers' fees" + fees(steps));
    }
    SizingOutcome best = null;
    for (int k = 0; k < Math.min(REPRICED, order.length); k++) {
      int c = order[k];
      if (!(profits[c] > 0)) {
        break;
      }
      SizingOutcome o = price(cycle, books, steps, candidates[c], profits[c], available);
      if (best == null || better(o, best)) {
        best = o;
      }
    }
    return best;
  }

  private static boolean better(SizingOutcome a, SizingOutcome b) {
    if (a instanceof SizingOutcome.Sized sa) {
      return !(b instanceof SizingOutcome.Sized sb)
          || sa.plan().profit().compareTo(sb.plan().profit()) > 0;
    }
    return false;
  }

  private static String transfer(
      List<Step> steps, TransferCosts costs, Asset asset, String from, Leg next) {
    String to = next.exchange();
    Transfer t = costs.find(asset, from, to).orElse(null);
    if (t == null) {
      return "no transfer cost for "
          + asset
          + " from "
          + from
          + " to "
          + to
          + ": set arb.transfers."
          + asset
          + " (or use --transfers=inventory)";
    }
    steps.add(new Step(-1, t, from, to));
    return null;
  }

  private static String fees(List<Step> steps) {
    StringBuilder s = new StringBuilder();
    for (Step st : steps) {
      if (st.transfer() != null) {
        s.append(s.length() == 0 ? " (" : "; ")
            .append(st.transfer().asset())
            .append(' ')
            .append(st.from())
            .append('>')
            .append(st.to())
            .append(": ")
            .append(st.transfer().describe());
      }
    }
    return s.length() == 0 ? "" : s.append(')').toString();
  }

  /**
   * Runs {@code x} through the steps in double: the end amount, or the input of step {@code upTo}
   * when {@code upTo ≥ 0}; NaN when a transfer moves nothing.
   */
  private static double run(List<Step> steps, LegLadder[] ladders, double x, int upTo) {
    double t = x;
    for (int s = 0; s < steps.size(); s++) {
      if (s == upTo) {
        return t;
      }
      Step st = steps.get(s);
      if (st.transfer() == null) {
        t = ladders[st.leg()].output(t, 0);
      } else {
        Transfer tr = st.transfer();
        if (t < tr.minimum().doubleValue() || !(t > 0)) {
          return Double.NaN;
        }
        t = t * (1 - tr.feeFraction().doubleValue()) - tr.fixedFee().doubleValue();
        if (!(t > 0)) {
          return Double.NaN;
        }
      }
    }
    return t;
  }

  /**
   * The start amounts where the end amount may turn: where a leg's input reaches the end of one of
   * its levels or a transfer's input reaches the least it can move, and the available amount.
   */
  private static double[] candidates(List<Step> steps, LegLadder[] ladders, double cap) {
    List<Double> out = new ArrayList<>();
    out.add(cap);
    for (int s = 0; s < steps.size(); s++) {
      Step st = steps.get(s);
      if (st.transfer() == null) {
        LegLadder l = ladders[st.leg()];
        double cum = 0;
        for (int j = 0; j < l.depth(); j++) {
          cum += l.capacity(j);
          double x = startFor(steps, ladders, s, cum, cap);
          if (Double.isNaN(x)) {
            break;
          }
          out.add(x);
        }
      } else {
        Transfer tr = st.transfer();
        double least =
            Math.max(
                tr.minimum().doubleValue(),
                tr.fixedFee().doubleValue() / (1 - tr.feeFraction().doubleValue()));
        double x = startFor(steps, ladders, s, least, cap);
        if (!Double.isNaN(x)) {
          out.add(x);
        }
      }
    }
    double[] c = new double[out.size()];
    for (int i = 0; i < c.length; i++) {
      c[i] = out.get(i);
    }
    return c;
  }

  /**
   * The least start amount at which step {@code s}'s input reaches {@code target} (bisection: the
   * input grows with the start amount), the upper end of the bracket so the step is reached; NaN
   * when even {@code cap} does not reach it.
   */
  private static double startFor(
      List<Step> steps, LegLadder[] ladders, int s, double target, double cap) {
    double hi = cap;
    double top = run(steps, ladders, hi, s);
    if (Double.isNaN(top) || top < target) {
      return Double.NaN;
    }
    double lo = 0;
    for (int k = 0; k < BISECTIONS && hi - lo > Math.ulp(hi); k++) {
      double mid = (lo + hi) / 2;
      double v = run(steps, ladders, mid, s);
      if (!Double.isNaN(v) && v >= target) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  /**
   * Re-prices the plan that starts with {@code x} exactly: legs as {@link PlanPricer}, transfers
   * exactly.
   */
  private static SizingOutcome price(
      Cycle cycle,
      List<OrderBook> books,
      List<Step> steps,
      double x,
      double plannedProfit,
      BigDecimal available) {
    List<Leg> legs = cycle.legs();
    BigDecimal budget =
        new BigDecimal(x).setScale(PlanPricer.AMOUNT_SCALE, RoundingMode.DOWN).min(available);
    List<LegFill> fills = new ArrayList<>(legs.size());
    for (Step st : steps) {
      if (st.transfer() == null) {
        Leg leg = legs.get(st.leg());
        PlanPricer.LegResult r = PlanPricer.fill(leg, books.get(st.leg()), budget);
        if (r.problem() != null) {
          return new SizingOutcome.Rejected(
              cycle,
              RejectReason.BELOW_MINIMUM,
              "leg " + (st.leg() + 1) + " " + leg + ": " + r.problem());
        }
        fills.add(r.fill());
        budget = r.fill().received();
      } else {
        Transfer t = st.transfer();
        BigDecimal arrived = t.arrives(budget);
        if (arrived.signum() <= 0) {
          return new SizingOutcome.Rejected(
              cycle,
              RejectReason.BELOW_MINIMUM,
              "transfer of "
                  + budget.toPlainString()
                  + " "
                  + t.asset()
                  + " from "
                  + st.from()
                  + " to "
                  + st.to()
                  + " moves nothing after its fee "
                  + t.describe());
        }
        budget = arrived;
      }
    }
    BigDecimal start = fills.get(0).spent();
    BigDecimal end = budget;
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
              + " after the transfers' fees"
              + fees(steps));
    }
    double bp = profit.doubleValue() / start.doubleValue() * 10_000.0;
    return new SizingOutcome.Sized(
        new TradePlan(cycle, start, end, profit, bp, fills, x, plannedProfit));
  }
}
