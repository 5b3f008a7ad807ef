package dev.arb.defi.pools;

import dev.arb.defi.chain.CallResult;
import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.chain.RevertDecoder;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.ContractArtifact;
import dev.arb.defi.contract.Erc20;
import dev.arb.engine.model.ConcentratedPool;
import dev.arb.engine.model.Token;
import dev.arb.engine.model.v3.TickMath;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Int24;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint160;
import org.web3j.abi.datatypes.generated.Uint24;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;

/**
 * Uniswap V3 on a local chain from the real {@code @uniswap/v3-core} 1.0.1 bytecode: the factory,
 * one pool per fee tier (500 / 3000 / 10000, tick spacings 10 / 60 / 200), each initialized between
 * two ticks and given positions over several ranges, added through {@code
 * V3LiquidityHelperForTests} (which pays the pool in its mint callback). The positions cross bitmap
 * words, leave a range without liquidity between two islands, and make one tick initialized with a
 * {@code liquidityNet} of 0 (one position ends where another starts). The fixture knows every
 * tick's {@code liquidityNet} from the positions it minted, without reading the chain.
 */
final class V3PoolFixture {
  /** Where the npm artifacts are, relative to {@code contracts/}. */
  static final String ARTIFACTS = "node_modules/@uniswap/v3-core/artifacts/contracts";

  static final String DEX = "uniswap-v3";

  private static final RevertDecoder DECODER = new RevertDecoder();
  private static final BigInteger SUPPLY = BigInteger.TEN.pow(40);
  private static final BigInteger E18 = BigInteger.TEN.pow(18);

  /** A liquidity position, ticks as multiples of the pool's spacing. */
  record Position(int lower, int upper, BigInteger liquidity) {}

  /** A pool as created: its fee in pips, spacing, tokens (token0 first) and positions. */
  static final class Seeded {
    final String address;
    final int fee;
    final int spacing;
    final Token token0;
    final Token token1;
    final List<Position> positions = new ArrayList<>();

    Seeded(String address, int fee, int spacing, Token token0, Token token1) {
      this.address = address.toLowerCase(Locale.ROOT);
      this.fee = fee;
      this.spacing = spacing;
      this.token0 = token0;
      this.token1 = token1;
    }

    /** Every initialized tick and its liquidityNet, from the positions. */
    TreeMap<Integer, BigInteger> ticks() {
      TreeMap<Integer, BigInteger> net = new TreeMap<>();
      for (Position p : positions) {
        net.merge(p.lower(), p.liquidity(), BigInteger::add);
        net.merge(p.upper(), p.liquidity().negate(), BigInteger::add);
      }
      return net;
    }

    /** The liquidity active at {@code tick}: positions with {@code lower ≤ tick < upper}. */
    BigInteger liquidityAt(int tick) {
      BigInteger l = BigInteger.ZERO;
      for (Position p : positions) {
        if (p.lower() <= tick && tick < p.upper()) {
          l = l.add(p.liquidity());
        }
      }
      return l;
    }

    BigDecimal feeFraction() {
      return BigDecimal.valueOf(fee).movePointLeft(6);
    }
  }

  final String factory;
  final String helper;
  final List<Token> tokens = new ArrayList<>();
  final List<Seeded> pools = new ArrayList<>();

  private V3PoolFixture(Wallet w, Path contracts) {
    ContractArtifact f =
        ContractArtifact.fromFile(
            contracts.resolve(ARTIFACTS).resolve("UniswapV3Factory.sol/UniswapV3Factory.json"));
    factory = w.deploy(f.bytecode(), DECODER).toLowerCase(Locale.ROOT);
    ContractArtifact h = ContractArtifact.fromClasspath("local/V3LiquidityHelperForTests");
    helper = w.deploy(h.bytecode(), h.revertDecoder()).toLowerCase(Locale.ROOT);
    Token weth = token(w, "WETH", 18);
    Token usdc = token(w, "USDC", 6);
    Token dai = token(w, "DAI", 18);
    // token1 per token0 in smallest units near 1.0001^tick: three tiers, three price levels
    create(w, weth, dai, 500, 10, 3, 0);
    create(w, weth, usdc, 3000, 60, 41, -200_040);
    create(w, usdc, dai, 10000, 200, 77, 276_400);
  }

