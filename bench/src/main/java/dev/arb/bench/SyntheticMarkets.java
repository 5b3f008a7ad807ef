package dev.arb.bench;

import dev.arb.engine.model.Asset;
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
 * Synthetic multi-exchange snapshots for benchmarks: every asset has a hidden price; each market's
 * mid is the ratio of its assets' prices times a little noise, with a spread and a fee, so almost
 * no cycle is profitable; a few cycles are injected by lifting one bid above the hidden ratio.
 */
public final class SyntheticMarkets {
  private static final MathContext MC = new MathContext(12);
  private static final BigDecimal FEE = new BigDecimal("0.001");

  private SyntheticMarkets() {}

  /**
   * A snapshot whose graph has about {@code edges} edges (two per market with both sides).
   *
   * @param edges target edge count
   * @param exchanges number of exchanges (markets are spread evenly)
   * @param levels book levels per side
   * @param injected how many profitable triangles to inject
   * @param seed random seed: the same arguments give the same snapshot
   */
  public static MarketSnapshot generate(
      int edges, int exchanges, int levels, int injected, long seed) {
    Random rnd = new Random(seed);
    int markets = edges / 2;
    int perExchange = Math.max(1, markets / exchanges);
    // enough assets that each exchange can list perExchange distinct pairs: n(n-1)/2 >= 2 * per
    int assets = 3;
    while ((long) assets * (assets - 1) / 2 < 2L * perExchange) {
      assets++;
    }
    double[] price = new double[assets];
    for (int i = 0; i < assets; i++) {
      price[i] = Math.exp(rnd.nextGaussian() * 3);
    }
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    List<OrderBook> books = new ArrayList<>(markets);
    for (int e = 0; e < exchanges; e++) {
      String exchange = "ex" + e;
      Set<Long> used = new HashSet<>();
      int made = 0;
      while (made < perExchange) {
        int b = rnd.nextInt(assets);
        int q = rnd.nextInt(assets);
        if (b == q || !used.add((long) Math.min(b, q) * assets + Math.max(b, q))) {
          continue;
        }
        double mid = price[b] / price[q] * (1 + rnd.nextGaussian() * 0.0005);
        double spread = 0.0005 + rnd.nextDouble() * 0.002;
        books.add(book(exchange, b, q, mid, spread, levels, rnd, now));
        made++;
      }
    }
    for (int k = 0; k < injected && books.size() > 0; k++) {
      int i = rnd.nextInt(books.size());
      OrderBook ob = books.get(i);
      double bid = ob.bids().get(0).price().doubleValue();
      double ask = ob.asks().get(0).price().doubleValue();
      // lift the whole book by 1 % so its bid is above other venues' asks
      double mid = (bid + ask) / 2 * 1.01;
      String exchange = ob.market().exchange();
      books.set(
          i,
          book(
              exchange,
              indexOf(ob.market().base()),
              indexOf(ob.market().quote()),
              mid,
              (ask - bid) / ((bid + ask) / 2),
              levels,
              rnd,
              now));
    }
    return new MarketSnapshot(
        books, List.of(), "synthetic(" + edges + " edges, seed " + seed + ")");
  }

  private static int indexOf(Asset a) {
    return Integer.parseInt(a.code().substring(1));
  }

  private static OrderBook book(
      String exchange,
      int b,
      int q,
      double mid,
      double spread,
      int levels,
      Random rnd,
      Instant at) {
    Market m = Market.of(exchange, "A" + b, "A" + q, FEE);
    List<BookLevel> bids = new ArrayList<>(levels);
    List<BookLevel> asks = new ArrayList<>(levels);
    double bid = mid * (1 - spread / 2);
    double ask = mid * (1 + spread / 2);
    for (int l = 0; l < levels; l++) {
      double step = 1 - 0.0002 * (l + 1);
      bids.add(level(bid * Math.pow(step, l), rnd));
      asks.add(level(ask / Math.pow(step, l), rnd));
    }
    return new OrderBook(m, bids, asks, at);
  }

  private static BookLevel level(double price, Random rnd) {
    return new BookLevel(
        new BigDecimal(price, MC), new BigDecimal(0.1 + rnd.nextDouble() * 10, MC));
  }
}
