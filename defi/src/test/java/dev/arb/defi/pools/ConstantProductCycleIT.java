package dev.arb.defi.pools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.defi.DevAccounts;
import dev.arb.defi.OnSnapshotChain;
import dev.arb.defi.SnapshotChain;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.ContractArtifact;
import dev.arb.defi.contract.ContractsDir;
import dev.arb.defi.contract.Erc20;
import dev.arb.defi.contract.UniswapV2;
import dev.arb.defi.pool.ConstantProduct;
import dev.arb.engine.model.ChainSnapshot;
import dev.arb.engine.model.ConstantProductMath;
import dev.arb.engine.model.Pool;
import dev.arb.error.ChainException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;

/**
 * A 3-pool cycle A → B → C → A executed through the real Uniswap V2 pair contracts (tokens sent
 * into the first pair, each pair paying straight into the next, as a router does): every leg pays
 * exactly what the integer V2 formula {@code out = in·997·R_out / (R_in·1000 + in·997)} gives on
 * the reserves the pool reader recorded, to the wei, and one wei more is refused by the pair. The
 * engine's re-pricer ({@link ConstantProductMath#amountOut}, and the recorded pools mapped to the
 * engine's model) gives the same amounts.
 *
 * <p>Pools (A has 18 decimals, B 6, C 8): A/B 100 A and 200,000 B; B/C 300,000 B and 10 C; C/A 5 C
 * and 80 A. Before fees one A buys 2,000 B, which buy 1/15 C, which buy 16/15 A.
 */
class ConstantProductCycleIT extends OnSnapshotChain {
  private static final BigInteger E6 = BigInteger.TEN.pow(6);
  private static final BigInteger E8 = BigInteger.TEN.pow(8);
  private static final BigInteger E18 = BigInteger.TEN.pow(18);

  private String factory;
  private String a;
  private String b;
  private String c;
  private String ab;
  private String bc;
  private String ca;

  @Override
  protected void deploy(SnapshotChain chain) {
    Wallet w = chain.wallet(DevAccounts.OWNER);
    factory = UniswapV2.deployFactory(w, ContractsDir.locate());
    BigInteger supply = BigInteger.TEN.pow(40);
    a = Erc20.deployTestToken(w, "Token A", "A", supply);
    b = token(w, "B", 6, supply);
    c = token(w, "C", 8, supply);
    ab = UniswapV2.createPair(w, factory, a, b);
    UniswapV2.addLiquidity(
        w,
        ab,
        a,
        E18.multiply(BigInteger.valueOf(100)),
        b,
        E6.multiply(BigInteger.valueOf(200_000)));
    bc = UniswapV2.createPair(w, factory, b, c);
    UniswapV2.addLiquidity(
        w, bc, b, E6.multiply(BigInteger.valueOf(300_000)), c, E8.multiply(BigInteger.TEN));
    ca = UniswapV2.createPair(w, factory, c, a);
    UniswapV2.addLiquidity(
        w, ca, c, E8.multiply(BigInteger.valueOf(5)), a, E18.multiply(BigInteger.valueOf(80)));
  }

  private static String token(Wallet w, String symbol, int decimals, BigInteger supply) {
    ContractArtifact art = ContractArtifact.fromClasspath("test/MetadataToken");
    return w.deploy(
        art.bytecode()
            + FunctionEncoder.encodeConstructor(
                Arrays.asList(
                    new Utf8String("Token " + symbol),
                    new Utf8String(symbol),
                    new Uint8(decimals),
                    new Uint8(0),
                    new Uint256(supply))),
        art.revertDecoder());
  }

  /** The reserves as the pool reader records them at the latest block. */
  private ChainPoolState recorded() {
    ChainSpec spec =
        new ChainSpec(
            "local",
            OptionalLong.of(31337),
            Optional.empty(),
            List.of(new DexSpec("uniswap-v2", factory, new BigDecimal("0.003"), 10)),
            List.of(),
            List.of(),
            100,
            Duration.ofSeconds(10));
    return new JsonRpcPoolReader(spec, local.anvil().rpcUrl(), TokenMetadataCache.inMemory())
        .read(OptionalLong.empty());
  }

  /** The pair as a hop selling {@code tokenIn}, from a recorded pool. */
  private static ConstantProduct.Hop hop(ChainPoolState s, String pair, String tokenIn) {
    ChainPoolState.Pool p =
        s.pools().stream()
            .filter(x -> x.address().equalsIgnoreCase(pair))
            .findFirst()
            .orElseThrow();
    boolean in0 = p.token0().equalsIgnoreCase(tokenIn);
    return new ConstantProduct.Hop(
        in0 ? p.reserve0() : p.reserve1(), in0 ? p.reserve1() : p.reserve0(), 30);
  }

