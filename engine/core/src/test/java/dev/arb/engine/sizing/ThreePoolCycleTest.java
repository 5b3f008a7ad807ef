package dev.arb.engine.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.Pool;
import dev.arb.engine.model.Side;
import dev.arb.engine.model.Token;
import dev.arb.engine.path.PathOptimizer;
import dev.arb.engine.path.PathQuery;
import dev.arb.engine.pool.SyntheticPools;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A hand-checkable cycle of three constant-product pools (synthetic reserves): A → B → C → A.
 *
 * <p>A pool pays {@code f(x) = a·x/(b + c·x)} with {@code a = γ·R_out}, {@code b = R_in}, {@code c
 * = γ} ({@code γ = 1 − fee}). Composing {@code f₂(f₁(x)) = a₂a₁x / (b₂b₁ + (b₂c₁ + c₂a₁)·x)}: maps
 * of this form compose into one, and for three legs {@code a = a₁a₂a₃}, {@code b = b₁b₂b₃}, {@code
 * c = c₁b₂b₃ + a₁c₂b₃ + a₁a₂c₃}. The profit {@code a·x/(b + c·x) − x} has derivative {@code a·b/(b
 * + c·x)² − 1}, zero at {@code x* = (√(a·b) − b)/c}.
 *
 * <p>Without fees and with reserves A/B = 1000/1000, B/C = 1000/1000, C/A = 1000/1210: {@code a =
 * 1.21e9}, {@code b = 1e9}, {@code c = 1e6 + 1e6 + 1e6 = 3e6}; {@code √(a·b) = 1.1e9}, so {@code x*
 * = 1e8/3e6 = 100/3}, end {@code 1.21e9·(100/3)/(1e9 + 1e8) = 110/3}, profit {@code 10/3}.
 */
class ThreePoolCycleTest {
  private static final Token A = SyntheticPools.token(1, "A", 18);
  private static final Token B = SyntheticPools.token(2, "B", 18);
  private static final Token C = SyntheticPools.token(3, "C", 18);

  private static List<Pool> pools(String fee) {
    return List.of(
        SyntheticPools.pool(1, A, B, "1000", "1000", fee),
        SyntheticPools.pool(2, B, C, "1000", "1000", fee),
        SyntheticPools.pool(3, A, C, "1210", "1000", fee));
  }

  private static Cycle cycle(List<Pool> p) {
    // A → B (pool 1, token0 → token1), B → C (pool 2, token0 → token1), C → A (pool 3, token1 → 0)
    List<Leg> legs =
        List.of(
            new Leg(p.get(0), Side.SELL),
            new Leg(p.get(1), Side.SELL),
            new Leg(p.get(2), Side.BUY));
    double r = 1;
    for (Leg l : legs) {
      r *= l.pool().marginalRate(l.side() == Side.SELL);
    }
    return new Cycle(legs, r);
  }

  @Test
  void withoutFeesTheOptimumIsOneHundredThirds() {
    List<Pool> p = pools("0");
    AmtOptimizer sizer = new AmtOptimizer(3);

    SizingOutcome out = sizer.size(cycle(p), snapshot(p), new BigDecimal("1000000"));

    ExactSweep sweep = sizer.lastSweep();
    assertThat(sweep.start()).isCloseTo(100.0 / 3, offset(1e-12));
    assertThat(sweep.end()).isCloseTo(110.0 / 3, offset(1e-12));
    assertThat(sweep.profit()).isCloseTo(10.0 / 3, offset(1e-12));
    // one smooth piece: the closed form, where the marginal rate is exactly 1
    assertThat(sweep.marginal()).isGreaterThan(1.0);
    assertThat(sweep.stop()).isEqualTo(ExactSweep.Stop.MARGINAL_RATE);
    TradePlan plan = ((SizingOutcome.Sized) out).plan();
    assertThat(plan.profit().doubleValue()).isCloseTo(10.0 / 3, offset(1e-15));
  }

