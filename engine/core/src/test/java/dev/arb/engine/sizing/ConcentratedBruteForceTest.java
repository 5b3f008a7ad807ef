package dev.arb.engine.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.ConcentratedPool;
import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Pool;
import dev.arb.engine.model.Side;
import dev.arb.engine.model.Token;
import dev.arb.engine.path.PathGraph;
import dev.arb.engine.path.PathOptimizer;
import dev.arb.engine.path.PathQuery;
import dev.arb.engine.pool.SyntheticConcentratedPools;
import dev.arb.engine.pool.SyntheticPools;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Brute force on seeded random markets mixing concentrated-liquidity pools (random ticks and
 * liquidity, {@link SyntheticConcentratedPools}), constant-product pools and order books on one
 * chain venue: for the best cycles the search finds, the sizing's optimum equals an independent
 * numeric maximiser (bracketing and golden-section search) of the profit computed with the pools'
 * exact integer swaps, and the re-priced integer plan never exceeds that maximum and trails it by
 * at most its rounding.
 */
class ConcentratedBruteForceTest {
  private static final BigDecimal DEPTH = new BigDecimal("1E+24");
  private static final int TOP = 6;
  private static final String[] V2_FEES = {"0.003", "0.0025", "0.001"};

  private static final AtomicInteger SIZED = new AtomicInteger();
  private static final AtomicInteger ACROSS_TICKS = new AtomicInteger();
  private static final AtomicInteger WITH_BOOKS = new AtomicInteger();
  private static final AtomicInteger REJECTED = new AtomicInteger();

  static List<Arguments> sets() {
    List<Arguments> out = new ArrayList<>();
    for (int seed = 1; seed <= 90; seed++) {
      out.add(Arguments.of(seed, 3 + seed % 3, 3 + seed % 4, 1 + seed % 3, seed % 3, 3));
    }
    return out;
  }

  @ParameterizedTest(name = "seed {0}: {1} tokens, {2} V3, {3} V2, {4} books, L={5}")
  @MethodSource("sets")
  void sizingEqualsAMaximiserOfTheExactIntegerSwaps(
      long seed, int tokens, int v3, int v2, int books, int maxLength) {
    MarketSnapshot s = random(seed, tokens, v3, v2, books);
    List<Cycle> cycles =
        PathOptimizer.search(
                PathGraph.of(s),
                PathQuery.defaults().withMaxLength(maxLength).withTopK(TOP).withoutMinProfit())
            .cycles();
    AmtOptimizer sizer = new AmtOptimizer(maxLength);
    for (Cycle c : cycles) {
      if (c.topOfBookReturn() <= 1 + 1e-9) {
        continue;
      }
      Exact exact = new Exact(s, c.legs());
      double[] best = exact.maximise();
      double[] real = exact.maximiseContinuous();
      SizingOutcome out = sizer.size(c, s, DEPTH);
      double scale = 1 + real[0];
      double bound = exact.roundingBound(real[0]);
      double optimum = sizer.lastSweep().profit();
      // the sizing's optimum is the real-valued optimum, and the integer swaps' best within their
      // rounding
      assertThat(optimum)
          .as("double optimum of %s (seed %d)", c.legs(), seed)
          .isCloseTo(real[1], org.assertj.core.api.Assertions.offset(1e-9 * scale));
      assertThat(optimum)
          .as("integer optimum of %s (seed %d)", c.legs(), seed)
          .isCloseTo(best[1], org.assertj.core.api.Assertions.offset(bound + 1e-9 * scale));
      if (out instanceof SizingOutcome.Sized sized) {
        double integer = sized.plan().profit().doubleValue();
        // rounding always favours the pools: never above the optimum, at most the rounding below
        // the integer swaps' best
        assertThat(integer).isLessThanOrEqualTo(real[1] + 1e-9 * scale);
        assertThat(integer).isGreaterThanOrEqualTo(best[1] - bound - 1e-9 * scale);
        // the plan's integer profit is the maximiser's own function at the plan's start
        assertThat(integer)
            .isCloseTo(
                exact.profit(sized.plan().startAmount()),
                org.assertj.core.api.Assertions.offset(1e-12 * scale + 1e-15));
        SIZED.incrementAndGet();
        boolean books2 = false;
        for (PoolSwap p : sized.plan().swaps()) {
          if (p.pool().ticksCrossed(p.amountIn(), p.zeroForOne()) > 0) {
            ACROSS_TICKS.incrementAndGet();
            break;
          }
        }
        for (Leg l : c.legs()) {
          books2 |= !l.isPool();
        }
        if (books2) {
          WITH_BOOKS.incrementAndGet();
        }
      } else {
        assertThat(best[1]).as("rejected: %s", out).isLessThanOrEqualTo(bound + 1e-9 * scale);
        REJECTED.incrementAndGet();
      }
    }
  }

