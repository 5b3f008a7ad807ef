package dev.arb.engine.sizing;

import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sizes candidate cycles: how much to trade on each leg so that the profit in the start asset is
 * maximal, subject to book depth, fees, lot sizes, minimums and the available balance.
 *
 * <p>Pipeline per cycle: {@link LegLadder} (book side → primitive arrays, per snapshot) → {@link
 * ExactSweep} (optimal start amount in double, adaptive depth) → {@link PlanPricer} (lot rounding,
 * minimums, exact re-pricing in BigDecimal). The reported profit is the re-priced one.
 *
 * <p>Holds one {@link ExactSweep}: not thread-safe, use one instance per thread.
 */
public final class AmtOptimizer {
  private final ExactSweep sweep;

  /** An optimizer for cycles of up to {@code maxLegs} legs. */
  public AmtOptimizer(int maxLegs) {
    this.sweep = new ExactSweep(maxLegs);
  }

  /** Sizes {@code cycle} on the books of {@code snapshot} with {@code available} start asset. */
  public SizingOutcome size(Cycle cycle, MarketSnapshot snapshot, BigDecimal available) {
    Map<String, OrderBook> byId = new HashMap<>();
    for (OrderBook b : snapshot.books()) {
      byId.put(b.market().id(), b);
    }
    List<OrderBook> books = new ArrayList<>(cycle.legs().size());
    for (int i = 0; i < cycle.legs().size(); i++) {
      Leg leg = cycle.legs().get(i);
      OrderBook b = byId.get(leg.market().id());
      if (b == null) {
        return new SizingOutcome.Rejected(
            cycle,
            RejectReason.NO_LIQUIDITY,
            "leg " + (i + 1) + " " + leg + ": no book for " + leg.market().id() + " in snapshot");
      }
      books.add(b);
    }
    return size(cycle, books, available);
  }

  /** Sizes {@code cycle} on {@code books} (the book of each leg's market, in leg order). */
  public SizingOutcome size(Cycle cycle, List<OrderBook> books, BigDecimal available) {
    Objects.requireNonNull(cycle, "cycle");
    LegLadder[] ladders = new LegLadder[cycle.legs().size()];
    if (books.size() != ladders.length) {
      throw new IllegalArgumentException(
          "one book per leg: " + ladders.length + " legs, " + books.size() + " books");
    }
    for (int i = 0; i < ladders.length; i++) {
      ladders[i] = LegLadder.of(cycle.legs().get(i), books.get(i));
    }
    return size(cycle, books, ladders, available);
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
          "no " + cycle.startAsset() + " to trade: available " + available.toPlainString());
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
          "no profit at any size: top-of-book return after fees is "
              + String.format(java.util.Locale.ROOT, "%.4f bp", (top - 1.0) * 10_000.0));
    }
    return PlanPricer.price(cycle, books, sweep.start(), sweep.profit(), available);
  }

  /** The sweep of the last {@link #size} call (levels examined and used, stop reason). */
  public ExactSweep lastSweep() {
    return sweep;
  }
}
