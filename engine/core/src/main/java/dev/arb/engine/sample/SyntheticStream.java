package dev.arb.engine.sample;

import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A synthetic stream of book updates for {@code arb bench stream} and the streaming benchmarks:
 * markets spread evenly over some exchanges (every asset has a hidden price; a market's mid is the
 * ratio of its assets' prices times a deviation that reverts to 0; spread 5-25 bp; taker fee 10 bp;
 * five levels a side), so that almost no cycle is profitable; then updates of random markets, each
 * a new full book:
 *
 * <ul>
 *   <li>89.8 % calm: the deviation halves and moves by about 0.3 bp (well under 1 bp);
 *   <li>10 % volatile: it jumps to a fresh value of about 5 bp (standard deviation);
 *   <li>0.2 %: the book is lifted (or dropped) by 1-2 %, which opens profitable cycles through it;
 *       one to eight updates later the market falls back to its fair price (the opportunity lives a
 *       few updates, as on a liquid venue); one lifted book at a time.
 * </ul>
 *
 * The same arguments give the same snapshot and the same updates.
 */
public final class SyntheticStream {
  /** Calm updates per thousand. */
  static final int CALM_PER_MILLE = 898;

  /** Volatile updates per thousand; the remaining 2 per thousand are lifts. */
  static final int VOLATILE_PER_MILLE = 100;

  private static final MathContext MC = new MathContext(10);
  private static final BigDecimal FEE = new BigDecimal("0.001");
  private static final int LEVELS = 5;

  /** What an update does to its market. */
  public enum Kind {
    CALM,
    VOLATILE,
    LIFT,
    REVERT
  }

  private final Random rnd;
  private final Market[] markets;
  private final double[] fair;
  private final double[] deviation;
  private final double[] spread;
  private final boolean[] lifted;
  private final MarketSnapshot initial;
  private final Instant start;
  private long updates;
  private int pending = -1;
  private int revertIn;
  private Kind lastKind;
  private int lastMarket;

  private SyntheticStream(int edges, int exchanges, long seed) {
    if (edges < 2 * exchanges * 3 || exchanges < 1) {
      throw new IllegalArgumentException(
          "a synthetic stream needs at least 6 edges per exchange, got " + edges);
    }
    rnd = new Random(seed);
    int count = edges / 2;
    int perExchange = Math.max(1, count / exchanges);
    int assets = 3;
    while ((long) assets * (assets - 1) / 2 < 2L * perExchange) {
      assets++;
    }
    double[] price = new double[assets];
    for (int i = 0; i < assets; i++) {
      price[i] = Math.exp(rnd.nextGaussian() * 3);
    }
    markets = new Market[perExchange * exchanges];
    fair = new double[markets.length];
    deviation = new double[markets.length];
    spread = new double[markets.length];
    lifted = new boolean[markets.length];
    start = Instant.parse("2026-01-01T00:00:00Z");
    List<OrderBook> books = new ArrayList<>(markets.length);
    int i = 0;
    for (int e = 0; e < exchanges; e++) {
      Set<Long> used = new HashSet<>();
      int made = 0;
      while (made < perExchange) {
        int b = rnd.nextInt(assets);
        int q = rnd.nextInt(assets);
        if (b == q || !used.add((long) Math.min(b, q) * assets + Math.max(b, q))) {
          continue;
        }
        markets[i] = Market.of("ex" + e, "A" + b, "A" + q, FEE);
        fair[i] = price[b] / price[q];
        deviation[i] = rnd.nextGaussian() * 0.0002;
        spread[i] = 0.0005 + rnd.nextDouble() * 0.002;
        books.add(book(i, 1.0, start));
        made++;
        i++;
      }
    }
    initial =
        new MarketSnapshot(
            books, List.of(), "synthetic stream (" + edges + " edges, seed " + seed + ")");
  }

  /**
   * A stream over about {@code edges} edges (two per market) on {@code exchanges} exchanges.
   *
   * @throws IllegalArgumentException with fewer than 6 edges per exchange
   */
  public static SyntheticStream generate(int edges, int exchanges, long seed) {
    return new SyntheticStream(edges, exchanges, seed);
  }

  /** The markets' first books. */
  public MarketSnapshot initial() {
    return initial;
  }

  /** Markets in the stream. */
  public int markets() {
    return markets.length;
  }

  /** The next update: a new book of one market (allocated here, as a feed would). */
  public OrderBook next() {
    updates++;
    int m = rnd.nextInt(markets.length);
    double factor = 1.0;
    Kind kind;
    if (pending >= 0 && --revertIn == 0) {
      m = pending;
      pending = -1;
      lifted[m] = false;
      kind = Kind.REVERT;
    } else if (lifted[m]) {
      lifted[m] = false;
      pending = -1;
      kind = Kind.REVERT;
    } else {
      int roll = rnd.nextInt(1000);
      if (roll < CALM_PER_MILLE) {
        kind = Kind.CALM;
        deviation[m] = 0.5 * deviation[m] + rnd.nextGaussian() * 0.00003;
      } else if (roll < CALM_PER_MILLE + VOLATILE_PER_MILLE) {
        kind = Kind.VOLATILE;
        deviation[m] = rnd.nextGaussian() * 0.0005;
      } else if (pending >= 0) {
        kind = Kind.CALM; // one lifted book at a time
      } else {
        kind = Kind.LIFT;
        lifted[m] = true;
        pending = m;
        revertIn = 1 + rnd.nextInt(8);
        factor = (rnd.nextBoolean() ? 1 : -1) * (0.01 + rnd.nextDouble() * 0.01) + 1;
      }
    }
    lastKind = kind;
    lastMarket = m;
    return book(m, factor, start.plusNanos(updates * 100_000L));
  }

  /** What the last {@link #next()} did. */
  public Kind lastKind() {
    return lastKind;
  }

  /** The market of the last {@link #next()}, in {@link #initial()}'s book order. */
  public int lastMarket() {
    return lastMarket;
  }

  private OrderBook book(int m, double factor, Instant at) {
    double mid = fair[m] * Math.exp(deviation[m]) * factor;
    double bid = mid * (1 - spread[m] / 2);
    double ask = mid * (1 + spread[m] / 2);
    List<BookLevel> bids = new ArrayList<>(LEVELS);
    List<BookLevel> asks = new ArrayList<>(LEVELS);
    for (int l = 0; l < LEVELS; l++) {
      double step = 1 - 0.0002 * (l + 1);
      bids.add(level(bid * Math.pow(step, l), 0.5 + l));
      asks.add(level(ask / Math.pow(step, l), 0.5 + l));
    }
    return new OrderBook(markets[m], bids, asks, at);
  }

  private static BookLevel level(double price, double amount) {
    return new BookLevel(new BigDecimal(price, MC), new BigDecimal(amount, MC));
  }
}
