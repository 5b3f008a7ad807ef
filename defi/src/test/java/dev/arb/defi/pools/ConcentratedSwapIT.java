package dev.arb.defi.pools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.defi.DevAccounts;
import dev.arb.defi.OnSnapshotChain;
import dev.arb.defi.SnapshotChain;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.ContractsDir;
import dev.arb.defi.pools.V3PoolFixture.Seeded;
import dev.arb.engine.model.ConcentratedPool;
import dev.arb.engine.model.v3.TickMath;
import dev.arb.engine.model.v3.V3Swap;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * arb's integer swap against the real Uniswap V3 pool contract on anvil ({@code @uniswap/v3-core}
 * 1.0.1 bytecode), at each fee tier, in both directions, to the wei: small inputs, inputs landing
 * exactly on an initialized tick and one wei either side, inputs crossing many ticks, bitmap words
 * and a range without liquidity, and the input that exhausts the recorded range.
 */
class ConcentratedSwapIT extends OnSnapshotChain {
  private V3PoolFixture fixture;
  private String me;

  @Override
  protected void deploy(SnapshotChain chain) {
    Wallet owner = chain.wallet(DevAccounts.OWNER);
    fixture = V3PoolFixture.deploy(owner, ContractsDir.locate());
    me = owner.address();
  }

  @Test
  void predictedOutputEqualsWhatThePoolPaysToTheWeiInBothDirectionsAtEachFeeTier() {
    int compared = 0;
    int mostTicks = 0;
    for (Seeded s : fixture.pools) {
      ConcentratedPool pool = fixture.model(chain, s);
      assertThat(V3PoolFixture.liquidity(chain, s.address)).isEqualTo(pool.liquidity());
      for (boolean zeroForOne : new boolean[] {true, false}) {
        for (BigInteger x : inputs(pool, zeroForOne)) {
          V3Swap.Result predicted = pool.swap(x, zeroForOne);
          BigInteger[] paid =
              fixture.quote(chain, me, s, zeroForOne, x, BigInteger.ZERO).orElseThrow();
          assertThat(paid[0]).as("%s in %s, zeroForOne %s", x, s.fee, zeroForOne).isEqualTo(x);
          assertThat(predicted.amountIn()).isEqualTo(x);
          assertThat(predicted.amountOut())
              .as("%s in %s, zeroForOne %s", x, s.fee, zeroForOne)
              .isEqualTo(paid[1]);
          mostTicks = Math.max(mostTicks, predicted.initializedTicksCrossed());
          compared++;
        }
      }
    }
    assertThat(compared).isGreaterThan(300);
    // the largest swaps cross every tick on their side: two islands, a gap, stacked positions
    assertThat(mostTicks).isGreaterThanOrEqualTo(8);
  }

  /**
   * Small inputs; for each initialized tick on the way, the exact input that lands the price on it
   * and one wei either side; fractions of the whole range; seeded random ones; the whole range.
   */
  private static List<BigInteger> inputs(ConcentratedPool pool, boolean zeroForOne) {
    BigInteger max = pool.maxAmountIn(zeroForOne).orElseThrow();
    List<BigInteger> out = new ArrayList<>();
    for (long v : new long[] {1, 2, 7, 1000, 999_999, 1_000_000_007L}) {
      out.add(BigInteger.valueOf(v));
    }
    for (ConcentratedPool.Tick t : pool.ticks()) {
      boolean onTheWay = zeroForOne ? t.index() <= pool.tick() : t.index() > pool.tick();
      if (!onTheWay) {
        continue;
      }
      ConcentratedPool upTo =
          zeroForOne
              ? narrowed(pool, t.index(), pool.tickRange().highest())
              : narrowed(pool, pool.tickRange().lowest(), t.index());
      BigInteger exact = upTo.maxAmountIn(zeroForOne).orElseThrow();
      if (exact.signum() > 0) {
        out.add(exact.subtract(BigInteger.ONE).max(BigInteger.ONE));
        out.add(exact);
        out.add(exact.add(BigInteger.ONE));
      }
    }
    BigDecimal m = new BigDecimal(max);
    for (String f : new String[] {"1e-9", "1e-6", "1e-4", "0.01", "0.1", "0.33", "0.5", "0.9"}) {
      out.add(m.multiply(new BigDecimal(f)).setScale(0, RoundingMode.DOWN).toBigInteger());
    }
    SplittableRandom r = new SplittableRandom(max.longValue());
    for (int i = 0; i < 12; i++) {
      out.add(
          m.multiply(BigDecimal.valueOf(Math.pow(10, -9 * r.nextDouble())))
              .setScale(0, RoundingMode.DOWN)
              .toBigInteger());
    }
    out.add(max);
    return out.stream().filter(x -> x.signum() > 0 && x.compareTo(max) <= 0).toList();
  }

