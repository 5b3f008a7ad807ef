package dev.arb.engine.model.v3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.engine.model.ConcentratedPool;
import dev.arb.engine.model.Token;
import dev.arb.engine.pool.SyntheticConcentratedPools;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The recorded swap path prices every swap exactly as the contract's step loop ({@link
 * V3Swap#exactInput}): random pools, random inputs, and the inputs that end exactly on each step's
 * target and one unit either side.
 */
class SwapPathTest {
  @Test
  void everySwapEqualsTheStepLoop() {
    Random rnd = new Random(23);
    Token a = Token.of("test", "0x" + "1".repeat(40), "A", 18);
    Token b = Token.of("test", "0x" + "2".repeat(40), "B", 6);
    int compared = 0;
    for (int n = 0; n < 150; n++) {
      ConcentratedPool p =
          SyntheticConcentratedPools.random(rnd, n, a, b, Math.exp(rnd.nextGaussian() * 3), 1e5, 1);
      int[] index = p.ticks().stream().mapToInt(ConcentratedPool.Tick::index).toArray();
      BigInteger[] net =
          p.ticks().stream().map(ConcentratedPool.Tick::liquidityNet).toArray(BigInteger[]::new);
      TickTable table =
          new TickTable(
              p.tickSpacing(), index, net, p.tickRange().lowest(), p.tickRange().highest());
      for (boolean zeroForOne : new boolean[] {true, false}) {
        int edge = zeroForOne ? p.tickRange().lowest() : p.tickRange().highest();
        BigInteger limit =
            edge == TickMath.MIN_TICK
                ? TickMath.MIN_SQRT_RATIO.add(BigInteger.ONE)
                : edge == TickMath.MAX_TICK
                    ? TickMath.MAX_SQRT_RATIO.subtract(BigInteger.ONE)
                    : TickMath.sqrtRatioAtTick(edge);
        if (zeroForOne
            ? limit.compareTo(p.sqrtPriceX96()) >= 0
            : limit.compareTo(p.sqrtPriceX96()) <= 0) {
          continue;
        }
        SwapPath path =
            SwapPath.build(
                table, p.feePips(), p.sqrtPriceX96(), p.tick(), p.liquidity(), zeroForOne, limit);
        BigInteger max = path.maxAmountIn();
        List<BigInteger> inputs = new ArrayList<>();
        for (int k = 1; k <= path.steps(); k++) {
          BigInteger through = path.inputThrough(k);
          inputs.add(through.subtract(BigInteger.ONE));
          inputs.add(through);
          inputs.add(through.add(BigInteger.ONE));
        }
        for (int i = 0; i < 10; i++) {
          inputs.add(
              new BigDecimal(max)
                  .multiply(BigDecimal.valueOf(Math.pow(10, -8 * rnd.nextDouble())))
                  .toBigInteger());
        }
        inputs.add(BigInteger.ONE);
        for (BigInteger x : inputs) {
          if (x.signum() <= 0 || x.compareTo(max) > 0) {
            continue;
          }
          V3Swap.Result loop =
              V3Swap.exactInput(
                  table,
                  p.feePips(),
                  p.sqrtPriceX96(),
                  p.tick(),
                  p.liquidity(),
                  x,
                  zeroForOne,
                  limit,
                  true);
          assertThat(path.swap(x, true))
              .as("pool %d, %s in, zeroForOne %s", n, x, zeroForOne)
              .isEqualTo(loop);
          compared++;
        }
        // the whole path: what the loop takes with more input than the limit allows
        V3Swap.Result all =
            V3Swap.exactInput(
                table,
                p.feePips(),
                p.sqrtPriceX96(),
                p.tick(),
                p.liquidity(),
                max.add(BigInteger.TEN.pow(30)),
                zeroForOne,
                limit,
                true);
        assertThat(all.amountIn()).isEqualTo(max);
        assertThatThrownBy(() -> path.swap(max.add(BigInteger.ONE), false))
            .isInstanceOf(IllegalArgumentException.class);
      }
    }
    assertThat(compared).isGreaterThan(3000);
  }
}
