package dev.arb.bench;

import dev.arb.engine.model.ChainSnapshot;
import dev.arb.engine.model.ConstantProductPool;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.Pool;
import dev.arb.engine.model.Token;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;

/**
 * Synthetic DEX snapshots for benchmarks (made-up tokens, reserves and addresses): degrees are
 * heavy-tailed like a real DEX, most pools touch one of four hubs (WETH, USDC, USDT, DAI). Every
 * token has a hidden USD price; a pool's two reserves are worth the same at those prices, with 0.5
 * % noise, and a few pools are mispriced by a few percent so some cycles are profitable after the
 * 0.3 % fees.
 */
public final class SyntheticPools {
  private static final String[] HUBS = {"WETH", "USDC", "USDT", "DAI"};
  private static final int[] HUB_DECIMALS = {18, 6, 6, 18};
  private static final double[] HUB_PRICE = {2000, 1, 1, 1};
  // chance that a pool of a non-hub token pairs it with each hub
  private static final double[] HUB_SHARE = {0.5, 0.25, 0.15, 0.10};

  private SyntheticPools() {}

  /** {@code pools} pools over {@code tokens} tokens; the same arguments give the same snapshot. */
  public static MarketSnapshot generate(int pools, int tokens, long seed) {
    Random rnd = new Random(seed);
    List<Token> ts = new ArrayList<>(tokens);
    double[] price = new double[tokens];
    for (int i = 0; i < tokens; i++) {
      boolean hub = i < HUBS.length;
      ts.add(
          Token.of(
              "ethereum",
              String.format("0x%040x", 0x10000L + i),
              hub ? HUBS[i] : "T" + i,
              hub ? HUB_DECIMALS[i] : rnd.nextInt(10) == 0 ? 6 : 18));
      price[i] = hub ? HUB_PRICE[i] : Math.exp(rnd.nextGaussian() * 2);
    }
    List<Pool> ps = new ArrayList<>(pools);
    Set<Long> pairs = new HashSet<>();
    // the hubs among themselves
    for (int a = 0; a < HUBS.length && ps.size() < pools; a++) {
      for (int b = a + 1; b < HUBS.length && ps.size() < pools; b++) {
        ps.add(pool(ps.size(), ts, price, a, b, 5e7, 0.0005, rnd));
        pairs.add((long) a * tokens + b);
      }
    }
    // every other token once with a hub, then more pools for a few popular tokens (Zipf-like)
    for (int t = HUBS.length; t < tokens && ps.size() < pools; t++) {
      int h = hub(rnd);
      ps.add(pool(ps.size(), ts, price, h, t, value(rnd), noise(rnd), rnd));
      pairs.add((long) h * tokens + t);
    }
    int guard = 0;
    while (ps.size() < pools && guard++ < 100 * pools) {
      int t =
          HUBS.length
              + (int) Math.min(tokens - HUBS.length - 1, Math.abs(rnd.nextGaussian()) * 300);
      int other = rnd.nextInt(10) == 0 ? HUBS.length + rnd.nextInt(tokens - HUBS.length) : hub(rnd);
      if (other == t) {
        continue;
      }
      int a = Math.min(t, other);
      int b = Math.max(t, other);
      if (pairs.add((long) a * tokens + b) || rnd.nextInt(4) == 0) {
        ps.add(pool(ps.size(), ts, price, a, b, value(rnd), noise(rnd), rnd));
      }
    }
    ChainSnapshot chain =
        new ChainSnapshot(
            "ethereum",
            1,
            OptionalLong.of(20_000_000),
            Instant.parse("2026-01-01T00:00:00Z"),
            Optional.of(ts.get(0).address()),
            ts,
            ps);
    return new MarketSnapshot(List.of(), List.of(), "synthetic pools", List.of(chain));
  }

  private static int hub(Random rnd) {
    double u = rnd.nextDouble();
    for (int h = 0; h < HUBS.length; h++) {
      u -= HUB_SHARE[h];
      if (u < 0) {
        return h;
      }
    }
    return 0;
  }

  private static double value(Random rnd) {
    return Math.exp(Math.log(50_000) + rnd.nextGaussian() * 1.5);
  }

  private static double noise(Random rnd) {
    return rnd.nextInt(200) == 0 ? 0.03 : 0.005;
  }

  private static Pool pool(
      int n, List<Token> ts, double[] price, int a, int b, double usd, double noise, Random rnd) {
    Token ta = ts.get(a);
    Token tb = ts.get(b);
    double ra = usd / price[a] * (1 + rnd.nextGaussian() * noise);
    double rb = usd / price[b] * (1 + rnd.nextGaussian() * noise);
    return new ConstantProductPool(
        "ethereum",
        String.format("0x%040x", 0xdd000000L + n),
        n % 5 == 0 ? "sushiswap" : "uniswap-v2",
        ta,
        tb,
        units(ta, Math.abs(ra)),
        units(tb, Math.abs(rb)),
        new BigDecimal("0.003"));
  }

  private static BigInteger units(Token t, double v) {
    BigInteger u = t.units(new BigDecimal(v));
    return u.signum() > 0 ? u : BigInteger.ONE;
  }
}
