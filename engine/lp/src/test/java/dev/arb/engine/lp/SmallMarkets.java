package dev.arb.engine.lp;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded small markets for the exactness tests: 3-5 assets (USD first), one or two levels per side,
 * consistent prices (6 significant digits, the cycle's closing market 11) with spreads of 1-10 bp,
 * depths of 4 significant digits, and one injected 3-leg cycle of gain 1e-8 to 1e-3 whose entry
 * from USD is thin and whose own markets are deep, so the best plan often runs the cycle more than
 * once.
 */
final class SmallMarkets {
  static final Asset USD = Asset.of("USD");
  private static final String[] CODES = {"USD", "AAA", "BBB", "CCC", "DDD"};
  private static final Instant T0 = Instant.parse("2023-03-02T15:36:00Z");

  /** One generated instance: the snapshot and the plan's parameters. */
  record Instance(MarketSnapshot snapshot, BigDecimal amount, int steps, int levels, long seed) {}

  private SmallMarkets() {}

  static Instance generate(long seed) {
    Random r = new Random(seed);
    int k = 3 + r.nextInt(3);
    double[] value = new double[k];
    value[0] = 1;
    for (int i = 1; i < k; i++) {
      value[i] = Math.exp(r.nextDouble() * 14 - 7);
    }
    BigDecimal fee = r.nextInt(4) == 0 ? new BigDecimal("0.0001") : BigDecimal.ZERO;
    int levels = k <= 4 ? 1 + r.nextInt(2) : 1;
    BigDecimal amount =
        r.nextBoolean()
            ? new BigDecimal("10000")
            : sig(Math.exp(r.nextDouble() * 12), 4, RoundingMode.DOWN);
    // the cycle: USD-a-b for k = 3, else a-b-c among the non-USD assets
    int[] cyc = k == 3 ? new int[] {0, 1, 2} : new int[] {1, 2, 3};
    List<int[]> pairs = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      for (int j = i + 1; j < k; j++) {
        boolean onCycle = contains(cyc, i) && contains(cyc, j);
        if (onCycle || r.nextInt(10) < 6 || (i == 0 && j == 1)) {
          pairs.add(r.nextBoolean() ? new int[] {i, j} : new int[] {j, i});
        }
      }
    }
    double gain = Math.exp(Math.log(1e-8) + r.nextDouble() * (Math.log(1e-3) - Math.log(1e-8)));
    List<OrderBook> books = new ArrayList<>();
    int[] closing = null;
    double rateSoFar = 1;
    for (int[] p : pairs) {
      int base = p[0];
      int quote = p[1];
      boolean cycleMarket = contains(cyc, base) && contains(cyc, quote);
      if (cycleMarket && isClosing(cyc, base, quote)) {
        closing = p;
        continue;
      }
      boolean thin = (base == 0 || quote == 0) && !cycleMarket;
      OrderBook b =
          book(
              r,
              base,
              quote,
              value[base] / value[quote],
              spread(r),
              fee,
              levels,
              value,
              amount,
              thin,
              6);
      books.add(b);
      if (cycleMarket) {
        rateSoFar *= topRate(b, cyc);
      }
    }
    // the closing market cyc[2]–cyc[0], priced so the cycle's top-of-book rates after fees
    // multiply to about 1 + gain (decimal rounding of the prices moves it by ~1e-10)
    double keep = 1 - fee.doubleValue();
    double spread = spread(r);
    double need = (1 + gain) / rateSoFar / keep; // the closing leg's rate before its fee
    double mid =
        closing[0] == cyc[2]
            ? need / (1 - spread) // selling cyc[2] at the bid
            : 1 / (need * (1 + spread)); // buying cyc[0] at the ask: rate 1/ask
    books.add(book(r, closing[0], closing[1], mid, spread, fee, levels, value, amount, false, 11));
    return new Instance(
        new MarketSnapshot(books, List.of(), "seed-" + seed),
        amount,
        2 + r.nextInt(7),
        levels,
        seed);
  }

  private static boolean contains(int[] a, int x) {
    for (int v : a) {
      if (v == x) {
        return true;
      }
    }
    return false;
  }

  /** The market between cyc[2] and cyc[0] closes the cycle cyc[0]→cyc[1]→cyc[2]→cyc[0]. */
  private static boolean isClosing(int[] cyc, int base, int quote) {
    return (base == cyc[2] && quote == cyc[0]) || (base == cyc[0] && quote == cyc[2]);
  }

  private static double spread(Random r) {
    return 1e-4 + r.nextDouble() * 9e-4;
  }

  /** The top-of-book rate of book b in the direction of the cycle cyc[0]→cyc[1]→cyc[2]→cyc[0]. */
  private static double topRate(OrderBook b, int[] cyc) {
    int base = index(b.market().base().code());
    int quote = index(b.market().quote().code());
    double keep = 1 - b.market().takerFee().doubleValue();
    boolean forward = next(cyc, base) == quote;
    return forward
        ? b.bids().get(0).price().doubleValue() * keep
        : keep / b.asks().get(0).price().doubleValue();
  }

  private static int next(int[] cyc, int x) {
    for (int i = 0; i < cyc.length; i++) {
      if (cyc[i] == x) {
        return cyc[(i + 1) % cyc.length];
      }
    }
    return -1;
  }

  private static int index(String code) {
    for (int i = 0; i < CODES.length; i++) {
      if (CODES[i].equals(code)) {
        return i;
      }
    }
    throw new IllegalArgumentException(code);
  }

  private static OrderBook book(
      Random r,
      int base,
      int quote,
      double mid,
      double spread,
      BigDecimal fee,
      int levels,
      double[] value,
      BigDecimal amount,
      boolean thin,
      int digits) {
    List<BookLevel> bids = new ArrayList<>();
    List<BookLevel> asks = new ArrayList<>();
    for (int j = 0; j < levels; j++) {
      double off = spread * (1 + 2 * j);
      BigDecimal bid = sig(mid * (1 - off), digits, RoundingMode.DOWN);
      BigDecimal ask = sig(mid * (1 + off), digits, RoundingMode.UP);
      // depth in start-asset value: thin entries 0.01-0.5 of the amount, others 0.5-20
      double depthValue =
          amount.doubleValue()
              * (thin ? 0.01 + r.nextDouble() * 0.49 : 0.5 + r.nextDouble() * 19.5);
      BigDecimal size = sig(depthValue / value[base], 4, RoundingMode.DOWN);
      bids.add(new BookLevel(bid, size));
      asks.add(
          new BookLevel(
              ask, sig(depthValue * (0.5 + r.nextDouble()) / value[base], 4, RoundingMode.DOWN)));
    }
    Market m =
        new Market(
            "x",
            Asset.of(CODES[base]),
            Asset.of(CODES[quote]),
            fee,
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            BigDecimal.ZERO);
    return new OrderBook(m, bids, asks, T0);
  }

  private static BigDecimal sig(double v, int digits, RoundingMode mode) {
    return new BigDecimal(v).round(new MathContext(digits, mode)).stripTrailingZeros();
  }
}
