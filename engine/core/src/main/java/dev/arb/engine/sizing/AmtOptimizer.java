package dev.arb.engine.sizing;

import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sizes candidate cycles: how much to trade on each leg so that the profit in the start asset is
 * maximal, subject to book depth, pool curves, fees, lot sizes, minimums and the available balance;
 * with a gas price, a cycle with pool legs must also beat its gas.
 *
 * <p>Pipeline per cycle: {@link LegLadder} (book side or pool curve → primitive arrays) → {@link
 * ExactSweep} (optimal start amount in double: sweep of book breakpoints, closed form on curved
 * pieces) → {@link PlanPricer} (lot rounding, minimums, exact re-pricing in BigDecimal for books
 * and in the pool's integer arithmetic for pools) → {@link GasValuation} (gas valued in the start
 * asset). The reported profit is the re-priced one. A pool leg is sized on the state its pool
 * carries.
 *
 * <p>Holds one {@link ExactSweep} and the book index of the last snapshot it sized on: not
 * thread-safe, use one instance per thread.
 */
public final class AmtOptimizer {
  private final ExactSweep sweep;
  // The index of the snapshot last sized on (snapshots are immutable, so its identity keys the
  // index), built once per snapshot, so sizing one more cycle costs O(legs), not O(markets): books
  // by their market instance (a cycle found on the snapshot's graph has the very instances of its
  // books; no string per market), and by market id only when a leg's instance is not there (a
  // cycle from elsewhere), built on that first miss. After prepare(), the index by instance holds
  // only the markets of the cycles prepared (null: not in the snapshot) and is partial: a market
  // that is not a key there gets the whole index first, so every lookup answers as the whole index.
  private MarketSnapshot indexed;
  private Map<Market, OrderBook> booksByMarket = Map.of();
  private boolean partial;
  private Map<String, OrderBook> booksById;

  /** An optimizer for cycles of up to {@code maxLegs} legs. */
  public AmtOptimizer(int maxLegs) {
    this.sweep = new ExactSweep(maxLegs);
  }

  /**
   * Sizes {@code cycle} on the books of {@code snapshot} (and its pool legs on their pools) with
   * {@code available} start asset; profits before gas.
   */
  public SizingOutcome size(Cycle cycle, MarketSnapshot snapshot, BigDecimal available) {
    List<OrderBook> books = new ArrayList<>(cycle.legs().size());
    SizingOutcome missing = books(cycle, snapshot, books);
    return missing != null ? missing : size(cycle, books, available);
  }

  /** Indexes the books of {@code snapshot} by market instance, once per snapshot. */
  private void index(MarketSnapshot snapshot) {
    if (snapshot != indexed) {
      indexAll(snapshot);
      booksById = null;
      indexed = snapshot;
    }
  }

  private void indexAll(MarketSnapshot snapshot) {
    Map<Market, OrderBook> byMarket = new IdentityHashMap<>(2 * snapshot.books().size());
    for (OrderBook b : snapshot.books()) {
      byMarket.put(b.market(), b);
    }
    booksByMarket = byMarket;
    partial = false;
  }

  /**
   * Prepares sizing {@code cycles} on {@code snapshot}: indexes the books of only their markets, in
   * one pass over the snapshot's books, instead of every book (a scan sizes its top K cycles, a few
   * dozen markets out of thousands). Optional: sizing gives the same plans with or without it, and
   * a cycle not prepared for is sized as before.
   */
  public void prepare(MarketSnapshot snapshot, List<Cycle> cycles) {
    Map<Market, OrderBook> wanted = new IdentityHashMap<>();
    for (Cycle c : cycles) {
      for (Leg leg : c.legs()) {
        if (!leg.isPool()) {
          wanted.put(leg.market(), null);
        }
      }
    }
    for (OrderBook b : snapshot.books()) {
      Market m = b.market();
      if (wanted.containsKey(m)) {
        wanted.put(m, b);
      }
    }
    booksByMarket = wanted;
    partial = true;
    booksById = null;
    indexed = snapshot;
  }

