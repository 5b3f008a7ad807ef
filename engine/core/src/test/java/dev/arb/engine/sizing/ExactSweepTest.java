package dev.arb.engine.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arb.engine.model.Leg;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.Side;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked example. Leg 1: rate 2 for 10 units, then 1.5 for 10. Leg 2: rate 0.6 for 15 units,
 * then 0.55 for 100. Marginal rate 2·0.6 = 1.2 until leg 2's first level is used up at x = 15/2 =
 * 7.5 (end 9); then 2·0.55 = 1.1 until leg 1's first level is used up at x = 10 (end 9 + 2.5·1.1 =
 * 11.75); then 1.5·0.55 = 0.825 ≤ 1: stop. Optimum x = 10, profit 1.75.
 */
class ExactSweepTest {
  private static final Leg A = new Leg(Market.of("x", "A", "B", BigDecimal.ZERO), Side.SELL);
  private static final Leg B = new Leg(Market.of("x", "B", "A", BigDecimal.ZERO), Side.SELL);

  private static LegLadder[] example() {
    return new LegLadder[] {
      LegLadder.ofArrays(A, new double[] {2, 1.5}, new double[] {10, 10}),
      LegLadder.ofArrays(B, new double[] {0.6, 0.55}, new double[] {15, 100})
    };
  }

  @Test
  void stopsWhereTheMarginalRateFallsToOne() {
    ExactSweep sweep = new ExactSweep(4);

    ExactSweep.Stop stop = sweep.run(example(), 2, Double.POSITIVE_INFINITY);

    assertThat(stop).isEqualTo(ExactSweep.Stop.MARGINAL_RATE);
    assertThat(sweep.start()).isCloseTo(10, within(1e-12));
    assertThat(sweep.end()).isCloseTo(11.75, within(1e-12));
    assertThat(sweep.profit()).isCloseTo(1.75, within(1e-12));
    assertThat(sweep.input(1)).isCloseTo(20, within(1e-12));
    assertThat(sweep.levelsUsed(0)).isEqualTo(1);
    assertThat(sweep.levelsUsed(1)).isEqualTo(2);
    assertThat(sweep.levelsExamined(0)).isEqualTo(2);
    assertThat(sweep.levelsExamined(1)).isEqualTo(2);
  }

  @Test
  void stopsAtTheAvailableBalance() {
    ExactSweep sweep = new ExactSweep(4);

    ExactSweep.Stop stop = sweep.run(example(), 2, 8);

    assertThat(stop).isEqualTo(ExactSweep.Stop.BALANCE);
    assertThat(sweep.start()).isEqualTo(8);
    assertThat(sweep.end()).isCloseTo(9 + 0.5 * 1.1, within(1e-12));
  }

  @Test
  void stopsWhenABookRunsOut() {
    LegLadder[] ladders = {
      LegLadder.ofArrays(A, new double[] {2}, new double[] {10}),
      LegLadder.ofArrays(B, new double[] {0.6}, new double[] {15})
    };
    ExactSweep sweep = new ExactSweep(2);

    ExactSweep.Stop stop = sweep.run(ladders, 2, 1e9);

    assertThat(stop).isEqualTo(ExactSweep.Stop.LIQUIDITY);
    assertThat(sweep.start()).isCloseTo(7.5, within(1e-12));
    assertThat(sweep.end()).isCloseTo(9, within(1e-12));
  }

  @Test
  void findsNothingWhenTheTopOfBookLoses() {
    LegLadder[] ladders = {
      LegLadder.ofArrays(A, new double[] {2}, new double[] {10}),
      LegLadder.ofArrays(B, new double[] {0.5}, new double[] {15})
    };
    ExactSweep sweep = new ExactSweep(2);

    ExactSweep.Stop stop = sweep.run(ladders, 2, 100);

    assertThat(stop).isEqualTo(ExactSweep.Stop.NONE);
    assertThat(sweep.start()).isZero();
    assertThat(sweep.levelsUsed(0)).isZero();
    assertThat(sweep.levelsExamined(0)).isEqualTo(1);
  }

  @Test
  void aRunForgetsThePreviousRun() {
    ExactSweep sweep = new ExactSweep(4);
    sweep.run(example(), 2, Double.POSITIVE_INFINITY);

    sweep.run(example(), 2, 8);

    assertThat(sweep.start()).isEqualTo(8);
    assertThat(sweep.levelsUsed(0)).isEqualTo(1);
    assertThat(sweep.levelsUsed(1)).isEqualTo(2);
  }
}
