package dev.arb.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.path.PathOptimizer;
import dev.arb.engine.path.PathQuery;
import dev.arb.engine.pool.SyntheticPools;
import dev.arb.engine.sizing.AmtOptimizer;
import dev.arb.engine.sizing.SizingOutcome;
import dev.arb.engine.sizing.TradePlan;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order path trades on exchanges only: a sized cycle through pools is refused, not sent. */
class RiskGatePoolTest {
  @Test
  void refusesAPlanWithPoolLegs() {
    MarketSnapshot s = SyntheticPools.random(3, 5, 12, 0);
    Cycle cycle =
        PathOptimizer.search(s, PathQuery.defaults().withMaxLength(3)).cycles().stream()
            .filter(
                c ->
                    new AmtOptimizer(3).size(c, s, new BigDecimal("1E+24"))
                        instanceof SizingOutcome.Sized)
            .findFirst()
            .orElseThrow();
    TradePlan plan =
        ((SizingOutcome.Sized) new AmtOptimizer(3).size(cycle, s, new BigDecimal("1E+24"))).plan();

    var refused =
        new RiskGate(RiskLimits.none())
            .check(plan, List.of(), Instant.EPOCH, (exchange, asset) -> BigDecimal.TEN.pow(30));

    assertThat(refused).hasValueSatisfying(r -> assertThat(r).startsWith("not traded: leg "));
  }
}