  /**
   * The book of {@code market} in the indexed snapshot: the (last) book of that very market
   * instance, i.e. the book a cycle found on this snapshot was found on; for a market instance not
   * in the snapshot, the last book whose market has its id; null if none.
   */
  private OrderBook book(MarketSnapshot snapshot, Market market) {
    if (partial && !booksByMarket.containsKey(market)) {
      indexAll(snapshot);
    }
    OrderBook b = booksByMarket.get(market);
    if (b != null) {
      return b;
    }
    if (booksById == null) {
      Map<String, OrderBook> byId = new HashMap<>(2 * snapshot.books().size());
      for (OrderBook book : snapshot.books()) {
        byId.put(book.market().id(), book);
      }
      booksById = byId;
    }
    return booksById.get(market.id());
  }

  /**
   * Sizes {@code cycle} on {@code snapshot} and, when {@code gas} has a gas price, charges the gas
   * of its pool legs: a cycle whose best profit does not beat it is rejected ({@link
   * RejectReason#UNPROFITABLE_AFTER_GAS}), one whose gas cannot be valued too ({@link
   * RejectReason#GAS_NOT_VALUED}).
   *
   * <p>Swap gas is a fixed cost per cycle, but each initialized tick a concentrated-liquidity swap
   * crosses adds gas: the profit after gas is then the concave profit minus a step function that
   * rises at each crossing, so its maximum is the unconstrained optimum or a size just short of a
   * crossing. When the optimum crosses ticks, the sizes 1e-9 below each piece boundary the sweep
   * passed (at most {@value ExactSweep#BOUNDARIES}) are re-priced too and the best after gas is
   * kept.
   */
  public SizingOutcome size(
      Cycle cycle, MarketSnapshot snapshot, BigDecimal available, GasValuation gas) {
    List<OrderBook> books = new ArrayList<>(cycle.legs().size());
    SizingOutcome missing = books(cycle, snapshot, books);
    if (missing != null) {
      return missing;
    }
    LegLadder[] ladders = ladders(cycle, books);
    SizingOutcome outcome = size(cycle, books, ladders, available);
    if (!(outcome instanceof SizingOutcome.Sized sized)) {
      return outcome;
    }
    GasValuation.Quote quote = gas.quote(sized.plan());
    if (quote instanceof GasValuation.Quote.NotValued n) {
      return new SizingOutcome.Rejected(cycle, RejectReason.GAS_NOT_VALUED, n.reason());
    }
    if (!(quote instanceof GasValuation.Quote.Priced priced)) {
      return outcome;
    }
    TradePlan plan = sized.plan().withGas(priced.cost());
    if (crossesTicks(plan) && gas.model().tickGas() > 0) {
      plan = shortOfTicks(cycle, books, ladders, available, gas, plan);
    }
    if (plan.netProfit().signum() <= 0) {
      GasCost c = plan.gas().orElseThrow();
      StringBuilder why =
          new StringBuilder("best profit ")
              .append(plan.profit().toPlainString())
              .append(' ')
              .append(cycle.legs().get(0).fromName())
              .append(" does not beat gas ")
              .append(c.value().toPlainString())
              .append(" (");
      for (int i = 0; i < c.chains().size(); i++) {
        GasCost.Part p = c.chains().get(i);
        why.append(i == 0 ? "" : "; ")
            .append(p.units())
            .append(" gas at ")
            .append(p.gasPriceGwei().toPlainString())
            .append(" gwei = ")
            .append(p.nativeAmount().toPlainString())
            .append(' ')
            .append(p.nativeToken().symbol())
            .append(" on ")
            .append(p.chain());
      }
      return new SizingOutcome.Rejected(
          cycle, RejectReason.UNPROFITABLE_AFTER_GAS, why.append(')').toString());
    }
    return new SizingOutcome.Sized(plan);
  }