  /** Uniswap V2's getAmountOut written out: in·997·R_out / (R_in·1000 + in·997). */
  private static BigInteger v2(BigInteger in, ConstantProduct.Hop h) {
    BigInteger inWithFee = in.multiply(BigInteger.valueOf(997));
    return inWithFee
        .multiply(h.reserveOut())
        .divide(h.reserveIn().multiply(BigInteger.valueOf(1000)).add(inWithFee));
  }

  /** The engine's re-pricer, {@link ConstantProductMath#amountOut}, at Uniswap V2's 0.3 %. */
  private static BigInteger core(BigInteger in, ConstantProduct.Hop h) {
    return ConstantProductMath.amountOut(
        in, h.reserveIn(), h.reserveOut(), new BigDecimal("0.003"));
  }

  /** What the engine's model of the recorded pair pays for {@code in} of {@code tokenIn}. */
  private static BigInteger engineOut(
      ChainSnapshot engine, String pair, String tokenIn, BigInteger in) {
    Pool p =
        engine.pools().stream()
            .filter(x -> x.address().equalsIgnoreCase(pair))
            .findFirst()
            .orElseThrow();
    return p.amountOut(in, p.token0().address().equalsIgnoreCase(tokenIn));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1000000000000000", "1000000000000000000", "7300000000000000123"})
  void everyLegPaysTheV2FormulaToTheWei(String amount) {
    BigInteger in = new BigInteger(amount);
    ChainPoolState s = recorded();
    ConstantProduct.Hop h1 = hop(s, ab, a);
    ConstantProduct.Hop h2 = hop(s, bc, b);
    ConstantProduct.Hop h3 = hop(s, ca, c);
    BigInteger out1 = h1.amountOut(in);
    BigInteger out2 = h2.amountOut(out1);
    BigInteger out3 = h3.amountOut(out2);
    assertThat(List.of(out1, out2, out3)).containsExactly(v2(in, h1), v2(out1, h2), v2(out2, h3));
    // the engine's re-pricer gives the same, on the raw reserves and on the recorded pools
    assertThat(List.of(core(in, h1), core(out1, h2), core(out2, h3)))
        .containsExactly(out1, out2, out3);
    ChainSnapshot engine = PoolSnapshots.chain(s, new ArrayList<>());
    assertThat(
            List.of(
                engineOut(engine, ab, a, in),
                engineOut(engine, bc, b, out1),
                engineOut(engine, ca, c, out2)))
        .containsExactly(out1, out2, out3);
    assertThat(out3).isPositive();

    Wallet w = local.wallet(DevAccounts.OWNER);
    BigInteger startA = Erc20.balanceOf(chain, a, w.address());
    BigInteger bcHeldB = Erc20.balanceOf(chain, b, bc);
    BigInteger caHeldC = Erc20.balanceOf(chain, c, ca);

    Erc20.transfer(w, a, ab, in);
    PoolFixture.swapOut(w, ab, token0(ab), a, out1, bc);
    assertThat(Erc20.balanceOf(chain, b, bc).subtract(bcHeldB)).isEqualTo(out1);
    PoolFixture.swapOut(w, bc, token0(bc), b, out2, ca);
    assertThat(Erc20.balanceOf(chain, c, ca).subtract(caHeldC)).isEqualTo(out2);
    PoolFixture.swapOut(w, ca, token0(ca), c, out3, w.address());
    assertThat(Erc20.balanceOf(chain, a, w.address())).isEqualTo(startA.subtract(in).add(out3));

    // and the pairs now hold what the formula says: R_in + in, R_out - out
    ChainPoolState after = recorded();
    assertThat(hop(after, ab, a))
        .isEqualTo(
            new ConstantProduct.Hop(h1.reserveIn().add(in), h1.reserveOut().subtract(out1), 30));
    assertThat(hop(after, bc, b))
        .isEqualTo(
            new ConstantProduct.Hop(h2.reserveIn().add(out1), h2.reserveOut().subtract(out2), 30));
    assertThat(hop(after, ca, c))
        .isEqualTo(
            new ConstantProduct.Hop(h3.reserveIn().add(out2), h3.reserveOut().subtract(out3), 30));
  }

  @Test
  void oneWeiMoreThanTheFormulaIsRefusedByThePair() {
    BigInteger in = new BigInteger("1234567890123456789");
    BigInteger out = hop(recorded(), ab, a).amountOut(in);
    Wallet w = local.wallet(DevAccounts.OWNER);
    Erc20.transfer(w, a, ab, in);
    assertThatThrownBy(
            () -> PoolFixture.swapOut(w, ab, token0(ab), a, out.add(BigInteger.ONE), w.address()))
        .isInstanceOf(ChainException.class)
        .hasMessageContaining("UniswapV2: K");
    BigInteger before = Erc20.balanceOf(chain, b, w.address());
    PoolFixture.swapOut(w, ab, token0(ab), a, out, w.address());
    assertThat(Erc20.balanceOf(chain, b, w.address()).subtract(before)).isEqualTo(out);
  }

  private String token0(String pair) {
    return UniswapV2.reserves(chain, pair).token0();
  }
}