  @AfterAll
  static void comparedEnoughPlans() {
    // a run here: 457 sized, 91 of them crossing initialized ticks, 126 through books too
    assertThat(SIZED.get()).isGreaterThan(300);
    assertThat(ACROSS_TICKS.get()).isGreaterThan(60);
    assertThat(WITH_BOOKS.get()).isGreaterThan(60);
  }

  /**
   * The cycle's profit in double from the pools' exact integer swaps (a pool leg's input floored to
   * smallest units and capped at what the pool's recorded ticks can price) and the books' levels,
   * computed without the sizing code.
   */
  private static final class Exact {
    private final MarketSnapshot s;
    private final List<Leg> legs;

    Exact(MarketSnapshot s, List<Leg> legs) {
      this.s = s;
      this.legs = legs;
    }

    double profit(double x) {
      return profit(new BigDecimal(x));
    }

    double profit(BigDecimal x) {
      // exact between pool legs (smallest units as decimals), double only through a book
      BigDecimal v = x;
      BigDecimal spent = v;
      for (int i = 0; i < legs.size(); i++) {
        Leg l = legs.get(i);
        if (l.isPool()) {
          boolean z = l.side() == Side.SELL;
          Pool p = l.pool();
          Token in = p.tokenIn(z);
          BigInteger units = in.units(v);
          if (p.maxAmountIn(z).isPresent()) {
            units = units.min(p.maxAmountIn(z).get());
          }
          if (i == 0) {
            spent = in.human(units);
          }
          v = units.signum() == 0 ? BigDecimal.ZERO : p.tokenOut(z).human(p.amountOut(units, z));
        } else {
          v = new BigDecimal(book(l, v.doubleValue()));
        }
      }
      return v.subtract(spent).doubleValue();
    }

    private double book(Leg leg, double x) {
      OrderBook b =
          s.books().stream().filter(o -> o.market().equals(leg.market())).findFirst().get();
      double keep = 1 - leg.market().takerFee().doubleValue();
      double out = 0;
      double left = x;
      for (BookLevel l : leg.side() == Side.SELL ? b.bids() : b.asks()) {
        double price = l.price().doubleValue();
        double cap =
            leg.side() == Side.SELL ? l.amount().doubleValue() : l.amount().doubleValue() * price;
        double take = Math.min(left, cap);
        out += leg.side() == Side.SELL ? take * price : take / price;
        left -= take;
      }
      return out * keep;
    }

    /**
     * The same cycle without any rounding: a concentrated pool walked range by range on square-root
     * prices taken from {@link dev.arb.engine.model.v3.TickMath} and its listed liquidity, the fee
     * taken off the whole input ({@code x·(1 − fee)} moves the price), up to its recorded range; a
     * constant-product pool on its reserves; books as above.
     */
    double continuous(double x) {
      double v = x;
      double spent = x;
      for (int i = 0; i < legs.size(); i++) {
        Leg l = legs.get(i);
        if (!l.isPool()) {
          v = book(l, v);
          continue;
        }
        boolean z = l.side() == Side.SELL;
        Pool p = l.pool();
        double in = v * Math.pow(10, p.tokenIn(z).decimals());
        double out;
        if (p instanceof ConcentratedPool c) {
          double[] r = walk(c, z, in);
          out = r[0];
          if (i == 0) {
            spent = r[1] / Math.pow(10, p.tokenIn(z).decimals());
          }
        } else {
          dev.arb.engine.model.ConstantProductPool cp =
              (dev.arb.engine.model.ConstantProductPool) p;
          double g = 1 - p.fee().doubleValue();
          double rin = cp.reserveIn(z).doubleValue();
          double rout = cp.reserveOut(z).doubleValue();
          out = g * in * rout / (rin + g * in);
        }
        v = out / Math.pow(10, p.tokenOut(z).decimals());
      }
      return v - spent;
    }

