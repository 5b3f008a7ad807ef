package dev.arb.engine.pool;

import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.ChainSnapshot;
import dev.arb.engine.model.ConstantProductPool;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Pool;
import dev.arb.engine.model.Token;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;

/**
 * Seeded random pool sets for tests (synthetic, not chain data): tokens with a hidden price and
 * random decimals, constant-product pools whose reserves follow the hidden prices with a few
 * percent of noise (so some cycles are profitable), optionally order books on the same chain venue.
 */
public final class SyntheticPools {
  public static final String CHAIN = "testchain";
  public static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
  private static final String[] FEES = {"0.003", "0.0025", "0.001", "0.01", "0", "0.003"};
  private static final int[] DECIMALS = {18, 6, 8, 18, 0, 12};

  private SyntheticPools() {}

  /** A token with address {@code 0x…<n>}. */
  public static Token token(int n, String symbol, int decimals) {
    return Token.of(CHAIN, String.format("0x%040x", 0x1000 + n), symbol, decimals);
  }

  /** A constant-product pool with address {@code 0x…<n>} and reserves in token units. */
  public static ConstantProductPool pool(
      int n, Token t0, Token t1, String reserve0, String reserve1, String fee) {
    return new ConstantProductPool(
        CHAIN,
        String.format("0x%040x", 0xbeef0000L + n),
        "dex" + (n % 3),
        t0,
        t1,
        units(t0, Double.parseDouble(reserve0)),
        units(t1, Double.parseDouble(reserve1)),
        new BigDecimal(fee));
  }

  /** A chain state of these tokens and pools, wrapped native token = the first token. */
  public static ChainSnapshot chain(List<Token> tokens, List<Pool> pools) {
    return new ChainSnapshot(
        CHAIN, 31337, OptionalLong.of(1), AT, Optional.of(tokens.get(0).address()), tokens, pools);
  }

  /** A random set: {@code tokens} tokens, {@code pools} pools, {@code books} books. */
  public static MarketSnapshot random(long seed, int tokens, int pools, int books) {
    Random rnd = new Random(seed);
    List<Token> ts = new ArrayList<>();
    double[] price = new double[tokens];
    for (int i = 0; i < tokens; i++) {
      int decimals = DECIMALS[rnd.nextInt(DECIMALS.length)];
      ts.add(token(i, "T" + i, decimals));
      price[i] = Math.exp(rnd.nextGaussian() * 2);
    }
    List<Pool> ps = new ArrayList<>();
    for (int k = 0; k < pools; k++) {
      int a = rnd.nextInt(tokens);
      int b = rnd.nextInt(tokens - 1);
      b = b >= a ? b + 1 : b;
      double value = Math.exp(8 + rnd.nextGaussian() * 2); // in units of "price 1"
      double ra = value / price[a] * (1 + rnd.nextGaussian() * 0.02);
      double rb = value / price[b] * (1 + rnd.nextGaussian() * 0.02);
      String r0 = decimal(Math.abs(ra) + 1e-6 * (1 + value / price[a]));
      String r1 = decimal(Math.abs(rb) + 1e-6 * (1 + value / price[b]));
      ps.add(pool(k, ts.get(a), ts.get(b), r0, r1, FEES[rnd.nextInt(FEES.length)]));
    }
    List<OrderBook> bs = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (int k = 0; k < books; k++) {
      int a = rnd.nextInt(tokens);
      int b = rnd.nextInt(tokens - 1);
      b = b >= a ? b + 1 : b;
      String key = a + "/" + b;
      if (seen.contains(key)) {
        continue;
      }
      seen.add(key);
      Market m =
          new Market(
              CHAIN,
              ts.get(a).asset(),
              ts.get(b).asset(),
              new BigDecimal("0.001"),
              BigDecimal.ZERO,
              BigDecimal.ZERO,
              BigDecimal.ZERO,
              BigDecimal.ZERO);
      double mid = price[a] / price[b] * (1 + rnd.nextGaussian() * 0.02);
      List<BookLevel> bids = new ArrayList<>();
      List<BookLevel> asks = new ArrayList<>();
      int levels = 1 + rnd.nextInt(5);
      double bid = mid * (1 - 0.001 - rnd.nextDouble() * 0.002);
      double ask = mid * (1 + 0.001 + rnd.nextDouble() * 0.002);
      for (int l = 0; l < levels; l++) {
        double amount = Math.exp(2 + rnd.nextGaussian()) / price[a];
        bids.add(new BookLevel(new BigDecimal(decimal(bid)), new BigDecimal(decimal(amount))));
        asks.add(new BookLevel(new BigDecimal(decimal(ask)), new BigDecimal(decimal(amount))));
        bid *= 1 - 0.002 - rnd.nextDouble() * 0.005;
        ask *= 1 + 0.002 + rnd.nextDouble() * 0.005;
      }
      bs.add(new OrderBook(m, bids, asks, AT));
    }
    return new MarketSnapshot(bs, List.of(), "synthetic-" + seed, List.of(chain(ts, ps)));
  }

  private static String decimal(double v) {
    return new BigDecimal(v).round(new MathContext(15)).toPlainString();
  }

  /** {@code v} as a BigInteger reserve in smallest units of {@code t}, at least 1. */
  public static BigInteger units(Token t, double v) {
    BigInteger u = t.units(new BigDecimal(v));
    return u.signum() > 0 ? u : BigInteger.ONE;
  }
}
