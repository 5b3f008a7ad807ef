package dev.arb.defi.pools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.defi.DevAccounts;
import dev.arb.defi.OnSnapshotChain;
import dev.arb.defi.SnapshotChain;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.ContractsDir;
import dev.arb.defi.contract.UniswapV2;
import dev.arb.defi.pools.V3PoolFixture.Seeded;
import dev.arb.engine.model.ConcentratedPool;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.Pool;
import dev.arb.engine.model.v3.TickMath;
import dev.arb.engine.source.SnapshotJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pool reader against real Uniswap V3 pools on anvil ({@code @uniswap/v3-core} 1.0.1): what it
 * records of each pool (price, tick, liquidity, fee, spacing, and the initialized ticks of the
 * bitmap words around the price) is the chain's state at one block, found through the factory's
 * {@code getPool} or an explicit list, and the snapshot written from it prices swaps as the pools
 * pay them, to the wei.
 */
class ConcentratedPoolReaderIT extends OnSnapshotChain {
  private V3PoolFixture fixture;
  private String me;
  private String v2Factory;
  private String v2Pair;

  @TempDir Path dir;

  @Override
  protected void deploy(SnapshotChain chain) {
    Wallet w = chain.wallet(DevAccounts.OWNER);
    fixture = V3PoolFixture.deploy(w, ContractsDir.locate());
    me = w.address();
    // a Uniswap V2 pair of WETH and USDC beside the V3 pools
    v2Factory = UniswapV2.deployFactory(w, ContractsDir.locate()).toLowerCase(Locale.ROOT);
    String weth = fixture.tokens.get(0).address();
    String usdc = fixture.tokens.get(1).address();
    v2Pair = UniswapV2.createPair(w, v2Factory, weth, usdc);
    UniswapV2.addLiquidity(
        w, v2Pair, weth, BigInteger.TEN.pow(21), usdc, BigInteger.valueOf(3_000_000_000_000L));
  }

  private ChainSpec spec(int tickWords, List<String> pools, List<String> tokens) {
    return new ChainSpec(
        "local",
        OptionalLong.of(31337),
        Optional.empty(),
        List.of(
            DexSpec.concentrated(
                V3PoolFixture.DEX, fixture.factory, List.of(100, 500, 3000, 10000), tickWords)),
        pools,
        tokens,
        100,
        Duration.ofSeconds(10));
  }

  private List<String> tokens() {
    return fixture.tokens.stream().map(t -> t.address()).toList();
  }

  private ChainPoolState read(ChainSpec spec, OptionalLong block) {
    return new JsonRpcPoolReader(spec, local.anvil().rpcUrl(), TokenMetadataCache.inMemory())
        .read(block);
  }

  @Test
  void recordsEveryPoolFoundThroughGetPoolAsTheChainHoldsIt() {
    ChainPoolState s = read(spec(2, List.of(), tokens()), OptionalLong.empty());

    assertThat(s.problems()).isEmpty();
    assertThat(s.pools()).isEmpty();
    assertThat(s.concentratedPools()).hasSize(3);
    // 3 tokens: 3 pairs at 4 tiers looked up, 3 pools found
    assertThat(s.counts().leftOutTotal()).isZero();
    for (Seeded seeded : fixture.pools) {
      ChainPoolState.ConcentratedPool p = pool(s, seeded);
      Object[] slot = V3PoolFixture.slot0(chain, seeded.address);
      assertThat(p.dex()).isEqualTo(V3PoolFixture.DEX);
      assertThat(p.fee()).isEqualByComparingTo(seeded.feeFraction());
      assertThat(p.tickSpacing()).isEqualTo(seeded.spacing);
      assertThat(p.token0()).isEqualToIgnoringCase(seeded.token0.address());
      assertThat(p.token1()).isEqualToIgnoringCase(seeded.token1.address());
      assertThat(p.sqrtPriceX96()).isEqualTo(slot[0]);
      assertThat(p.tick()).isEqualTo(slot[1]);
      assertThat(p.liquidity()).isEqualTo(V3PoolFixture.liquidity(chain, seeded.address));
      assertThat(p.liquidity()).isEqualTo(seeded.liquidityAt(p.tick()));
      // the range: the tick's bitmap word and two words either side (256 × spacing ticks each)
      int word = Math.floorDiv(Math.floorDiv(p.tick(), seeded.spacing), 256);
      assertThat(p.tickLowest()).isEqualTo((word - 2) * 256 * seeded.spacing);
      assertThat(p.tickHighest()).isEqualTo(((word + 2) * 256 + 255) * seeded.spacing);
      // every tick the positions initialized within the range, with its liquidityNet; the
      // islands far out are partly beyond it
      TreeMap<Integer, BigInteger> expected = new TreeMap<>();
      seeded
          .ticks()
          .forEach(
              (t, net) -> {
                if (t >= p.tickLowest() && t <= p.tickHighest()) {
                  expected.put(t, net);
                }
              });
      assertThat(p.ticks())
          .extracting(ChainPoolState.Tick::index, ChainPoolState.Tick::liquidityNet)
          .containsExactlyElementsOf(
              expected.entrySet().stream()
                  .map(e -> org.assertj.core.groups.Tuple.tuple(e.getKey(), e.getValue()))
                  .toList());
      assertThat(p.ticks()).hasSizeLessThan(seeded.ticks().size());
      assertThat(p.ticks().stream().anyMatch(t -> t.liquidityNet().signum() == 0)).isTrue();
    }
  }

