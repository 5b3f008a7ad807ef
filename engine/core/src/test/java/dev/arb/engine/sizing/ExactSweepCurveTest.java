package dev.arb.engine.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.arb.engine.model.Leg;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.Side;
import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The sweep over Möbius pieces: on random compositions of book levels, constant-product pieces and
 * multi-piece concave curves (the shape of a concentrated-liquidity pool across ticks), its optimum
 * equals an independent golden-section maximiser; a pool so deep it is nearly linear gives the
 * books-only answer; the balance and the end of a curve stop it.
 */
class ExactSweepCurveTest {
  private static final Leg LEG = new Leg(Market.of("x", "A", "B", BigDecimal.ZERO), Side.SELL);

  /** A random ladder: book levels, one constant-product piece, or a concave multi-piece curve. */
  private static LegLadder random(Random rnd, double scale) {
    int kind = rnd.nextInt(3);
    if (kind == 0) {
      int n = 1 + rnd.nextInt(6);
      double[] rate = new double[n];
      double[] cap = new double[n];
      double r = scale * (1 + rnd.nextDouble() * 0.05);
      for (int j = 0; j < n; j++) {
        rate[j] = r;
        cap[j] = Math.exp(rnd.nextGaussian() * 2);
        r *= 1 - 0.001 - rnd.nextDouble() * 0.02;
      }
      return LegLadder.ofArrays(LEG, rate, cap);
    }
    if (kind == 1) {
      double reserveIn = Math.exp(2 + rnd.nextGaussian() * 2);
      double g = 0.997;
      double rate = scale * (1 + rnd.nextDouble() * 0.05);
      return LegLadder.ofCurve(
          LEG,
          new double[] {rate},
          new double[] {g / reserveIn},
          new double[] {Double.POSITIVE_INFINITY});
    }
    int n = 2 + rnd.nextInt(5);
    double[] rate = new double[n];
    double[] k = new double[n];
    double[] cap = new double[n];
    double r = scale * (1 + rnd.nextDouble() * 0.05);
    for (int j = 0; j < n; j++) {
      rate[j] = r;
      k[j] = 1 / Math.exp(2 + rnd.nextGaussian() * 2);
      cap[j] = j == n - 1 ? Double.POSITIVE_INFINITY : Math.exp(rnd.nextGaussian());
      if (j < n - 1) {
        // continuous marginal rate across the boundary, as across an initialized tick
        double s = 1 + k[j] * cap[j];
        r = rate[j] / (s * s);
      }
    }
    return LegLadder.ofCurve(LEG, rate, k, cap);
  }

  /** A ladder's output computed piece by piece, apart from LegLadder.output. */
  private static double output(LegLadder l, double x) {
    double out = 0;
    double left = x;
    for (int j = 0; j < l.depth() && left > 0; j++) {
      double t = Math.min(left, l.capacity(j));
      double k = l.curvature(j);
      out += k == 0 ? l.rate(j) * t : l.rate(j) * t / (1 + k * t);
      left -= t;
    }
    return out;
  }

  private static double profit(LegLadder[] ls, double x) {
    double v = x;
    for (LegLadder l : ls) {
      v = output(l, v);
    }
    return v - x;
  }

  private static double[] goldenSection(LegLadder[] ls, double max) {
    double hi = Math.min(max, 1e-6);
    for (int i = 0;
        i < 200 && hi < max && profit(ls, Math.min(max, hi * 2)) > profit(ls, hi);
        i++) {
      hi = Math.min(max, hi * 2);
    }
    hi = Math.min(max, hi * 2);
    double lo = 0;
    double phi = (Math.sqrt(5) - 1) / 2;
    for (int i = 0; i < 300; i++) {
      double a = hi - phi * (hi - lo);
      double b = lo + phi * (hi - lo);
      if (profit(ls, a) < profit(ls, b)) {
        lo = a;
      } else {
        hi = b;
      }
    }
    double x = (lo + hi) / 2;
    double p = profit(ls, x);
    return p > 0 ? new double[] {x, p} : new double[] {0, 0};
  }

  @Test
  void closedFormMatchesNumericMaximiserOnRandomCompositions() {
    Random rnd = new Random(15);
    ExactSweep sweep = new ExactSweep(6);
    int profitable = 0;
    for (int trial = 0; trial < 3000; trial++) {
      int n = 1 + rnd.nextInt(5);
      LegLadder[] ls = new LegLadder[n];
      double scale = 1;
      for (int i = 0; i < n; i++) {
        // rates around 1 per leg, so about half the cycles are profitable at size zero
        ls[i] = random(rnd, i == n - 1 ? 1 / scale : Math.exp(rnd.nextGaussian()));
        scale *= ls[i].rate(0) / (1 + rnd.nextDouble() * 0.03);
      }
      double available = rnd.nextInt(4) == 0 ? Math.exp(rnd.nextGaussian()) : 1e24;
      sweep.run(ls, n, available);
      double[] best = goldenSection(ls, available);
      double tol = 1e-9 * (1 + best[0]);
      assertThat(sweep.profit()).as("trial %d", trial).isCloseTo(best[1], offset(tol));
      assertThat(sweep.start()).isLessThanOrEqualTo(available);
      if (best[1] > 1e-6) {
        profitable++;
        // the composition the sweep settled on is the ladders' own output at its start
        assertThat(sweep.end()).isCloseTo(profit(ls, sweep.start()) + sweep.start(), offset(tol));
      }
    }
    assertThat(profitable).isGreaterThan(500);
  }