  private static boolean crossesTicks(TradePlan plan) {
    for (PoolSwap s : plan.swaps()) {
      if (s.pool().ticksCrossed(s.amountIn(), s.zeroForOne()) > 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * The best plan after gas among {@code best} and the sizes just short of each boundary the last
   * sweep passed.
   */
  private TradePlan shortOfTicks(
      Cycle cycle,
      List<OrderBook> books,
      LegLadder[] ladders,
      BigDecimal available,
      GasValuation gas,
      TradePlan best) {
    int count = sweep.boundaryCount();
    double[] starts = new double[count];
    for (int k = 0; k < count; k++) {
      starts[k] = sweep.boundary(k) * (1 - 1e-9);
    }
    for (double x : starts) {
      if (!(x > 0)) {
        continue;
      }
      double in = x;
      for (LegLadder l : ladders) {
        in = l.output(in, 0);
      }
      SizingOutcome o = PlanPricer.price(cycle, books, x, in - x, available);
      if (!(o instanceof SizingOutcome.Sized s)
          || !(gas.quote(s.plan()) instanceof GasValuation.Quote.Priced p)) {
        continue;
      }
      TradePlan candidate = s.plan().withGas(p.cost());
      if (candidate.netProfit().compareTo(best.netProfit()) > 0) {
        best = candidate;
      }
    }
    return best;
  }

  /** The book of each book leg ({@code null} for a pool leg) into {@code out}, or a rejection. */
  /**
   * Each book leg's book in {@code snapshot} (a pool leg: null) into {@code out}; null when all are
   * there, else why not. The snapshot's books are indexed once per snapshot.
   */
  private SizingOutcome books(Cycle cycle, MarketSnapshot snapshot, List<OrderBook> out) {
    index(snapshot);
    for (int i = 0; i < cycle.legs().size(); i++) {
      Leg leg = cycle.legs().get(i);
      if (leg.isPool()) {
        out.add(null);
        continue;
      }
      OrderBook b = book(snapshot, leg.market());
      if (b == null) {
        return new SizingOutcome.Rejected(
            cycle,
            RejectReason.NO_LIQUIDITY,
            "leg " + (i + 1) + " " + leg + ": no book for " + leg.market().id() + " in snapshot");
      }
      out.add(b);
    }
    return null;
  }

  private static LegLadder[] ladders(Cycle cycle, List<OrderBook> books) {
    LegLadder[] ladders = new LegLadder[cycle.legs().size()];
    if (books.size() != ladders.length) {
      throw new IllegalArgumentException(
          "one book per leg: " + ladders.length + " legs, " + books.size() + " books");
    }
    for (int i = 0; i < ladders.length; i++) {
      Leg leg = cycle.legs().get(i);
      ladders[i] = leg.isPool() ? LegLadder.of(leg) : LegLadder.of(leg, books.get(i));
    }
    return ladders;
  }

  /**
   * Sizes {@code cycle} on {@code books} (the book of each leg's market, in leg order; {@code null}
   * for a pool leg).
   */
  public SizingOutcome size(Cycle cycle, List<OrderBook> books, BigDecimal available) {
    Objects.requireNonNull(cycle, "cycle");
    return size(cycle, books, ladders(cycle, books), available);
  }

  /**
   * Sizes {@code cycle} with ladders built beforehand (the hot path: build one ladder per market
   * side per snapshot and share it across cycles).
   */
  public SizingOutcome size(
      Cycle cycle, List<OrderBook> books, LegLadder[] ladders, BigDecimal available) {
    Objects.requireNonNull(available, "available");
    if (available.signum() <= 0) {
      return new SizingOutcome.Rejected(
          cycle,
          RejectReason.NO_BALANCE,
          "no "
              + cycle.legs().get(0).fromName()
              + " to trade: available "
              + available.toPlainString());
    }
    for (int i = 0; i < ladders.length; i++) {
      if (ladders[i].depth() == 0) {
        Leg leg = cycle.legs().get(i);
        return new SizingOutcome.Rejected(
            cycle,
            RejectReason.NO_LIQUIDITY,
            "leg " + (i + 1) + " " + leg + ": the book side is empty");
      }
    }
    ExactSweep.Stop stop = sweep.run(ladders, ladders.length, available.doubleValue());
    if (stop == ExactSweep.Stop.NONE) {
      double top = 1.0;
      for (LegLadder l : ladders) {
        top *= l.rate(0);
      }
      return new SizingOutcome.Rejected(
          cycle,
          RejectReason.NO_PROFIT,
          "no profit at any size: "
              + (hasPool(cycle)
                  ? "marginal return after fees is "
                  : "top-of-book return after fees is ")
              + String.format(java.util.Locale.ROOT, "%.4f bp", (top - 1.0) * 10_000.0));
    }
    return PlanPricer.price(cycle, books, sweep.start(), sweep.profit(), available);
  }

  private static boolean hasPool(Cycle cycle) {
    for (Leg l : cycle.legs()) {
      if (l.isPool()) {
        return true;
      }
    }
    return false;
  }

  /** The sweep of the last {@link #size} call (levels examined and used, stop reason). */
  public ExactSweep lastSweep() {
    return sweep;
  }
}
