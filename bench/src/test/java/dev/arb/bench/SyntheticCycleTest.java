package dev.arb.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arb.engine.lp.LpCycleSizer;
import dev.arb.engine.sizing.ExactSweep;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyntheticCycleTest {

  @ParameterizedTest
  @ValueSource(ints = {10, 100})
  void optimumUsesMostLevelsAndLpAgreesWithTheSweep(int levels) {
    SyntheticCycle c = SyntheticCycle.generate(4, levels, Graphs.SEED);
    ExactSweep sweep = new ExactSweep(4);

    ExactSweep.Stop stop = sweep.run(c.ladders(), 4, 1e9);

    assertThat(stop).isEqualTo(ExactSweep.Stop.MARGINAL_RATE);
    for (int i = 0; i < 4; i++) {
      assertThat(sweep.levelsUsed(i)).isBetween(levels / 2, levels);
    }
    LpCycleSizer.Solution lp = LpCycleSizer.solve(c.ladders(), 1e9);
    assertThat(lp.start()).isCloseTo(sweep.start(), within(sweep.start() * 1e-9));
    assertThat(lp.profit()).isCloseTo(sweep.profit(), within(sweep.start() * 1e-9));
  }

  @ParameterizedTest
  @ValueSource(ints = {100, 1000})
  void shallowCycleUsesAboutAQuarterOfTheLevels(int levels) {
    SyntheticCycle c = SyntheticCycle.generate(4, levels, SyntheticCycle.SHALLOW, Graphs.SEED);
    ExactSweep sweep = new ExactSweep(4);

    assertThat(sweep.run(c.ladders(), 4, 1e9)).isEqualTo(ExactSweep.Stop.MARGINAL_RATE);
    for (int i = 0; i < 4; i++) {
      assertThat(sweep.levelsUsed(i)).isBetween(levels / 5, levels * 3 / 10);
    }
  }
}
