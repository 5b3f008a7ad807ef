package dev.arb.engine.path;

import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random books for the streaming tests: assets with hidden prices, markets on one to three
 * exchanges whose mids follow the prices with a little noise, spreads and fees, so that most states
 * have no arbitrage and a lifted book makes some; and the update mix the runner sees (small moves,
 * volatile moves, lifts that open cycles, emptied and refilled sides).
 */
final class RandomBooks {
  static final String[] ASSETS = {"USD", "EUR", "BTC", "ETH", "ADA", "SOL", "XRP", "DOT"};

  private RandomBooks() {}

  /** A random snapshot of 4-8 assets on 1-3 exchanges. */
  static MarketSnapshot snapshot(Random r) {
    int assets = 4 + r.nextInt(5);
    int exchanges = 1 + r.nextInt(3);
    double[] price = new double[assets];
    for (int a = 0; a < assets; a++) {
      price[a] = Math.exp(r.nextGaussian() * 3);
    }
    Map<String, OrderBook> books = new LinkedHashMap<>();
    int markets = assets + r.nextInt(assets * 2);
    for (int m = 0; m < markets; m++) {
      int b = r.nextInt(assets);
      int q = r.nextInt(assets);
      if (b == q) {
        continue;
      }
      String ex = "ex" + r.nextInt(exchanges);
      BigDecimal fee = r.nextBoolean() ? BigDecimal.ZERO : new BigDecimal("0.001");
      Market market = Market.of(ex, ASSETS[b], ASSETS[q], fee);
      double mid = price[b] / price[q] * Math.exp(r.nextGaussian() * 0.002);
      double half = mid * (0.0002 + r.nextDouble() * 0.002);
      List<BookLevel> bids = new ArrayList<>();
      List<BookLevel> asks = new ArrayList<>();
      if (r.nextInt(10) != 0) {
        bids.add(new BookLevel(dec(mid - half), BigDecimal.ONE));
      }
      if (r.nextInt(10) != 0 || bids.isEmpty()) {
        asks.add(new BookLevel(dec(mid + half), BigDecimal.ONE));
      }
      books.putIfAbsent(market.id(), new OrderBook(market, bids, asks, Instant.EPOCH));
    }
    return new MarketSnapshot(new ArrayList<>(books.values()), List.of(), "random");
  }

  /** One update of a top of book: the new best bid and ask (0: empty side). */
  record Update(int market, double bid, double ask) {}

  /**
   * A random update of one of the graph's books from its current top: 70 % move by under 1 bp, 18 %
   * by up to 30 bp, 8 % are lifted or dropped by 0.5-3 % (cycles open and close), 4 % empty or
   * refill one side.
   */
  static Update update(Random r, PathGraph g, double[] bid, double[] ask) {
    int m = r.nextInt(g.marketCount());
    double mid = mid(bid[m], ask[m]);
    double spread = bid[m] > 0 && ask[m] > 0 ? (ask[m] - bid[m]) / mid : 0.001;
    int kind = r.nextInt(100);
    double move;
    if (kind < 70) {
      move = r.nextGaussian() * 0.00005;
    } else if (kind < 88) {
      move = r.nextGaussian() * 0.003;
    } else if (kind < 96) {
      move = (r.nextBoolean() ? 1 : -1) * (0.005 + r.nextDouble() * 0.025);
    } else {
      double b = bid[m] > 0 && r.nextBoolean() ? 0 : mid * (1 - spread / 2);
      double a = b == 0 ? mid * (1 + spread / 2) : ask[m] > 0 && r.nextBoolean() ? 0 : mid;
      if (a > 0 && b > 0 && a <= b) {
        a = b * 1.0005;
      }
      return new Update(m, b, a);
    }
    double newMid = mid * Math.exp(move);
    double half = newMid * Math.max(0.0001, spread / 2);
    return new Update(
        m, bid[m] > 0 ? newMid - half : 0, ask[m] > 0 || bid[m] == 0 ? newMid + half : 0);
  }

  private static double mid(double bid, double ask) {
    if (bid > 0 && ask > 0) {
      return (bid + ask) / 2;
    }
    return bid > 0 ? bid : ask;
  }

  /** The current best bid of each market of a snapshot (0: empty side), in graph market order. */
  static double[] bids(MarketSnapshot s) {
    double[] out = new double[s.books().size()];
    for (int i = 0; i < out.length; i++) {
      OrderBook b = s.books().get(i);
      out[i] = b.bids().isEmpty() ? 0 : b.bids().get(0).price().doubleValue();
    }
    return out;
  }

  /** The current best ask of each market (0: empty side), in graph market order. */
  static double[] asks(MarketSnapshot s) {
    double[] out = new double[s.books().size()];
    for (int i = 0; i < out.length; i++) {
      OrderBook b = s.books().get(i);
      out[i] = b.asks().isEmpty() ? 0 : b.asks().get(0).price().doubleValue();
    }
    return out;
  }

  static BigDecimal dec(double v) {
    return new BigDecimal(v, new MathContext(12));
  }
}
