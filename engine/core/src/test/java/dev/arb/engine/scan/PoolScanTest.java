package dev.arb.engine.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.engine.json.Json;
import dev.arb.engine.model.Addresses;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.ChainSnapshot;
import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.SameAs;
import dev.arb.engine.model.Token;
import dev.arb.engine.path.PathQuery;
import dev.arb.engine.pool.MinLiquidity;
import dev.arb.engine.pool.TokenNames;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A version-2 file with books and pools through {@link Scanner}: the real USDC/WETH Uniswap V2 pair
 * at block 11,000,000 with synthetic Kraken books, a synthetic DAI token and two synthetic
 * SushiSwap pools ({@code books-and-pools-v2.json}).
 */
class PoolScanTest {
  private static final MarketSnapshot SNAPSHOT = read();
  private static final ChainSnapshot ETHEREUM = SNAPSHOT.chain("ethereum").orElseThrow();
  private static final Token USDC = ETHEREUM.find("USDC").get(0);
  private static final Token WETH = ETHEREUM.find("WETH").get(0);
  private static final List<SameAs> JOINS =
      List.of(
          new SameAs("ethereum", WETH.asset(), Asset.of("ETH")),
          new SameAs("ethereum", USDC.asset(), Asset.of("USDC")));

  private static MarketSnapshot read() {
    String name = "/dev/arb/engine/source/books-and-pools-v2.json";
    try (InputStream in = PoolScanTest.class.getResourceAsStream(name)) {
      return SnapshotJson.read(in, name);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static ScanRequest request(PoolOptions pools) {
    return new ScanRequest(
            PathQuery.defaults().withMaxLength(4), Optional.empty(), Optional.empty(), false)
        .withPools(pools);
  }

  private static boolean mixed(Cycle c) {
    return c.legs().stream().anyMatch(Leg::isPool) && !c.legs().stream().allMatch(Leg::isPool);
  }

  @Test
  void withoutSameAsTheExchangeAndTheChainStayApart() {
    ScanReport r = Scanner.scan(SNAPSHOT, request(PoolOptions.defaults()));

    assertThat(r.markets()).isEqualTo(5);
    assertThat(r.opportunities()).isNotEmpty();
    assertThat(r.opportunities()).noneMatch(o -> mixed(o.cycle()));
    // USDC → WETH (Uniswap) → DAI (Sushi) → USDC (Sushi): 336.57 USDC/WETH vs 340 DAI/WETH
    Opportunity chainOnly =
        r.opportunities().stream()
            .filter(o -> o.cycle().legs().stream().allMatch(Leg::isPool))
            .findFirst()
            .orElseThrow();
    assertThat(chainOnly.status()).isEqualTo(OpportunityStatus.SIZED);
    TradePlan plan = chainOnly.plan().orElseThrow();
    // each leg spends exactly what the previous one was paid, in smallest units
    List<PoolSwap> swaps = plan.swaps();
    assertThat(swaps).hasSize(3);
    for (int i = 0; i < 3; i++) {
      PoolSwap s = swaps.get(i);
      assertThat(s.amountOut()).isEqualTo(s.pool().amountOut(s.amountIn(), s.zeroForOne()));
      if (i > 0) {
        assertThat(s.amountIn()).isEqualTo(swaps.get(i - 1).amountOut());
      }
    }
    assertThat(plan.profit())
        .isEqualByComparingTo(
            swaps.get(2).amountOutDecimal().subtract(swaps.get(0).amountInDecimal()));
    assertThat(r.notes())
        .containsExactly("profits of cycles with pool legs are before gas: no gas price was given");
  }

  @Test
  void sameAsJoinsYieldMixedCyclesSizedOnBooksAndPools() {
    ScanReport r = Scanner.scan(SNAPSHOT, request(PoolOptions.defaults().withSameAs(JOINS)));

    Opportunity best =
        r.opportunities().stream().filter(o -> mixed(o.cycle())).findFirst().orElseThrow();
    assertThat(best.status()).isEqualTo(OpportunityStatus.SIZED);
    TradePlan plan = best.plan().orElseThrow();
    assertThat(plan.cycle().exchanges()).containsExactlyInAnyOrder("kraken", "ethereum");
    for (LegFill f : plan.fills()) {
      if (f.leg().isPool()) {
        PoolSwap s = f.swap().orElseThrow();
        assertThat(s.amountOut()).isEqualTo(s.pool().amountOut(s.amountIn(), s.zeroForOne()));
        assertThat(f.received()).isEqualByComparingTo(s.amountOutDecimal());
      } else {
        // Kraken ETH/USD: base amounts are whole multiples of the 0.00000001 lot
        assertThat(f.baseAmount().remainder(new BigDecimal("0.00000001")).signum()).isZero();
      }
    }
    assertThat(plan.profit().signum()).isPositive();
    TokenNames names = TokenNames.of(SNAPSHOT);
    assertThat(names.name("ethereum", WETH.asset())).isEqualTo("WETH");
    assertThat(names.name("kraken", Asset.of("ETH"))).isEqualTo("ETH");
  }

  @Test
  void aCycleWhoseProfitDoesNotBeatGasIsRejected() {
    GasModel expensive = GasModel.defaults().withGasPrice(new BigDecimal("1000000"));
    ScanReport r =
        Scanner.scan(
            SNAPSHOT, request(PoolOptions.defaults().withSameAs(JOINS).withGas(expensive)));

    List<Opportunity> withPools =
        r.opportunities().stream()
            .filter(o -> o.cycle().legs().stream().anyMatch(Leg::isPool))
            .toList();
    assertThat(withPools).isNotEmpty();
    assertThat(withPools).filteredOn(o -> o.status() == OpportunityStatus.SIZED).isEmpty();
    assertThat(withPools)
        .anySatisfy(
            o ->
                assertThat(o.reason().orElseThrow())
                    .startsWith("unprofitable after gas: best profit ")
                    .contains(" does not beat gas ")
                    .contains("gas at 1000000 gwei"));
  }

  @Test
  void gasIsValuedThroughTheSnapshotsOwnPrices() {
    GasModel gas = GasModel.defaults().withGasPrice(new BigDecimal("1"));
    ScanReport r =
        Scanner.scan(SNAPSHOT, request(PoolOptions.defaults().withSameAs(JOINS).withGas(gas)));

    // USDC → WETH → DAI → USDC on the chain: its gas is priced in USDC through the Uniswap pair
    TradePlan onChain = plan(r, true);
    GasCost cost = onChain.gas().orElseThrow();
    // 3 swaps · 60,000 + 190,000 = 370,000 gas at 1 gwei = 0.00037 WETH
    assertThat(cost.units()).isEqualTo(370_000);
    GasCost.Part part = cost.chains().get(0);
    assertThat(part.nativeAmount()).isEqualByComparingTo("0.00037");
    assertThat(part.nativeToken()).isEqualTo(WETH);
    assertThat(onChain.cycle().startAsset()).isEqualTo(USDC.asset());
    assertThat(part.price().doubleValue())
        .isCloseTo(176560092.72709 / 524595.30415772997998, withinPercentage(1e-9));
    assertThat(cost.value().doubleValue())
        .isCloseTo(0.00037 * 176560092.72709 / 524595.30415772997998, withinPercentage(1e-9));
    assertThat(onChain.netProfit()).isEqualByComparingTo(onChain.profit().subtract(cost.value()));
    // a cycle from Kraken USD: WETH is ETH, priced at Kraken's ETH/USD mid (329.50 + 330.00) / 2
    TradePlan mixed = plan(r, false);
    assertThat(mixed.gas().orElseThrow().chains().get(0).price()).isEqualByComparingTo("329.75");
    assertThat(r.notes()).anySatisfy(n -> assertThat(n).startsWith("profits are after the gas"));
  }

  private static TradePlan plan(ScanReport r, boolean poolsOnly) {
    return r.opportunities().stream()
        .filter(o -> poolsOnly ? o.cycle().legs().stream().allMatch(Leg::isPool) : mixed(o.cycle()))
        .findFirst()
        .orElseThrow()
        .plan()
        .orElseThrow();
  }

  @Test
  void theLiquidityFloorKeepsPoolsWhoseReservesAreWorthEnough() {
    // values in WETH: the Uniswap pool holds 524,595 WETH; Sushi DAI/WETH 10,000 WETH and 3.4M DAI
    // (= 10,000 WETH); Sushi DAI/USDC 5M DAI (= 14,706 WETH) and 5M USDC (= 14,857 WETH)
    ScanReport r12k =
        Scanner.scan(
            SNAPSHOT,
            request(
                PoolOptions.defaults()
                    .withMinLiquidity(new MinLiquidity("weth", new BigDecimal("12000")))));
    assertThat(r12k.markets()).isEqualTo(2 + 2);
    assertThat(r12k.notes())
        .contains(
            "ethereum: min-liquidity WETH=12000: kept 2 pools, left out 1 (a reserve worth less,"
                + " or a token without a pool with WETH)");
    ScanReport r15k =
        Scanner.scan(
            SNAPSHOT,
            request(
                PoolOptions.defaults()
                    .withMinLiquidity(new MinLiquidity(WETH.address(), new BigDecimal("15000")))));
    assertThat(r15k.markets()).isEqualTo(2 + 1);
  }

  @Test
  void theSolutionDocumentNamesTokensAndGivesPoolLegsTheirIntegerSwap() {
    GasModel gas = GasModel.defaults().withGasPrice(new BigDecimal("1"));
    ScanReport r =
        Scanner.scan(SNAPSHOT, request(PoolOptions.defaults().withSameAs(JOINS).withGas(gas)));
    Opportunity mixed =
        r.opportunities().stream()
            .filter(o -> mixed(o.cycle()) && o.plan().isPresent())
            .findFirst()
            .orElseThrow();
    TradePlan plan = mixed.plan().orElseThrow();
    JsonNode doc = Json.toTree(OpportunityRecords.solution(mixed, r.names()));

    // nodes by name; the same-as join between Kraken's ETH and the chain's WETH shows as both
    List<String> cycle = new ArrayList<>();
    doc.get("cycle").forEach(n -> cycle.add(n.asText()));
    assertThat(cycle).isEqualTo(OpportunityRecords.nodeNames(mixed.cycle(), r.names()));
    assertThat(String.join(">", cycle)).containsAnyOf("ETH=WETH", "WETH=ETH");
    assertThat(cycle).noneMatch(n -> n.contains("0x"));
    for (int i = 0; i < plan.fills().size(); i++) {
      LegFill f = plan.fills().get(i);
      JsonNode leg = doc.get("legs").get(i);
      if (f.leg().isPool()) {
        PoolSwap s = f.swap().orElseThrow();
        assertThat(leg.get("pool").asText()).isEqualTo(Addresses.checksum(s.pool().address()));
        assertThat(leg.get("dex").asText()).isEqualTo(s.pool().dex());
        assertThat(leg.get("token_in").asText()).isEqualTo(s.tokenIn().checksumAddress());
        assertThat(leg.get("token_out").asText()).isEqualTo(s.tokenOut().checksumAddress());
        assertThat(leg.get("amount_in").asText()).isEqualTo(s.amountIn().toString());
        assertThat(leg.get("amount_out").asText()).isEqualTo(s.amountOut().toString());
        assertThat(new BigDecimal(leg.get("amount_out_decimal").asText()))
            .isEqualByComparingTo(s.amountOutDecimal());
        assertThat(leg.get("from").asText()).isEqualTo(s.tokenIn().symbol());
      } else {
        assertThat(leg.has("pool")).isFalse();
        assertThat(leg.has("amount_in")).isFalse();
      }
    }
    GasCost cost = plan.gas().orElseThrow();
    assertThat(doc.get("gas_units").asLong()).isEqualTo(cost.units());
    assertThat(new BigDecimal(doc.get("gas_cost").asText())).isEqualByComparingTo(cost.value());
    assertThat(new BigDecimal(doc.get("profit_after_gas").asText()))
        .isEqualByComparingTo(plan.profit().subtract(cost.value()));
    JsonNode part = doc.get("gas_by_chain").get(0);
    assertThat(part.get("native_token").asText()).isEqualTo("WETH");
    assertThat(new BigDecimal(part.get("cost_native").asText()))
        .isEqualByComparingTo(cost.chains().get(0).nativeAmount());
    // without names (the old entry point) the nodes are asset codes: the token's address
    assertThat(OpportunityRecords.solution(mixed).cycle().toString()).contains("0x");
  }

  @Test
  void aStaleChainIsLeftOutWithItsPools() {
    ScanRequest stale =
        new ScanRequest(
            PathQuery.defaults(), Optional.empty(), Optional.of(Duration.ofSeconds(2)), false);
    ScanReport r = Scanner.scan(SNAPSHOT, stale);
    assertThat(r.markets()).isEqualTo(2);
    assertThat(r.problems()).anySatisfy(p -> assertThat(p).startsWith("ethereum: stale: observed"));
  }
}