  private static ConcentratedPool narrowed(ConcentratedPool p, int lowest, int highest) {
    List<ConcentratedPool.Tick> ticks =
        p.ticks().stream().filter(t -> t.index() >= lowest && t.index() <= highest).toList();
    return new ConcentratedPool(
        p.chain(),
        p.address(),
        p.dex(),
        p.token0(),
        p.token1(),
        p.fee(),
        p.tickSpacing(),
        p.sqrtPriceX96(),
        p.tick(),
        p.liquidity(),
        ticks,
        new ConcentratedPool.TickRange(lowest, highest));
  }

  @Test
  void aNarrowerRecordedRangeCapsTheSwapAtItsEdgeWhereTheChainStopsAtThatPrice() {
    for (Seeded s : fixture.pools) {
      ConcentratedPool full = fixture.model(chain, s);
      int word = 256 * s.spacing;
      int lowest = Math.floorDiv(full.tick(), word) * word - word;
      int highest = lowest + 3 * word - s.spacing;
      ConcentratedPool pool = fixture.model(chain, s, lowest, highest);
      for (boolean zeroForOne : new boolean[] {true, false}) {
        BigInteger max = pool.maxAmountIn(zeroForOne).orElseThrow();
        BigInteger edge = TickMath.sqrtRatioAtTick(zeroForOne ? lowest : highest);
        BigInteger[] stopped =
            fixture
                .quote(chain, me, s, zeroForOne, max.multiply(BigInteger.TEN), edge)
                .orElseThrow();
        assertThat(stopped[0]).isEqualTo(max);
        assertThat(stopped[1]).isEqualTo(pool.amountOut(max, zeroForOne));
        BigInteger half = max.shiftRight(1);
        assertThat(pool.amountOut(half, zeroForOne))
            .isEqualTo(
                fixture.quote(chain, me, s, zeroForOne, half, BigInteger.ZERO).orElseThrow()[1]);
        assertThat(pool.swap(max, zeroForOne).reachedLimit()).isTrue();
        assertThatThrownBy(() -> pool.amountOut(max.add(BigInteger.ONE), zeroForOne))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("beyond its recorded tick range");
        // the full-range model prices the same inputs the same
        assertThat(full.amountOut(max, zeroForOne)).isEqualTo(pool.amountOut(max, zeroForOne));
      }
    }
  }

  @Test
  void executedSwapsPayWhatArbPredictsAndLeaveTheStateItPredicts() {
    Wallet w = local.wallet(DevAccounts.OWNER);
    SplittableRandom r = new SplittableRandom(42);
    List<String> gas = new ArrayList<>();
    for (Seeded s : fixture.pools) {
      ConcentratedPool pool = fixture.model(chain, s);
      for (int i = 0; i < 8; i++) {
        boolean zeroForOne = i % 2 == 0;
        BigInteger max = pool.maxAmountIn(zeroForOne).orElseThrow();
        BigInteger x =
            new BigDecimal(max)
                .multiply(BigDecimal.valueOf(Math.pow(10, -6 * r.nextDouble())))
                .setScale(0, RoundingMode.DOWN)
                .toBigInteger()
                .max(BigInteger.ONE);
        V3Swap.Result predicted = pool.swap(x, zeroForOne);
        String out = zeroForOne ? "1" : "0";
        BigInteger before =
            V3PoolFixture.balance(chain, zeroForOne ? s.token1 : s.token0, w.address());
        TransactionReceipt receipt =
            w.transact(
                fixture.helper,
                V3PoolFixture.swapData(s, zeroForOne, x, BigInteger.ZERO),
                new dev.arb.defi.chain.RevertDecoder());
        BigInteger after =
            V3PoolFixture.balance(chain, zeroForOne ? s.token1 : s.token0, w.address());
        assertThat(after.subtract(before)).as("token%s paid", out).isEqualTo(predicted.amountOut());
        gas.add(
            s.fee
                + " pips, "
                + predicted.initializedTicksCrossed()
                + " ticks crossed, "
                + predicted.steps()
                + " steps: "
                + receipt.getGasUsed()
                + " gas");
        pool = pool.afterSwap(x, zeroForOne);
        Object[] slot = V3PoolFixture.slot0(chain, s.address);
        assertThat(pool.sqrtPriceX96()).isEqualTo(slot[0]);
        assertThat(pool.tick()).isEqualTo(slot[1]);
        assertThat(pool.liquidity()).isEqualTo(V3PoolFixture.liquidity(chain, s.address));
      }
    }
    // gas as measured on anvil, for the docs (an estimate of what a swap costs, not asserted)
    gas.forEach(g -> System.out.println("v3 swap gas: " + g));
    assertThat(gas).hasSize(24);
  }
}