  private static ChainPoolState.ConcentratedPool pool(ChainPoolState s, Seeded seeded) {
    return s.concentratedPools().stream()
        .filter(p -> p.address().equalsIgnoreCase(seeded.address))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theWrittenSnapshotPricesSwapsAsThePoolsPayThem() throws IOException {
    ChainPoolState s = read(spec(4, List.of(), tokens()), OptionalLong.empty());
    Path file = dir.resolve("v3.json");
    SnapshotJson.write(PoolSnapshots.of("test", List.of(s)), file);
    String json = Files.readString(file);
    assertThat(json)
        .contains("\"kind\": \"concentrated\"")
        .contains("\"tick_spacing\": 60")
        .contains("\"sqrt_price_x96\"")
        .contains("\"tick_range\"")
        .contains("\"liquidity_net\"")
        .doesNotContain("reserve0");

    MarketSnapshot read = SnapshotJson.read(Files.newInputStream(file), "v3.json");
    assertThat(read.problems()).isEmpty();
    assertThat(read.pools()).hasSize(3);
    for (Pool p : read.pools()) {
      ConcentratedPool c = (ConcentratedPool) p;
      Seeded seeded =
          fixture.pools.stream().filter(x -> x.address.equals(c.address())).findFirst().get();
      // the recorded state is the fixture's, over the range read
      ConcentratedPool expected =
          fixture.model(chain, seeded, c.tickRange().lowest(), c.tickRange().highest());
      assertThat(c.ticks()).isEqualTo(expected.ticks());
      assertThat(c.sqrtPriceX96()).isEqualTo(expected.sqrtPriceX96());
      assertThat(c.liquidity()).isEqualTo(expected.liquidity());
      for (boolean zeroForOne : new boolean[] {true, false}) {
        BigInteger max = c.maxAmountIn(zeroForOne).orElseThrow();
        for (BigDecimal f :
            List.of(new BigDecimal("0.001"), new BigDecimal("0.4"), BigDecimal.ONE)) {
          BigInteger x = new BigDecimal(max).multiply(f).toBigInteger();
          BigInteger limit =
              TickMath.sqrtRatioAtTick(
                  zeroForOne ? c.tickRange().lowest() : c.tickRange().highest());
          BigInteger[] paid = fixture.quote(chain, me, seeded, zeroForOne, x, limit).orElseThrow();
          assertThat(paid[0]).isEqualTo(x);
          assertThat(c.amountOut(x, zeroForOne)).isEqualTo(paid[1]);
        }
      }
    }
  }

  @Test
  void readsAnExplicitPoolListAndPinsTheBlock() {
    List<String> addresses = fixture.pools.stream().map(p -> p.address).toList();
    ChainSpec spec = spec(1, addresses, List.of());
    long block = chain.blockNumber().longValueExact();
    ChainPoolState before = read(spec, OptionalLong.of(block));
    assertThat(before.problems()).isEmpty();
    assertThat(before.concentratedPools()).hasSize(3);

    Seeded s = fixture.pools.get(0);
    fixture.swap(local.wallet(DevAccounts.OWNER), s, true, BigInteger.TEN.pow(18));

    ChainPoolState pinned = read(spec, OptionalLong.of(block));
    ChainPoolState latest = read(spec, OptionalLong.empty());
    assertThat(pinned.concentratedPools()).isEqualTo(before.concentratedPools());
    ChainPoolState.ConcentratedPool moved = pool(latest, s);
    assertThat(moved.sqrtPriceX96()).isEqualTo(V3PoolFixture.slot0(chain, s.address)[0]);
    assertThat(moved.sqrtPriceX96()).isLessThan(pool(before, s).sqrtPriceX96());
  }

  @Test
  void aConcentratedDexWithoutTokensOrPoolsReadsNothingAndSaysWhy() {
    ChainPoolState s = read(spec(2, List.of(), List.of()), OptionalLong.empty());
    assertThat(s.poolCount()).isZero();
    assertThat(s.problems())
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .startsWith("local:0x")
                    .contains("is a concentrated-liquidity DEX")
                    .contains("give tokens, or pools"));
  }

  @Test
  void aV2FactoryAndAV3FactoryAreReadTogether() throws IOException {
    ChainSpec spec =
        new ChainSpec(
            "local",
            OptionalLong.of(31337),
            Optional.empty(),
            List.of(
                new DexSpec("uniswap-v2", v2Factory, new BigDecimal("0.003"), 100),
                DexSpec.concentrated(V3PoolFixture.DEX, fixture.factory, List.of(500, 3000), 1)),
            List.of(),
            tokens(),
            100,
            Duration.ofSeconds(10));
    ChainPoolState s = read(spec, OptionalLong.empty());

    assertThat(s.problems()).isEmpty();
    assertThat(s.pools())
        .extracting(ChainPoolState.Pool::address)
        .singleElement()
        .satisfies(a -> assertThat(a).isEqualToIgnoringCase(v2Pair));
    // the tier 10000 is not looked up: the USDC/DAI pool at 1 % is not found
    assertThat(s.concentratedPools())
        .extracting(p -> p.fee().toPlainString())
        .containsExactlyInAnyOrder("0.0005", "0.003");
    assertThat(s.poolCount()).isEqualTo(3);
    Path file = dir.resolve("both.json");
    SnapshotJson.write(PoolSnapshots.of("test", List.of(s)), file);
    MarketSnapshot read = SnapshotJson.read(Files.newInputStream(file), "both.json");
    assertThat(read.problems()).isEmpty();
    assertThat(read.pools())
        .extracting(Pool::kind)
        .extracting(Object::toString)
        .containsExactly("constant-product", "concentrated", "concentrated");
  }
}
