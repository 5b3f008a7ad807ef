package dev.arb.engine.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.lp.LpCycleSizer;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.Side;
import java.math.BigDecimal;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The exact sweep and the ojAlgo LP solve the same problem: their optima agree to 1e-9. */
class ExactSweepVsLpTest {
  private static final double AGREE = 1e-9;

  static Stream<RealCycles.Case> realCycles() {
    return Stream.of(
        RealCycles.eurBatBtcAda(), RealCycles.sevenLegs(), RealCycles.xrpRoundTrip("1.002"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("realCycles")
  void lpAndSweepAgreeOnRealBooksWithoutBalanceLimit(RealCycles.Case c) {
    LegLadder[] ladders = c.ladders();
    ExactSweep sweep = new ExactSweep(8);

    sweep.run(ladders, ladders.length, Double.POSITIVE_INFINITY);
    LpCycleSizer.Solution lp = LpCycleSizer.solve(ladders, Double.POSITIVE_INFINITY);

    assertThat(sweep.profit()).isPositive();
    assertAgree(sweep.profit(), lp.profit(), c.name() + " profit");
    assertAgree(sweep.start(), lp.start(), c.name() + " start");
    for (int i = 0; i < ladders.length; i++) {
      assertAgree(sweep.input(i), lp.legInputs()[i], c.name() + " leg " + i + " input");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("realCycles")
  void lpAndSweepAgreeOnRealBooksWithBindingBalance(RealCycles.Case c) {
    LegLadder[] ladders = c.ladders();
    ExactSweep sweep = new ExactSweep(8);
    sweep.run(ladders, ladders.length, Double.POSITIVE_INFINITY);
    double available = sweep.start() * 0.37;

    ExactSweep.Stop stop = sweep.run(ladders, ladders.length, available);
    LpCycleSizer.Solution lp = LpCycleSizer.solve(ladders, available);

    assertThat(stop).isEqualTo(ExactSweep.Stop.BALANCE);
    assertThat(sweep.start()).isEqualTo(available);
    assertAgree(sweep.profit(), lp.profit(), c.name() + " profit");
    assertAgree(sweep.start(), lp.start(), c.name() + " start");
  }

  /**
   * Seeded random cycles. The LP's variables satisfy its constraints only to the solver's
   * feasibility tolerance (about 1e-12 in start-asset units), so its own objective value is
   * compared relative to the amount traded; the optimal start amounts, and the profit evaluated
   * exactly in BigDecimal at the LP's start amount, must match the sweep to 1e-9 relative.
   */
  @Test
  void lpAndSweepAgreeOnSeededRandomBooks() {
    Random rnd = new Random(20260101L);
    ExactSweep sweep = new ExactSweep(6);
    int profitable = 0;
    for (int k = 0; k < 300; k++) {
      LegLadder[] ladders = randomCycle(rnd);
      double available =
          rnd.nextBoolean() ? Double.POSITIVE_INFINITY : Math.pow(10, rnd.nextDouble() * 4);

      sweep.run(ladders, ladders.length, available);
      LpCycleSizer.Solution lp = LpCycleSizer.solve(ladders, available);

      String what = "case " + k + " (" + ladders.length + " legs, available " + available + ")";
      assertThat(sweep.start()).as(what).isLessThanOrEqualTo(available);
      double traded = Math.max(sweep.start(), lp.start());
      assertThat(Math.abs(sweep.profit() - lp.profit()))
          .as("%s: profit sweep %s vs LP %s", what, sweep.profit(), lp.profit())
          .isLessThanOrEqualTo(AGREE * traded + 1e-12);
      if (sweep.profit() > 0) {
        profitable++;
        assertAgree(sweep.start(), lp.start(), what + " start");
        assertAgree(sweep.end(), lp.end(), what + " end");
        assertAgree(
            sweep.profit(), ExactComposition.profit(ladders, lp.start()), what + " exact profit");
        assertAgree(
            sweep.profit(),
            ExactComposition.profit(ladders, sweep.start()),
            what + " exact profit at the sweep's start");
      } else {
        assertThat(lp.start()).as(what).isLessThan(1e-9);
      }
    }
    // the generator must exercise both outcomes
    assertThat(profitable).isBetween(100, 290);
  }

  /**
   * 2 to 6 legs of 1 to 40 levels; top-of-book return between −20 bp and +150 bp, rates falling 0.1
   * to 20 bp per level, capacities spread over five orders of magnitude.
   */
  static LegLadder[] randomCycle(Random rnd) {
    int n = 2 + rnd.nextInt(5);
    LegLadder[] out = new LegLadder[n];
    double[] top = new double[n];
    double product = 1;
    for (int i = 0; i < n - 1; i++) {
      top[i] = Math.pow(10, rnd.nextDouble() * 8 - 4);
      product *= top[i];
    }
    top[n - 1] = (1 + (rnd.nextDouble() * 170 - 20) * 1e-4) / product;
    for (int i = 0; i < n; i++) {
      int depth = 1 + rnd.nextInt(40);
      double[] rate = new double[depth];
      double[] cap = new double[depth];
      double r = top[i];
      double unit = 1;
      for (int p = 0; p < i; p++) {
        unit *= top[p];
      }
      for (int j = 0; j < depth; j++) {
        rate[j] = r;
        cap[j] = unit * Math.pow(10, rnd.nextDouble() * 5 - 1);
        r *= 1 - (1e-5 + rnd.nextDouble() * 2e-3);
      }
      out[i] = LegLadder.ofArrays(leg(i), rate, cap);
    }
    return out;
  }

  private static Leg leg(int i) {
    return new Leg(Market.of("x", "A" + i, "A" + (i + 1), BigDecimal.ZERO), Side.SELL);
  }

  static void assertAgree(double exact, double lp, String what) {
    double scale = Math.max(Math.abs(exact), Math.abs(lp));
    assertThat(Math.abs(exact - lp))
        .as("%s: sweep %s vs LP %s", what, exact, lp)
        .isLessThanOrEqualTo(AGREE * scale + 1e-300);
  }
}