  @Test
  void aNearlyLinearPoolGivesTheBooksOnlyAnswer() {
    Random rnd = new Random(7);
    ExactSweep linear = new ExactSweep(4);
    ExactSweep curved = new ExactSweep(4);
    int compared = 0;
    for (int trial = 0; trial < 500; trial++) {
      LegLadder a = random(rnd, 1.0);
      LegLadder b = random(rnd, 1.0);
      if (!a.isLinear() || !b.isLinear()) {
        continue;
      }
      // a pool of 1e15 each side, no fee: rate 1, curvature 1e-15
      LegLadder deep =
          LegLadder.ofCurve(
              LEG, new double[] {1}, new double[] {1e-15}, new double[] {Double.POSITIVE_INFINITY});
      b = LegLadder.ofArrays(LEG, rates(b, 1 / a.rate(0) * 1.01), caps(b));
      linear.run(new LegLadder[] {a, b}, 2, 1e24);
      curved.run(new LegLadder[] {a, deep, b}, 3, 1e24);
      assertThat(curved.profit()).isCloseTo(linear.profit(), offset(1e-9 * (1 + linear.start())));
      assertThat(curved.start()).isCloseTo(linear.start(), offset(1e-6 * (1 + linear.start())));
      compared++;
    }
    assertThat(compared).isGreaterThan(20);
  }

  private static double[] rates(LegLadder l, double top) {
    double[] r = new double[l.depth()];
    for (int j = 0; j < r.length; j++) {
      r[j] = l.rate(j) / l.rate(0) * top;
    }
    return r;
  }

  private static double[] caps(LegLadder l) {
    double[] c = new double[l.depth()];
    for (int j = 0; j < c.length; j++) {
      c[j] = l.capacity(j);
    }
    return c;
  }

  @Test
  void stopsAtTheBalanceAndAtTheEndOfACurve() {
    // pool 1000/1210 (rate 1.21, curvature 0.001) then a book of 5 units at 1: x* is 100
    LegLadder pool =
        LegLadder.ofCurve(
            LEG,
            new double[] {1.21},
            new double[] {0.001},
            new double[] {Double.POSITIVE_INFINITY});
    LegLadder book = LegLadder.ofArrays(LEG, new double[] {1}, new double[] {1000});
    ExactSweep sweep = new ExactSweep(2);

    assertThat(sweep.run(new LegLadder[] {pool, book}, 2, 1e24))
        .isEqualTo(ExactSweep.Stop.MARGINAL_RATE);
    // 1.21·x/(1 + 0.001·x): derivative 1.21/(1 + 0.001x)² = 1 at x = 100
    assertThat(sweep.start()).isCloseTo(100, offset(1e-9));
    assertThat(sweep.levelsUsed(0)).isEqualTo(1);

    assertThat(sweep.run(new LegLadder[] {pool, book}, 2, 40)).isEqualTo(ExactSweep.Stop.BALANCE);
    assertThat(sweep.start()).isEqualTo(40);
    assertThat(sweep.end()).isCloseTo(1.21 * 40 / 1.04, offset(1e-12));

    LegLadder thin = LegLadder.ofArrays(LEG, new double[] {1}, new double[] {50});
    assertThat(sweep.run(new LegLadder[] {pool, thin}, 2, 1e24))
        .isEqualTo(ExactSweep.Stop.LIQUIDITY);
    // the book takes 50 of the pool's output: 1.21x/(1 + 0.001x) = 50 at x = 50/(1.21 − 0.05)
    assertThat(sweep.start()).isCloseTo(50 / 1.16, offset(1e-9));
  }

  @Test
  void crossesThePiecesOfACurve() {
    // two pieces joined continuously: rate 2, curvature 0.1 over 10 units (end marginal 2/4 = 0.5),
    // then rate 0.5, curvature 0.01; after a leg of rate 1.5, the optimum is in the first piece:
    // 3/(1 + 0.1x)² = 1 at x = 10(√3 − 1) = 7.32 < 10
    LegLadder curve =
        LegLadder.ofCurve(
            LEG,
            new double[] {2, 0.5},
            new double[] {0.1, 0.01},
            new double[] {10, Double.POSITIVE_INFINITY});
    LegLadder book = LegLadder.ofArrays(LEG, new double[] {1.5}, new double[] {1000});
    ExactSweep sweep = new ExactSweep(2);
    sweep.run(new LegLadder[] {curve, book}, 2, 1e24);
    assertThat(sweep.start()).isCloseTo(10 * (Math.sqrt(3) - 1), offset(1e-9));
    assertThat(sweep.levelsExamined(0)).isEqualTo(1);
    // a rate 2.5 book puts the optimum past the boundary (marginal 2.5·0.5 = 1.25 there):
    // 2.5·0.5/(1 + 0.01t)² = 1 at t = 100(√1.25 − 1), i.e. x = 10 + 100(√1.25 − 1)
    LegLadder rich = LegLadder.ofArrays(LEG, new double[] {2.5}, new double[] {1000});
    sweep.run(new LegLadder[] {curve, rich}, 2, 1e24);
    assertThat(sweep.start()).isCloseTo(10 + 100 * (Math.sqrt(1.25) - 1), offset(1e-9));
    assertThat(sweep.levelsUsed(0)).isEqualTo(2);
    assertThat(sweep.levelsExamined(0)).isEqualTo(2);
  }
}
