package dev.arb.engine.execution;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Side;
import dev.arb.engine.port.OrderExecutor;
import dev.arb.engine.sizing.TradePlan;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Executes a plan leg by leg (sequential), each leg spending what the previous leg actually
 * received.
 *
 * <p>Before each leg the remaining legs are re-priced on the current books from the amount in hand;
 * if the projected profit (projected end − start spent) is below the {@link ProfitThreshold}, the
 * cycle is aborted. Each order is sent with the re-check's worst price as its limit. A leg that
 * fills less than the re-check said (or nothing) ends the cycle.
 *
 * <p>When a cycle ends early after something traded, every asset held other than the start asset is
 * sold back to it at the best available price: of the direct market on the same exchange (if any)
 * and the legs done so far in reverse, the route that yields the most start asset on the current
 * books. What an unwind order could not sell (beyond lot-size dust) is reported as {@link
 * ExecutionResult#leftover}. Lot-size dust of a completed leg stays on the account, as in the plan.
 * Unwinding assumes the held asset is on the exchange of the leg that received it.
 */
public final class ExecutionPolicy {

  private ExecutionPolicy() {}

  /**
   * Executes {@code plan}.
   *
   * @param books the current books, asked again before each leg and before the unwind
   * @param executor places the orders
   * @param threshold least projected profit at every re-check
   * @param idPrefix prefix of the client order ids ({@code <prefix>-1}, {@code <prefix>-u1}, ...)
   */
  public static ExecutionResult execute(
      TradePlan plan,
      Supplier<Books> books,
      OrderExecutor executor,
      ProfitThreshold threshold,
      String idPrefix) {
    List<Leg> legs = plan.cycle().legs();
    Asset start = plan.cycle().startAsset();
    List<Fill> fills = new ArrayList<>();
    BigDecimal hand = plan.startAmount();
    BigDecimal startSpent = BigDecimal.ZERO;
    for (int i = 0; i < legs.size(); i++) {
      Leg leg = legs.get(i);
      Projection p = project(legs, i, hand, books.get());
      String stop = null;
      if (p.problem() != null) {
        stop = "re-check before leg " + (i + 1) + " " + leg + ": " + p.problem();
      } else {
        BigDecimal base = i == 0 ? p.first().spent() : startSpent;
        BigDecimal projected = p.end().subtract(base);
        BigDecimal required = threshold.required(base);
        if (projected.compareTo(required) < 0 || projected.signum() <= 0) {
          stop =
              "re-check before leg "
                  + (i + 1)
                  + " "
                  + leg
                  + ": projected profit "
                  + projected.stripTrailingZeros().toPlainString()
                  + " "
                  + start
                  + " below the threshold "
                  + required.toPlainString();
        }
      }
      if (stop != null) {
        if (i == 0) {
          return result(
              plan,
              ExecutionStatus.ABORTED,
              fills,
              List.of(),
              startSpent,
              BigDecimal.ZERO,
              List.of(),
              stop);
        }
        // in hand: legs[i].from(), received by the previous leg on its exchange
        List<Holding> held = new ArrayList<>();
        held.add(new Holding(legs.get(i - 1).exchange(), leg.from(), hand));
        return unwind(
            plan, books, executor, idPrefix, fills, startSpent, BigDecimal.ZERO, held, stop);
      }
      BookWalk.Walk w = p.first();
      Fill f =
          executor.execute(
              new OrderRequest(idPrefix + "-" + (i + 1), leg, w.spent(), w.worstPrice()));
      fills.add(f);
      if (i == 0) {
        startSpent = f.spent();
      }
      if (f.spent().compareTo(w.spent()) < 0
          && !roundingOnly(w.spent().subtract(f.spent()), w.spent(), leg, w.worstPrice())) {
        String why =
            "leg "
                + (i + 1)
                + " "
                + leg
                + " filled "
                + f.spent().toPlainString()
                + " of "
                + w.spent().toPlainString()
                + " "
                + leg.from()
                + (f.note().isEmpty() ? "" : " (" + f.note() + ")");
        if (!f.filled() && i == 0) {
          return result(
              plan,
              ExecutionStatus.ABORTED,
              fills,
              List.of(),
              BigDecimal.ZERO,
              BigDecimal.ZERO,
              List.of(),
              why);
        }
        List<Holding> held = new ArrayList<>();
        BigDecimal returned = BigDecimal.ZERO;
        BigDecimal unspent = hand.subtract(f.spent());
        if (i > 0 && unspent.signum() > 0) {
          held.add(new Holding(legs.get(i - 1).exchange(), leg.from(), unspent));
        }
        if (f.received().signum() > 0) {
          if (leg.to().equals(start)) {
            returned = f.received();
          } else {
            held.add(new Holding(leg.exchange(), leg.to(), f.received()));
          }
        }
        return unwind(plan, books, executor, idPrefix, fills, startSpent, returned, held, why);
      }
      hand = f.received();
    }
    return result(
        plan, ExecutionStatus.EXECUTED, fills, List.of(), startSpent, hand, List.of(), "");
  }

  private static ExecutionResult unwind(
      TradePlan plan,
      Supplier<Books> current,
      OrderExecutor executor,
      String idPrefix,
      List<Fill> fills,
      BigDecimal startSpent,
      BigDecimal returned,
      List<Holding> held,
      String reason) {
    List<Leg> legs = plan.cycle().legs();
    Asset start = plan.cycle().startAsset();
    Books books = current.get();
    List<Fill> unwind = new ArrayList<>();
    List<Holding> leftover = new ArrayList<>();
    BigDecimal back = returned;
    int n = 0;
    for (Holding h : held) {
      List<Leg> route = bestRoute(h, start, legs, books);
      if (route.isEmpty()) {
        leftover.add(h);
        continue;
      }
      BigDecimal amount = h.amount();
      Asset asset = h.asset();
      String exchange = h.exchange();
      boolean done = true;
      for (Leg leg : route) {
        Optional<OrderBook> book = books.book(leg.market());
        BookWalk.Walk w = book.isPresent() ? BookWalk.walk(leg, book.get(), amount) : null;
        Fill f =
            w == null || !w.filled()
                ? Fill.empty(
                    leg, idPrefix + "-u" + (++n), amount, w == null ? "no book" : w.problem())
                : executor.execute(
                    new OrderRequest(idPrefix + "-u" + (++n), leg, amount, w.worstPrice()));
        unwind.add(f);
        BigDecimal unsold = amount.subtract(f.spent());
        if (unsold.signum() > 0 && !(book.isPresent() && isDust(unsold, leg, book.get()))) {
          leftover.add(new Holding(exchange, asset, unsold));
        }
        if (!f.filled()) {
          done = false;
          break;
        }
        amount = f.received();
        asset = leg.to();
        exchange = leg.exchange();
      }
      if (done && asset.equals(start)) {
        back = back.add(amount);
      }
    }
    ExecutionStatus status;
    if (!leftover.isEmpty()) {
      status = ExecutionStatus.STRANDED;
    } else if (startSpent.signum() == 0) {
      status = ExecutionStatus.ABORTED;
    } else {
      status = ExecutionStatus.UNWOUND;
    }
    return result(plan, status, fills, unwind, startSpent, back, leftover, reason);
  }

  /**
   * Whether what a filled order left unspent is only rounding: of its base amount down to the lot
   * size (less than one lot at the limit price, fee included: a live buy spends the order's base
   * amount times its price, a little less than the quote amount it was given) or of the exchange's
   * fee (at most 1 bp of what the order was given).
   */
  static boolean roundingOnly(
      BigDecimal unspent, BigDecimal given, Leg leg, BigDecimal limitPrice) {
    BigDecimal lot = leg.market().lotSize();
    if (lot.signum() == 0) {
      lot = new BigDecimal("0.00000001");
    }
    BigDecimal oneLot =
        leg.side() == Side.SELL
            ? lot
            : lot.multiply(limitPrice).multiply(BigDecimal.ONE.add(leg.market().takerFee()));
    BigDecimal oneBp = given.movePointLeft(4);
    return unspent.compareTo(oneLot.max(oneBp)) < 0;
  }

  /** Too little to trade on this market at all (rounds to zero lots). */
  private static boolean isDust(BigDecimal unsold, Leg leg, OrderBook book) {
    BookWalk.Walk w = BookWalk.walk(leg, book, unsold);
    return !w.filled() && w.problem().startsWith("amount rounds to zero");
  }

  /** The route from {@code h} back to {@code start} that yields the most on the current books. */
  private static List<Leg> bestRoute(Holding h, Asset start, List<Leg> legs, Books books) {
    List<List<Leg>> candidates = new ArrayList<>();
    for (OrderBook b : books.between(h.exchange(), h.asset(), start)) {
      Side side = b.market().base().equals(h.asset()) ? Side.SELL : Side.BUY;
      candidates.add(List.of(new Leg(b.market(), side)));
    }
    for (int k = legs.size() - 1; k >= 0; k--) {
      if (legs.get(k).to().equals(h.asset())) {
        List<Leg> back = new ArrayList<>();
        for (int j = k; j >= 0; j--) {
          Leg l = legs.get(j);
          back.add(new Leg(l.market(), l.side() == Side.SELL ? Side.BUY : Side.SELL));
        }
        candidates.add(back);
        break;
      }
    }
    List<Leg> best = List.of();
    BigDecimal bestEnd = BigDecimal.ZERO;
    for (List<Leg> route : candidates) {
      BigDecimal amount = h.amount();
      for (Leg l : route) {
        Optional<OrderBook> b = books.book(l.market());
        if (b.isEmpty()) {
          amount = BigDecimal.ZERO;
          break;
        }
        amount = BookWalk.walk(l, b.get(), amount).received();
        if (amount.signum() <= 0) {
          break;
        }
      }
      if (amount.compareTo(bestEnd) > 0) {
        bestEnd = amount;
        best = route;
      }
    }
    return best;
  }

  /** The re-check: the remaining legs from leg {@code from} priced on the current books. */
  record Projection(BookWalk.Walk first, BigDecimal end, String problem) {}

  static Projection project(List<Leg> legs, int from, BigDecimal hand, Books books) {
    BookWalk.Walk first = null;
    BigDecimal amount = hand;
    for (int j = from; j < legs.size(); j++) {
      Leg l = legs.get(j);
      Optional<OrderBook> b = books.book(l.market());
      if (b.isEmpty()) {
        return new Projection(null, null, "no current book of " + l.market().id());
      }
      BookWalk.Walk w = BookWalk.walk(l, b.get(), amount);
      if (!w.filled()) {
        return new Projection(null, null, "leg " + (j + 1) + " " + l + ": " + w.problem());
      }
      if (first == null) {
        first = w;
      }
      amount = w.received();
    }
    return new Projection(first, amount, null);
  }

  private static ExecutionResult result(
      TradePlan plan,
      ExecutionStatus status,
      List<Fill> fills,
      List<Fill> unwind,
      BigDecimal spent,
      BigDecimal returned,
      List<Holding> leftover,
      String reason) {
    return new ExecutionResult(plan, status, fills, unwind, spent, returned, leftover, reason);
  }
}
