package dev.arb.engine.pool;

import dev.arb.engine.model.ConcentratedPool;
import dev.arb.engine.model.Token;
import dev.arb.engine.model.v3.TickMath;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * Seeded random concentrated-liquidity pool states for tests (synthetic, not chain data): a price
 * near a hidden one, one to six positions of random widths around it (some entirely above or below
 * the price, so ranges without liquidity and zero active liquidity occur), at one of the four
 * Uniswap V3 fee tiers with its tick spacing, the ticks recorded over one to three bitmap words
 * either side of the price.
 */
public final class SyntheticConcentratedPools {
  private static final int[] FEES = {100, 500, 3000, 10000};
  private static final int[] SPACINGS = {1, 10, 60, 200};

  private SyntheticConcentratedPools() {}

  /**
   * A pool of {@code t0}/{@code t1} whose price is {@code price} (token1 per token0, token units)
   * with 2 % noise, holding about {@code value / price1} of token1 near the price.
   */
  public static ConcentratedPool random(
      Random rnd, int n, Token t0, Token t1, double price, double value, double price1) {
    int tier = rnd.nextInt(FEES.length);
    int fee = FEES[tier];
    int spacing = SPACINGS[tier];
    double raw =
        price * (1 + rnd.nextGaussian() * 0.02) * Math.pow(10, t1.decimals() - t0.decimals());
    BigInteger sqrt =
        new BigDecimal(Math.sqrt(raw))
            .multiply(new BigDecimal(BigInteger.ONE.shiftLeft(96)))
            .toBigInteger()
            .max(TickMath.MIN_SQRT_RATIO)
            .min(TickMath.MAX_SQRT_RATIO.subtract(BigInteger.ONE));
    int tick = TickMath.tickAtSqrtRatio(sqrt);
    int usable = (TickMath.MAX_TICK / spacing) * spacing;
    int centre = Math.floorDiv(tick, spacing) * spacing;
    double yHuman = value / price1;
    TreeMap<Integer, BigInteger> net = new TreeMap<>();
    BigInteger active = BigInteger.ZERO;
    int positions = 1 + rnd.nextInt(6);
    for (int k = 0; k < positions; k++) {
      int shift = rnd.nextInt(5) == 0 ? (rnd.nextBoolean() ? 1 : -1) * rnd.nextInt(1, 400) : 0;
      int lower = centre + spacing * (shift - 1 - rnd.nextInt(300));
      int upper = centre + spacing * (shift + 1 + rnd.nextInt(300));
      lower = Math.max(-usable, Math.min(usable - spacing, lower));
      upper = Math.max(lower + spacing, Math.min(usable, upper));
      double l =
          yHuman * Math.pow(10, t1.decimals()) / Math.sqrt(raw) * Math.exp(rnd.nextGaussian());
      BigInteger liquidity =
          new BigDecimal(l).round(new MathContext(12)).toBigInteger().max(BigInteger.valueOf(1000));
      net.merge(lower, liquidity, BigInteger::add);
      net.merge(upper, liquidity.negate(), BigInteger::add);
      if (lower <= tick && tick < upper) {
        active = active.add(liquidity);
      }
    }
    int word = 256 * spacing;
    int lowest =
        Math.max(TickMath.MIN_TICK, (Math.floorDiv(tick, word) - 1 - rnd.nextInt(3)) * word);
    int highest =
        Math.min(
            TickMath.MAX_TICK, (Math.floorDiv(tick, word) + 2 + rnd.nextInt(3)) * word - spacing);
    List<ConcentratedPool.Tick> ticks = new ArrayList<>();
    for (var e : net.entrySet()) {
      if (e.getKey() >= lowest && e.getKey() <= highest) {
        ticks.add(new ConcentratedPool.Tick(e.getKey(), e.getValue()));
      }
    }
    return new ConcentratedPool(
        t0.chain(),
        String.format("0x%040x", 0xc0ffee0000L + n),
        "uniswap-v3",
        t0,
        t1,
        BigDecimal.valueOf(fee).movePointLeft(6),
        spacing,
        sqrt,
        tick,
        active,
        ticks,
        new ConcentratedPool.TickRange(lowest, highest));
  }
}
