package dev.arb.engine.execution;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.BookLevels;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Side;
import dev.arb.engine.port.OrderExecutor;
import dev.arb.engine.record.ExecutionResult;
import dev.arb.engine.record.ExecutionStatus;
import dev.arb.engine.record.Fill;
import dev.arb.engine.record.Holding;
import dev.arb.engine.record.OrderRequest;
import dev.arb.engine.record.Unwind;
import dev.arb.engine.sizing.LegFill;
import dev.arb.engine.sizing.TradePlan;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Executes a plan leg by leg (sequential), each leg spending what the previous leg actually
 * received.
 *
 * <p>Before each leg the remaining legs are re-priced on the current books from the amount in hand;
 * if the projected profit (projected end − start spent) is below the {@link ProfitThreshold}, the
 * cycle is aborted. Each order is sent with the re-check's worst price as its limit. A leg that
 * fills less than the re-check said (or nothing) ends the cycle, unless what it left unspent is
 * dust that could not be traded on its own (below one lot): that leg is complete.
 *
 * <p>When a cycle ends early after something traded, every asset held other than the start asset is
 * sold back to it at the best available price: of the direct market on the same exchange (if any)
 * and the legs done so far in reverse, the route that yields the most start asset on the current
 * books. What an unwind order could not sell (beyond lot-size dust) is reported as {@link
 * ExecutionResult#leftover}. Lot-size dust of a completed leg stays on the account, as in the plan.
 * Unwinding assumes the held asset is on the exchange of the leg that received it.
 *
 * <p>{@link LegMode#CONCURRENT}: when every leg's input is already held in its planned amount on
 * its exchange, one re-check prices the whole cycle, then all legs are sent at once (each spending
 * its planned amount, on its own thread). Afterwards each intermediate asset is compared with the
 * plan: an excess (a leg that spent less, or received more) is sold back to the start asset as in
 * an unwind; a shortfall (a leg that received less than the next leg spent from inventory) is
 * bought back with the start asset on the direct market of its exchange, and what that costs is
 * counted in {@link ExecutionResult#startSpent}. Rebalancing orders are listed in {@link
 * ExecutionResult#unwind}. When a leg's input is not held, the cycle runs sequentially.
 *
 * <p>Fees an exchange charged in an asset outside the cycle (Binance's BNB) are valued in the start
 * asset on the books at the end and counted in the realized profit ({@link OtherFees}).
 */
public final class ExecutionPolicy {

  private ExecutionPolicy() {}

  /**
   * Executes {@code plan} with the legs sent as {@code mode} says.
   *
   * @param balances what each exchange holds now (decides whether legs can be sent at once)
   * @see #execute(TradePlan, Supplier, OrderExecutor, ProfitThreshold, String)
   */
  public static ExecutionResult execute(
      TradePlan plan,
      Supplier<Books> books,
      OrderExecutor executor,
      ProfitThreshold threshold,
      String idPrefix,
      LegMode mode,
      BalanceView balances) {
    if (mode == LegMode.CONCURRENT && prefunded(plan, balances)) {
      return OtherFees.charge(concurrent(plan, books, executor, threshold, idPrefix), books.get());
    }
    return execute(plan, books, executor, threshold, idPrefix);
  }

  /** Whether every leg's exchange already holds the leg's planned input. */
  static boolean prefunded(TradePlan plan, BalanceView balances) {
    for (LegFill f : plan.fills()) {
      Leg l = f.leg();
      if (balances.balance(l.exchange(), l.from()).compareTo(f.spent()) < 0) {
        return false;
      }
    }
    return true;
  }

  private static ExecutionResult concurrent(
      TradePlan plan,
      Supplier<Books> current,
      OrderExecutor executor,
      ProfitThreshold threshold,
      String idPrefix) {
    List<Leg> legs = plan.cycle().legs();
    Asset start = plan.cycle().startAsset();
    Books books = current.get();
    Projection p = project(legs, 0, plan.startAmount(), books);
    String stop = null;
    if (p.problem() != null) {
      stop = "re-check before sending the legs at once: " + p.problem();
    } else {
      BigDecimal projected = p.end().subtract(p.first().spent());
      BigDecimal required = threshold.required(p.first().spent());
      if (projected.compareTo(required) < 0 || projected.signum() <= 0) {
        stop =
            "re-check before sending the legs at once: projected profit "
                + projected.stripTrailingZeros().toPlainString()
                + " "
                + start
                + " below the threshold "
                + required.toPlainString();
      }
    }
    List<OrderRequest> orders = new ArrayList<>();
    for (int i = 0; stop == null && i < legs.size(); i++) {
      Leg leg = legs.get(i);
      BigDecimal spend = plan.fills().get(i).spent();
      BookWalk.Walk w = BookWalk.walk(leg, books.book(leg.market()).orElseThrow(), spend);
      if (!w.filled()) {
        stop =
            "re-check before sending the legs at once: leg "
                + (i + 1)
                + " "
                + leg
                + ": "
                + w.problem();
      } else {
        orders.add(new OrderRequest(idPrefix + "-" + (i + 1), leg, spend, w.worstPrice()));
      }
    }
    if (stop != null) {
      return result(
          plan,
          ExecutionStatus.ABORTED,
          List.of(),
          List.of(),
          BigDecimal.ZERO,
          BigDecimal.ZERO,
          List.of(),
          stop);
    }
    List<Fill> fills = sendAll(orders, executor);

    // what each (exchange, intermediate asset) holds beyond the plan: + excess, - shortfall
    Map<Node, BigDecimal> excess = new LinkedHashMap<>();
    List<String> shortLegs = new ArrayList<>();
    for (int i = 0; i < legs.size(); i++) {
      Leg leg = legs.get(i);
      Fill f = fills.get(i);
      LegFill planned = plan.fills().get(i);
      if (isShort(f, planned.spent(), leg, planned.worstPrice(), books)) {
        shortLegs.add(shortLeg(i, leg, f, planned.spent()));
      }
      add(excess, leg.exchange(), leg.from(), planned.spent().subtract(f.spent()), start);
      add(excess, leg.exchange(), leg.to(), f.received().subtract(planned.received()), start);
    }
    BigDecimal spent = fills.get(0).spent();
    BigDecimal returned = fills.get(fills.size() - 1).received();
    List<Holding> sell = new ArrayList<>();
    List<Fill> rebalance = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    int n = 0;
    for (Map.Entry<Node, BigDecimal> e : excess.entrySet()) {
      Node at = e.getKey();
      BigDecimal diff = e.getValue();
      if (diff.signum() > 0) {
        sell.add(new Holding(at.exchange(), at.asset(), diff));
      } else if (diff.signum() < 0) {
        BigDecimal want = diff.negate();
        Optional<Fill> bought =
            buyBack(
                at.exchange(),
                at.asset(),
                want,
                start,
                current.get(),
                executor,
                idPrefix + "-b" + (++n));
        if (bought.isPresent()) {
          rebalance.add(bought.get());
          spent = spent.add(bought.get().spent());
          if (bought.get().received().compareTo(want) < 0) {
            notes.add(
                "inventory short "
                    + want.subtract(bought.get().received()).toPlainString()
                    + " "
                    + at.asset()
                    + " on "
                    + at.exchange());
          }
        } else {
          notes.add(
              "inventory short "
                  + want.toPlainString()
                  + " "
                  + at.asset()
                  + " on "
                  + at.exchange()
                  + " (no market to buy it back with "
                  + start
                  + ")");
        }
      }
    }
    Unwind u = sellBack(sell, start, legs, current, executor, idPrefix);
    rebalance.addAll(u.fills());
    returned = returned.add(u.returned());
    List<String> why = new ArrayList<>(shortLegs);
    why.addAll(notes);
    ExecutionStatus status;
    if (!u.leftover().isEmpty()) {
      status = ExecutionStatus.STRANDED;
    } else if (!shortLegs.isEmpty() || !notes.isEmpty()) {
      status = ExecutionStatus.UNWOUND;
    } else {
      status = ExecutionStatus.EXECUTED;
    }
    if (status == ExecutionStatus.EXECUTED) {
      return result(plan, status, fills, rebalance, spent, returned, List.of(), "");
    }
    return result(
        plan,
        status,
        fills,
        rebalance,
        spent,
        returned,
        u.leftover(),
        "legs sent at once: " + String.join("; ", why));
  }

  /** An asset on an exchange. */
  private record Node(String exchange, Asset asset) {}

  private static void add(
      Map<Node, BigDecimal> excess, String exchange, Asset asset, BigDecimal diff, Asset start) {
    if (asset.equals(start)) {
      return; // the start asset is what spent/returned (the realized profit) account for
    }
    excess.merge(new Node(exchange, asset), diff, BigDecimal::add);
  }

  /** Sends every order at once, one thread each, and waits for all of them. */
  private static List<Fill> sendAll(List<OrderRequest> orders, OrderExecutor executor) {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            orders.size(),
            r -> {
              Thread t = new Thread(r, "arb-leg");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Callable<Fill>> calls = new ArrayList<>();
      for (OrderRequest o : orders) {
        calls.add(() -> executor.execute(o));
      }
      List<Future<Fill>> done = pool.invokeAll(calls);
      List<Fill> fills = new ArrayList<>();
      for (int i = 0; i < done.size(); i++) {
        OrderRequest o = orders.get(i);
        try {
          fills.add(done.get(i).get());
        } catch (ExecutionException e) {
          // the other legs' fills must not be lost: this one is recorded as not filled, with why
          fills.add(
              Fill.empty(
                  o.leg(),
                  o.clientOrderId(),
                  o.spend(),
                  "order failed, outcome unknown: " + e.getCause().getMessage()));
        }
      }
      return fills;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the legs were being sent", e);
    } finally {
      pool.shutdown();
    }
  }

  /**
   * Buys {@code want} of {@code asset} on {@code exchange} with the start asset on their direct
   * market, or empty when there is none (or its book is too thin).
   */
  private static Optional<Fill> buyBack(
      String exchange,
      Asset asset,
      BigDecimal want,
      Asset start,
      Books books,
      OrderExecutor executor,
      String id) {
    for (OrderBook b : books.between(exchange, asset, start)) {
      Market m = b.market();
      Leg leg = new Leg(m, m.base().equals(asset) ? Side.BUY : Side.SELL);
      BigDecimal spend = costToReceive(leg, b, want);
      if (spend == null || spend.signum() <= 0) {
        continue;
      }
      BookWalk.Walk w = BookWalk.walk(leg, b, spend);
      if (!w.filled()) {
        continue;
      }
      return Optional.of(executor.execute(new OrderRequest(id, leg, spend, w.worstPrice())));
    }
    return Optional.empty();
  }

  /**
   * Least amount of {@code leg.from()} that receives at least {@code want} of {@code leg.to()}
   * after the fee on {@code book} (base rounded UP to the lot), or null when the book is too thin.
   */
  static BigDecimal costToReceive(Leg leg, OrderBook book, BigDecimal want) {
    Market m = leg.market();
    BigDecimal gross =
        want.divide(BigDecimal.ONE.subtract(m.takerFee()), BookWalk.SCALE, RoundingMode.UP);
    if (leg.side() == Side.BUY) {
      BigDecimal base = ceilToLot(gross, m.lotSize());
      BigDecimal cost = BigDecimal.ZERO;
      BigDecimal left = base;
      for (BookLevel l : book.asks()) {
        BigDecimal take = left.min(l.amount());
        cost = cost.add(take.multiply(l.price()));
        left = left.subtract(take);
        if (left.signum() <= 0) {
          return cost;
        }
      }
      return null;
    }
    BigDecimal base = BigDecimal.ZERO;
    BigDecimal left = gross;
    for (BookLevel l : book.bids()) {
      BigDecimal quote = l.amount().multiply(l.price());
      if (quote.compareTo(left) >= 0) {
        base = base.add(left.divide(l.price(), BookWalk.SCALE, RoundingMode.UP));
        return ceilToLot(base, m.lotSize());
      }
      base = base.add(l.amount());
      left = left.subtract(quote);
    }
    return null;
  }

  private static BigDecimal ceilToLot(BigDecimal amount, BigDecimal lot) {
    if (lot.signum() == 0) {
      return amount;
    }
    return amount.divide(lot, 0, RoundingMode.CEILING).multiply(lot);
  }

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
    return OtherFees.charge(sequential(plan, books, executor, threshold, idPrefix), books.get());
  }

  private static ExecutionResult sequential(
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
      if (isShort(f, w.spent(), leg, w.worstPrice(), books.get())) {
        String why = shortLeg(i, leg, f, w.spent());
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
    Unwind u =
        sellBack(held, plan.cycle().startAsset(), plan.cycle().legs(), current, executor, idPrefix);
    List<Fill> unwind = u.fills();
    List<Holding> leftover = u.leftover();
    BigDecimal back = returned.add(u.returned());
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
   * Sells each holding back to {@code start} at the best price available on the current books: of
   * the direct market on the holding's exchange and the cycle's legs done in reverse (from the leg
   * that received the asset), the route that yields the most. Used by the unwind of a cycle, and by
   * {@code arb dlq retry} for what an incomplete unwind left.
   *
   * @param held what to sell
   * @param start the asset to end in
   * @param legs the cycle's legs (for the reverse route); may be empty
   * @param current the current books, asked once
   * @param idPrefix prefix of the client order ids ({@code <prefix>-u1}, ...)
   */
  public static Unwind sellBack(
      List<Holding> held,
      Asset start,
      List<Leg> legs,
      Supplier<Books> current,
      OrderExecutor executor,
      String idPrefix) {
    Books books = current.get();
    List<Fill> unwind = new ArrayList<>();
    List<Holding> leftover = new ArrayList<>();
    BigDecimal back = BigDecimal.ZERO;
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
    return new Unwind(unwind, back, leftover);
  }

  /** "leg N MARKET filled X of Y ASSET (note)": why leg {@code i} counts as short. */
  private static String shortLeg(int i, Leg leg, Fill f, BigDecimal wanted) {
    return "leg "
        + (i + 1)
        + " "
        + leg
        + " filled "
        + f.spent().toPlainString()
        + " of "
        + wanted.toPlainString()
        + " "
        + leg.from()
        + (f.note().isEmpty() ? "" : " (" + f.note() + ")");
  }

  /**
   * Whether {@code f} spent less than {@code wanted} by more than dust: what it left unspent could
   * still be traded on its own. (A fill at a slightly worse price than the re-check's leaves a
   * remainder below one lot, and a live order's base amount and fee are rounded by the exchange;
   * that leg is complete, the dust stays on the account.)
   */
  static boolean isShort(Fill f, BigDecimal wanted, Leg leg, BigDecimal limitPrice, Books books) {
    BigDecimal unspent = wanted.subtract(f.spent());
    if (unspent.signum() <= 0) {
      return false;
    }
    if (!f.filled()) {
      return true;
    }
    if (roundingOnly(unspent, wanted, leg, limitPrice)) {
      return false;
    }
    Optional<OrderBook> book = books.book(leg.market());
    return book.isEmpty() || !isDust(unspent, leg, book.get());
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
    return !w.filled() && w.problem().startsWith(BookLevels.BELOW_ONE_LOT);
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
