package dev.arb.engine.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.model.ConcentratedPool;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.PoolKind;
import dev.arb.engine.path.PathQuery;
import dev.arb.engine.record.OpportunityStatus;
import dev.arb.engine.sizing.GasCost;
import dev.arb.engine.sizing.GasModel;
import dev.arb.engine.sizing.LegFill;
import dev.arb.engine.sizing.PoolSwap;
import dev.arb.engine.sizing.TradePlan;
import dev.arb.engine.source.SnapshotJson;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A version-2 file with a Uniswap V2 pair (the real USDC/WETH pair at block 11,000,000) and a
 * synthetic Uniswap V3 pool of the same tokens at 341 USDC per WETH through {@link Scanner}: the
 * cycle between them is found, sized across a tick of the V3 pool and re-priced to the wei; with a
 * gas price, each tick crossed costs gas, and a tick that costs more than it earns is not crossed.
 */
class ConcentratedScanTest {
  private static final MarketSnapshot SNAPSHOT = read();

  private static MarketSnapshot read() {
    String name = "/dev/arb/engine/source/v2-and-v3-pools.json";
    try (InputStream in = ConcentratedScanTest.class.getResourceAsStream(name)) {
      return SnapshotJson.read(in, name);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static ScanReport scan(GasModel gas) {
    ScanRequest r =
        new ScanRequest(
                PathQuery.defaults().withMaxLength(2), Optional.empty(), Optional.empty(), false)
            .withPools(PoolOptions.defaults().withGas(gas));
    return Scanner.scan(SNAPSHOT, r);
  }

  private static TradePlan best(ScanReport r) {
    Opportunity o = r.opportunities().get(0);
    assertThat(o.status()).as("%s", o).isEqualTo(OpportunityStatus.SIZED);
    return o.plan().orElseThrow();
  }

  private static ConcentratedPool v3(TradePlan plan) {
    return (ConcentratedPool)
        plan.swaps().stream()
            .map(PoolSwap::pool)
            .filter(p -> p.kind() == PoolKind.CONCENTRATED)
            .findFirst()
            .orElseThrow();
  }

  @Test
  void findsTheCycleBetweenTheV2AndV3PoolsSizedAcrossATickToTheWei() {
    TradePlan plan = best(scan(GasModel.defaults()));

    // WETH is cheaper on V2 (336.57) than on V3 (341): buy on V2, sell on V3
    assertThat(plan.swaps()).hasSize(2);
    PoolSwap buy =
        plan.swaps().get(plan.swaps().get(0).pool().kind() == PoolKind.CONSTANT_PRODUCT ? 0 : 1);
    PoolSwap sell = plan.swaps().get(buy == plan.swaps().get(0) ? 1 : 0);
    assertThat(buy.tokenOut().symbol()).isEqualTo("WETH");
    assertThat(sell.tokenIn().symbol()).isEqualTo("WETH");
    ConcentratedPool pool = v3(plan);
    // the V3 leg takes the price across tick 218,050, where the pool's liquidity falls
    assertThat(pool.ticksCrossed(sell.amountIn(), sell.zeroForOne())).isOne();
    assertThat(pool.swap(sell.amountIn(), sell.zeroForOne()).amountOut())
        .isEqualTo(sell.amountOut());
    // each leg spends what the one before it was paid, to the smallest unit
    LegFill first = plan.fills().get(0);
    LegFill second = plan.fills().get(1);
    assertThat(second.swap().orElseThrow().amountIn())
        .isEqualTo(first.swap().orElseThrow().amountOut());
    assertThat(plan.profit()).isEqualTo(plan.endAmount().subtract(plan.startAmount()));
    assertThat(plan.profit().signum()).isPositive();
    // the integer plan never beats the double optimum it was sized at
    assertThat(plan.profit().doubleValue()).isLessThanOrEqualTo(plan.optimumProfit() * (1 + 1e-12));
  }

  @Test
  void gasCountsEveryTickTheV3SwapCrosses() {
    GasModel gas = GasModel.defaults().withGasPrice(new BigDecimal("0.000001")).withTickGas(31_000);
    TradePlan plan = best(scan(gas));

    GasCost cost = plan.gas().orElseThrow();
    PoolSwap sell =
        plan.swaps().stream()
            .filter(s -> s.pool().kind() == PoolKind.CONCENTRATED)
            .findFirst()
            .get();
    long ticks = sell.pool().ticksCrossed(sell.amountIn(), sell.zeroForOne());
    assertThat(ticks).isOne();
    assertThat(cost.units())
        .isEqualTo(
            GasModel.DEFAULT_V2_SWAP
                + GasModel.DEFAULT_V3_SWAP
                + ticks * GasModel.DEFAULT_V3_TICK
                + GasModel.DEFAULT_TRANSACTION);
    assertThat(plan.netProfit()).isEqualTo(plan.profit().subtract(cost.value()));
  }

  @Test
  void aTickThatCostsMoreGasThanItEarnsIsNotCrossed() {
    TradePlan free = best(scan(GasModel.defaults()));
    ConcentratedPool pool = v3(free);
    // with swaps and the transaction free and a crossing dearer than what crossing adds, the best
    // plan after gas stops short of the tick
    GasModel gas =
        new GasModel(
            Map.of(PoolKind.CONSTANT_PRODUCT, 0L, PoolKind.CONCENTRATED, 0L),
            1_000_000_000L,
            0,
            Optional.of(new BigDecimal("1")),
            Map.of());
    TradePlan plan = best(scan(gas));
    PoolSwap sell =
        plan.swaps().stream()
            .filter(s -> s.pool().kind() == PoolKind.CONCENTRATED)
            .findFirst()
            .get();
    assertThat(pool.ticksCrossed(sell.amountIn(), sell.zeroForOne())).isZero();
    assertThat(plan.gas().orElseThrow().units()).isZero();
    assertThat(plan.netProfit().signum()).isPositive();
    assertThat(plan.profit()).isLessThan(free.profit());
    assertThat(plan.startAmount()).isLessThan(free.startAmount());
    // it is the size just short of the tick: within a millionth of the input that reaches it
    BigInteger reach = upTo(pool, 218_050).maxAmountIn(sell.zeroForOne()).orElseThrow();
    assertThat(sell.amountIn()).isLessThan(reach);
    assertThat(new BigDecimal(sell.amountIn()))
        .isGreaterThan(new BigDecimal(reach).multiply(new BigDecimal("0.999999")));
  }

  /** The pool with its recorded range ending at {@code highest}. */
  private static ConcentratedPool upTo(ConcentratedPool p, int highest) {
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
        p.ticks().stream().filter(t -> t.index() <= highest).toList(),
        new ConcentratedPool.TickRange(p.tickRange().lowest(), highest));
  }
}
