package dev.arb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.sizing.AmtOptimizer;
import dev.arb.engine.sizing.PoolSwap;
import dev.arb.engine.sizing.SizingOutcome;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The benchmark's cycle is what it says: sized, its V3 leg crossing about the ticks asked. */
class ConcentratedCycleTest {
  @ParameterizedTest
  @ValueSource(ints = {1, 5, 20})
  void theOptimumCrossesTheTicksAsked(int ticks) {
    ConcentratedCycle c = ConcentratedCycle.crossing(ticks);
    SizingOutcome out =
        new AmtOptimizer(3)
            .size(c.cycle(), java.util.Arrays.asList(null, null, null), new BigDecimal("1E+24"));
    assertThat(out).isInstanceOf(SizingOutcome.Sized.class);
    PoolSwap v3 = ((SizingOutcome.Sized) out).plan().swaps().get(0);
    assertThat(v3.pool()).isEqualTo(c.pool());
    assertThat(c.pool().ticksCrossed(v3.amountIn(), true)).isBetween(ticks - 1, ticks + 1);
    assertThat(((SizingOutcome.Sized) out).plan().profit().signum()).isPositive();
  }
}