  @Test
  void withTheUniswapFeeTheClosedFormIsFoundAndRepricedToTheWei() {
    List<Pool> p = pools("0.003");
    MathContext mc = MathContext.DECIMAL128;
    BigDecimal g = new BigDecimal("0.997");
    BigDecimal k = new BigDecimal("1000");
    // a = γ³·1000·1000·1210, b = 1000³, c = γ·1000·1000 + γ·1000·γ·1000 + γ·1000·γ·1000·γ
    BigDecimal a = g.pow(3).multiply(k).multiply(k).multiply(new BigDecimal("1210"));
    BigDecimal b = k.pow(3);
    BigDecimal c =
        g.multiply(k.pow(2)).add(g.pow(2).multiply(k.pow(2))).add(g.pow(3).multiply(k.pow(2)));
    BigDecimal root = a.multiply(b).sqrt(mc);
    BigDecimal x = root.subtract(b).divide(c, mc);
    BigDecimal end = a.multiply(x).divide(b.add(c.multiply(x)), mc);
    BigDecimal profit = end.subtract(x);

    AmtOptimizer sizer = new AmtOptimizer(3);
    SizingOutcome out = sizer.size(cycle(p), snapshot(p), new BigDecimal("1000000"));

    assertThat(sizer.lastSweep().start()).isCloseTo(x.doubleValue(), offset(1e-11));
    assertThat(sizer.lastSweep().profit()).isCloseTo(profit.doubleValue(), offset(1e-12));
    TradePlan plan = ((SizingOutcome.Sized) out).plan();
    // re-priced leg by leg with getAmountOut as the pair computes it, from the plan's own input
    BigInteger in = plan.swaps().get(0).amountIn();
    assertThat(in).isEqualTo(A.units(new BigDecimal(sizer.lastSweep().start())));
    BigInteger ab = amountOut(in, "1000", "1000");
    BigInteger bc = amountOut(ab, "1000", "1000");
    BigInteger ca = amountOut(bc, "1000", "1210");
    assertThat(plan.swaps()).extracting(PoolSwap::amountOut).containsExactly(ab, bc, ca);
    assertThat(plan.swaps().get(1).amountIn()).isEqualTo(ab);
    assertThat(plan.startAmount()).isEqualTo(A.human(in));
    assertThat(plan.endAmount()).isEqualTo(A.human(ca));
    // the integer plan never beats the real optimum and trails it by at most a few wei
    BigDecimal gap = profit.subtract(plan.profit());
    assertThat(gap.signum()).isGreaterThanOrEqualTo(0);
    assertThat(gap).isLessThan(new BigDecimal("1E-16"));
  }

  /** In·997·R_out / (R_in·1000 + in·997), reserves in whole tokens of 18 decimals. */
  private static BigInteger amountOut(BigInteger in, String reserveIn, String reserveOut) {
    BigInteger rIn = new BigDecimal(reserveIn).movePointRight(18).toBigIntegerExact();
    BigInteger rOut = new BigDecimal(reserveOut).movePointRight(18).toBigIntegerExact();
    BigInteger inWithFee = in.multiply(BigInteger.valueOf(997));
    return inWithFee.multiply(rOut).divide(rIn.multiply(BigInteger.valueOf(1000)).add(inWithFee));
  }

  @Test
  void theSearchFindsTheCycleAtItsMarginalReturn() {
    List<Pool> p = pools("0.003");
    var found = PathOptimizer.search(snapshot(p), PathQuery.defaults().withMaxLength(3));
    // 1210/1000 · 0.997³ = 1.19915…: the one profitable direction
    assertThat(found.cycles()).hasSize(1);
    assertThat(found.cycles().get(0).topOfBookReturn())
        .isCloseTo(1.21 * Math.pow(0.997, 3), offset(1e-12));
    assertThat(found.cycles().get(0).legs()).allMatch(Leg::isPool);
  }

  private static MarketSnapshot snapshot(List<Pool> p) {
    return new MarketSnapshot(
        List.of(), List.of(), "three pools", List.of(SyntheticPools.chain(List.of(A, B, C), p)));
  }
}