  /** Deploys everything from {@code owner}, which holds every token and has approved the helper. */
  static V3PoolFixture deploy(Wallet owner, Path contracts) {
    return new V3PoolFixture(owner, contracts);
  }

  private Token token(Wallet w, String symbol, int decimals) {
    ContractArtifact a = ContractArtifact.fromClasspath("test/MetadataToken");
    String code =
        a.bytecode()
            + FunctionEncoder.encodeConstructor(
                Arrays.asList(
                    new Utf8String(symbol + " (test)"),
                    new Utf8String(symbol),
                    new Uint8(decimals),
                    new Uint8(0),
                    new Uint256(SUPPLY)));
    String address = w.deploy(code, a.revertDecoder()).toLowerCase(Locale.ROOT);
    w.transact(
        address,
        encode(
            "approve",
            new Address(helper),
            new Uint256(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE))),
        DECODER);
    Token t = Token.of("local", address, symbol, decimals);
    tokens.add(t);
    return t;
  }

  /**
   * Creates the pool of {@code a}/{@code b} at {@code fee}, initializes it {@code offset} units of
   * square-root price above the tick {@code base} (between two ticks) and mints its positions
   * around {@code base}.
   */
  private void create(Wallet w, Token a, Token b, int fee, int spacing, int offset, int base) {
    w.transact(
        factory,
        encode("createPool", new Address(a.address()), new Address(b.address()), new Uint24(fee)),
        DECODER);
    String pool = getPool(w.chain(), factory, a.address(), b.address(), fee);
    boolean aFirst = a.address().compareTo(b.address()) < 0;
    Seeded s = new Seeded(pool, fee, spacing, aFirst ? a : b, aFirst ? b : a);
    BigInteger price = TickMath.sqrtRatioAtTick(base).add(BigInteger.valueOf(offset));
    w.transact(pool, encode("initialize", new Uint160(price)), DECODER);
    int c = Math.floorDiv(base, spacing) * spacing;
    int sp = spacing;
    // wide (crosses bitmap words both ways), narrow ones stacked on it, an island on each side
    // beyond a range without liquidity, and two positions meeting at c+200s (liquidityNet 0 there)
    mint(w, s, c - 600 * sp, c + 600 * sp, E18.multiply(BigInteger.valueOf(100)));
    mint(w, s, c - 40 * sp, c + 40 * sp, E18.multiply(BigInteger.valueOf(300)));
    mint(w, s, c - 200 * sp, c - 10 * sp, E18.multiply(BigInteger.valueOf(200)));
    mint(w, s, c + 10 * sp, c + 300 * sp, E18.multiply(BigInteger.valueOf(200)));
    mint(w, s, c - 5 * sp, c + 5 * sp, E18.multiply(BigInteger.valueOf(50)));
    mint(w, s, c - 900 * sp, c - 700 * sp, E18.multiply(BigInteger.valueOf(100)));
    mint(w, s, c + 700 * sp, c + 900 * sp, E18.multiply(BigInteger.valueOf(100)));
    mint(w, s, c + 100 * sp, c + 200 * sp, E18.multiply(BigInteger.valueOf(10)));
    mint(w, s, c + 200 * sp, c + 250 * sp, E18.multiply(BigInteger.valueOf(10)));
    pools.add(s);
  }

  private void mint(Wallet w, Seeded s, int lower, int upper, BigInteger liquidity) {
    w.transact(
        helper,
        encode(
            "mint",
            new Address(s.address),
            new Int24(BigInteger.valueOf(lower)),
            new Int24(BigInteger.valueOf(upper)),
            new Uint128(liquidity)),
        DECODER);
    s.positions.add(new Position(lower, upper, liquidity));
  }

  /** The factory's pool of two tokens at a fee (the zero address if none). */
  static String getPool(ChainClient chain, String factory, String a, String b, int fee) {
    String out =
        chain.view(factory, encode("getPool", new Address(a), new Address(b), new Uint24(fee)));
    return "0x" + out.substring(out.length() - 40);
  }

  /** {@code slot0()}: the square-root price and the tick. */
  static Object[] slot0(ChainClient chain, String pool) {
    String out = chain.view(pool, encode("slot0")).substring(2);
    BigInteger sqrt = new BigInteger(out.substring(0, 64), 16);
    int tick = new BigInteger(out.substring(64, 128), 16).intValue();
    return new Object[] {sqrt, tick};
  }

  /** {@code liquidity()}. */
  static BigInteger liquidity(ChainClient chain, String pool) {
    return new BigInteger(chain.view(pool, encode("liquidity")).substring(2), 16);
  }

  /**
   * The pool as the engine models it: the chain's price and tick, the liquidity and ticks the
   * fixture minted, every tick listed within {@code [lowest, highest]}.
   */
  ConcentratedPool model(ChainClient chain, Seeded s, int lowest, int highest) {
    Object[] slot = slot0(chain, s.address);
    int tick = (int) slot[1];
    List<ConcentratedPool.Tick> ticks = new ArrayList<>();
    for (Map.Entry<Integer, BigInteger> e : s.ticks().entrySet()) {
      if (e.getKey() >= lowest && e.getKey() <= highest) {
        ticks.add(new ConcentratedPool.Tick(e.getKey(), e.getValue()));
      }
    }
    return new ConcentratedPool(
        "local",
        s.address,
        DEX,
        s.token0,
        s.token1,
        s.feeFraction(),
        s.spacing,
        (BigInteger) slot[0],
        tick,
        s.liquidityAt(tick),
        ticks,
        new ConcentratedPool.TickRange(lowest, highest));
  }

  /** The pool with every tick listed (the whole tick range). */
  ConcentratedPool model(ChainClient chain, Seeded s) {
    return model(chain, s, TickMath.MIN_TICK, TickMath.MAX_TICK);
  }

  /**
   * What the real pool pays for {@code amountIn} (eth_call from {@code from}, nothing changes): the
   * input it took and the output it paid, or empty if it reverts.
   */
  Optional<BigInteger[]> quote(
      ChainClient chain,
      String from,
      Seeded s,
      boolean zeroForOne,
      BigInteger amountIn,
      BigInteger limit) {
    CallResult r = chain.call(from, helper, swapData(s, zeroForOne, amountIn, limit), DECODER);
    if (!(r instanceof CallResult.Success ok)) {
      return Optional.empty();
    }
    return Optional.of(deltas(ok.data(), zeroForOne));
  }

  /** Swaps {@code amountIn} for real, without a price limit. */
  void swap(Wallet w, Seeded s, boolean zeroForOne, BigInteger amountIn) {
    w.transact(helper, swapData(s, zeroForOne, amountIn, BigInteger.ZERO), DECODER);
  }

  static String swapData(Seeded s, boolean zeroForOne, BigInteger amountIn, BigInteger limit) {
    return encode(
        "swapExactIn",
        new Address(s.address),
        new Bool(zeroForOne),
        new Uint256(amountIn),
        new Uint160(limit));
  }

  private static BigInteger[] deltas(String data, boolean zeroForOne) {
    String hex = data.substring(2);
    BigInteger d0 = new BigInteger(hex.substring(0, 64), 16);
    BigInteger d1 = new BigInteger(hex.substring(64, 128), 16);
    d0 = d0.testBit(255) ? d0.subtract(BigInteger.ONE.shiftLeft(256)) : d0;
    d1 = d1.testBit(255) ? d1.subtract(BigInteger.ONE.shiftLeft(256)) : d1;
    return zeroForOne ? new BigInteger[] {d0, d1.negate()} : new BigInteger[] {d1, d0.negate()};
  }

  @SuppressWarnings("rawtypes")
  static String encode(String name, Type... args) {
    return FunctionEncoder.encode(new Function(name, Arrays.asList(args), List.of()));
  }

  /** Balance of {@code holder}. */
  static BigInteger balance(ChainClient chain, Token t, String holder) {
    return Erc20.balanceOf(chain, t.address(), holder);
  }
}
