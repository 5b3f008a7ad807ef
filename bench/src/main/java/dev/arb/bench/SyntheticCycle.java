package dev.arb.bench;

import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Side;
import dev.arb.engine.sizing.LegLadder;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A profitable cycle of sell legs A0 → A1 → … → A0 on one exchange, each book with {@code levels}
 * bid levels, for the sizing benchmarks.
 *
 * <p>Top of book returns +1 % after a 0.1 % fee per leg; each leg's bid falls linearly over its
 * depth (by default 0.3 %), so the marginal rate of the deepest levels is below 1 and the optimum
 * uses about 80 % of every leg's levels: the sweep crosses most levels, and the LP's adaptive depth
 * must model them all.
 */
public final class SyntheticCycle {
  private static final MathContext MC = new MathContext(12);
  private static final BigDecimal FEE = new BigDecimal("0.001");

  private final Cycle cycle;
  private final List<OrderBook> books;
  private final LegLadder[] ladders;

  private SyntheticCycle(Cycle cycle, List<OrderBook> books, LegLadder[] ladders) {
    this.cycle = cycle;
    this.books = books;
    this.ladders = ladders;
  }

  /** Each leg's bid decline over its depth in the default cycle: about 80 % of levels used. */
  public static final double DEEP = 0.003;

  /** A decline that makes the optimum use about 25 % of every leg's levels. */
  public static final double SHALLOW = 0.01;

  /** A cycle of {@code legs} sell legs with {@code levels} levels each; same seed, same books. */
  public static SyntheticCycle generate(int legs, int levels, long seed) {
    return generate(legs, levels, DEEP, seed);
  }

  /**
   * As {@link #generate(int, int, long)}, with each leg's bid falling by the fraction {@code
   * decline} over its depth: the optimum uses about {@code (1 − 1.01^(−1/legs)) / decline} of every
   * leg's levels (0.8 at {@link #DEEP}, 0.25 at {@link #SHALLOW} for 4 legs).
   */
  public static SyntheticCycle generate(int legs, int levels, double decline, long seed) {
    Random rnd = new Random(seed);
    double keep = 1 - FEE.doubleValue();
    double top = Math.pow(1.01, 1.0 / legs) / keep;
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    List<Leg> legList = new ArrayList<>(legs);
    List<OrderBook> books = new ArrayList<>(legs);
    LegLadder[] ladders = new LegLadder[legs];
    double ret = 1.0;
    for (int i = 0; i < legs; i++) {
      Market m = Market.of("synth", "A" + i, "A" + ((i + 1) % legs), FEE);
      List<BookLevel> bids = new ArrayList<>(levels);
      List<BookLevel> asks = new ArrayList<>(levels);
      for (int j = 0; j < levels; j++) {
        double bid = top * (1 - decline * j / levels);
        double ask = top * 1.002 * (1 + decline * j / levels);
        bids.add(level(bid, rnd));
        asks.add(level(ask, rnd));
      }
      OrderBook book = new OrderBook(m, bids, asks, at);
      Leg leg = new Leg(m, Side.SELL);
      legList.add(leg);
      books.add(book);
      ladders[i] = LegLadder.of(leg, book);
      ret *= ladders[i].rate(0);
    }
    return new SyntheticCycle(new Cycle(legList, ret), List.copyOf(books), ladders);
  }

  private static BookLevel level(double price, Random rnd) {
    return new BookLevel(new BigDecimal(price, MC), new BigDecimal(0.5 + rnd.nextDouble(), MC));
  }

  public Cycle cycle() {
    return cycle;
  }

  /** The book of each leg's market, in leg order. */
  public List<OrderBook> books() {
    return books;
  }

  /** The ladder of each leg (shared, not copied: do not change). */
  public LegLadder[] ladders() {
    return ladders;
  }
}