    /** {output, input used} of {@code in} smallest units (real-valued) through {@code c}. */
    private static double[] walk(ConcentratedPool c, boolean z, double in) {
      double g = 1 - c.feePips() / 1e6;
      double left = in * g;
      double s = c.sqrtPriceX96().doubleValue() / 0x1p96;
      double l = c.liquidity().doubleValue();
      List<ConcentratedPool.Tick> ticks = c.ticks();
      int n = ticks.size();
      int k = 0;
      while (k < n && ticks.get(k).index() <= c.tick()) {
        k++;
      }
      int i = z ? k - 1 : k;
      int edgeTick = z ? c.tickRange().lowest() : c.tickRange().highest();
      double out = 0;
      // net input used, summed (in − left loses it to cancellation when the input is huge)
      double used = 0;
      while (left > 0) {
        boolean last = z ? i < 0 : i >= n;
        int t = last ? edgeTick : ticks.get(i).index();
        if (z ? t < edgeTick : t > edgeTick) {
          t = edgeTick;
          last = true;
        }
        double next = dev.arb.engine.model.v3.TickMath.sqrtRatioAtTick(t).doubleValue() / 0x1p96;
        double need = z ? l * (1 / next - 1 / s) : l * (next - s);
        if (l > 0 && need >= left) {
          double to = z ? 1 / (1 / s + left / l) : s + left / l;
          out += z ? l * (s - to) : l * (1 / s - 1 / to);
          used += left;
          left = 0;
          break;
        }
        if (l > 0) {
          out += z ? l * (s - next) : l * (1 / s - 1 / next);
          left -= need;
          used += need;
        }
        s = next;
        if (last) {
          break;
        }
        double net = ticks.get(i).liquidityNet().doubleValue();
        l = z ? l - net : l + net;
        i += z ? -1 : 1;
      }
      return new double[] {out, used / g};
    }

    /** {start, profit} of the best start of {@link #continuous}, by golden-section search. */
    double[] maximiseContinuous() {
      double bestX = 0;
      double bestP = Double.NEGATIVE_INFINITY;
      for (double g = 1e-12; g < 1e30; g *= 2) {
        double p = continuous(g);
        if (p > bestP) {
          bestP = p;
          bestX = g;
        }
      }
      double lo = bestX / 2;
      double hi = bestX * 2;
      double phi = (Math.sqrt(5) - 1) / 2;
      for (int i = 0; i < 200; i++) {
        double a = hi - phi * (hi - lo);
        double b = lo + phi * (hi - lo);
        if (continuous(a) < continuous(b)) {
          lo = a;
        } else {
          hi = b;
        }
      }
      double x = (lo + hi) / 2;
      double p = continuous(x);
      return p > 0 ? new double[] {x, p} : new double[] {0, 0};
    }

    /**
     * {start, profit} of the best start: the best of a doubling grid from 1e-12 to 1e30 brackets
     * it, golden-section search refines it.
     */
    double[] maximise() {
      double bestX = 0;
      double bestP = Double.NEGATIVE_INFINITY;
      for (double g = 1e-12; g < 1e30; g *= 2) {
        double p = profit(g);
        if (p > bestP) {
          bestP = p;
          bestX = g;
        }
      }
      double hi = bestX * 2;
      double lo = bestX / 2;
      double phi = (Math.sqrt(5) - 1) / 2;
      double a = hi - phi * (hi - lo);
      double b = lo + phi * (hi - lo);
      double fa = profit(a);
      double fb = profit(b);
      for (int i = 0; i < 110; i++) {
        if (fa < fb) {
          lo = a;
          a = b;
          fa = fb;
          b = lo + phi * (hi - lo);
          fb = profit(b);
        } else {
          hi = b;
          b = a;
          fb = fa;
          a = hi - phi * (hi - lo);
          fa = profit(a);
        }
      }
      double x = fa > fb ? a : b;
      double p = Math.max(fa, fb);
      if (bestP > p) {
        x = bestX;
        p = bestP;
      }
      return p > 0 ? new double[] {x, p} : new double[] {0, 0};
    }

    /**
     * A few smallest units per leg and per step of a concentrated swap (each step rounds its input
     * and fee up and its output down), carried through the later legs at their rates.
     */
    double roundingBound(double x) {
      double bound = 0;
      double carry = 1;
      double[] inputs = new double[legs.size()];
      double v = x;
      for (int i = 0; i < legs.size(); i++) {
        inputs[i] = v;
        Leg l = legs.get(i);
        v = l.isPool() ? out(l, v) : book(l, v);
      }
      for (int i = legs.size() - 1; i >= 0; i--) {
        Leg l = legs.get(i);
        double steps = 1;
        double rate;
        if (l.isPool()) {
          boolean z = l.side() == Side.SELL;
          Pool p = l.pool();
          BigInteger units = p.tokenIn(z).units(new BigDecimal(inputs[i]));
          if (p instanceof ConcentratedPool cp && units.signum() > 0) {
            units = units.min(cp.maxAmountIn(z).orElseThrow());
            steps = units.signum() > 0 ? 1 + cp.swap(units, z).steps() : 1;
          }
          rate = p.marginalRate(z);
        } else {
          rate = 1;
          for (BookLevel b : l.side() == Side.SELL ? book(l).bids() : book(l).asks()) {
            rate = l.side() == Side.SELL ? b.price().doubleValue() : 1 / b.price().doubleValue();
            break;
          }
        }
        bound += 3 * steps * unit(l, false) * carry;
        carry *= rate;
        bound += 3 * steps * unit(l, true) * carry;
      }
      bound += unit(legs.get(0), true);
      return bound * 1.01;
    }

    private double out(Leg l, double v) {
      boolean z = l.side() == Side.SELL;
      Pool p = l.pool();
      BigInteger units = p.tokenIn(z).units(new BigDecimal(v));
      if (p.maxAmountIn(z).isPresent()) {
        units = units.min(p.maxAmountIn(z).get());
      }
      return units.signum() == 0 ? 0 : p.tokenOut(z).human(p.amountOut(units, z)).doubleValue();
    }

    private OrderBook book(Leg leg) {
      return s.books().stream().filter(o -> o.market().equals(leg.market())).findFirst().get();
    }

    private static double unit(Leg l, boolean in) {
      if (!l.isPool()) {
        return 1e-17;
      }
      boolean z = l.side() == Side.SELL;
      return Math.pow(10, -(in ? l.pool().tokenIn(z) : l.pool().tokenOut(z)).decimals());
    }
  }

  /** Tokens with hidden prices; V3 and V2 pools and books around them with a few % of noise. */
  static MarketSnapshot random(long seed, int tokens, int v3, int v2, int books) {
    Random rnd = new Random(seed);
    int[] decimals = {18, 6, 8, 18, 12};
    List<Token> ts = new ArrayList<>();
    double[] price = new double[tokens];
    for (int i = 0; i < tokens; i++) {
      ts.add(SyntheticPools.token(i, "T" + i, decimals[rnd.nextInt(decimals.length)]));
      price[i] = Math.exp(rnd.nextGaussian() * 2);
    }
    List<Pool> pools = new ArrayList<>();
    for (int k = 0; k < v3 + v2; k++) {
      int a = rnd.nextInt(tokens);
      int b = rnd.nextInt(tokens - 1);
      b = b >= a ? b + 1 : b;
      Token t0 = ts.get(Math.min(a, b));
      Token t1 = ts.get(Math.max(a, b));
      double p0 = price[Math.min(a, b)];
      double p1 = price[Math.max(a, b)];
      double value = Math.exp(8 + rnd.nextGaussian() * 2);
      if (k < v3) {
        pools.add(SyntheticConcentratedPools.random(rnd, k, t0, t1, p0 / p1, value, p1));
      } else {
        double r0 = value / p0 * (1 + rnd.nextGaussian() * 0.02);
        double r1 = value / p1 * (1 + rnd.nextGaussian() * 0.02);
        pools.add(
            SyntheticPools.pool(
                k,
                t0,
                t1,
                decimal(Math.abs(r0) + 1e-6),
                decimal(Math.abs(r1) + 1e-6),
                V2_FEES[rnd.nextInt(V2_FEES.length)]));
      }
    }
    List<OrderBook> bs = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (int k = 0; k < books; k++) {
      int a = rnd.nextInt(tokens);
      int b = rnd.nextInt(tokens - 1);
      b = b >= a ? b + 1 : b;
      if (seen.contains(a + "/" + b)) {
        continue;
      }
      seen.add(a + "/" + b);
      Market m =
          new Market(
              SyntheticPools.CHAIN,
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
      double bid = mid * (1 - 0.001 - rnd.nextDouble() * 0.002);
      double ask = mid * (1 + 0.001 + rnd.nextDouble() * 0.002);
      for (int l = 0; l < 1 + rnd.nextInt(5); l++) {
        double amount = Math.exp(4 + rnd.nextGaussian()) / price[a];
        bids.add(new BookLevel(new BigDecimal(decimal(bid)), new BigDecimal(decimal(amount))));
        asks.add(new BookLevel(new BigDecimal(decimal(ask)), new BigDecimal(decimal(amount))));
        bid *= 1 - 0.002 - rnd.nextDouble() * 0.005;
        ask *= 1 + 0.002 + rnd.nextDouble() * 0.005;
      }
      bs.add(new OrderBook(m, bids, asks, SyntheticPools.AT));
    }
    return new MarketSnapshot(
        bs, List.of(), "synthetic-v3-" + seed, List.of(SyntheticPools.chain(ts, pools)));
  }

  private static String decimal(double v) {
    return new BigDecimal(v).round(new MathContext(15)).toPlainString();
  }
}
