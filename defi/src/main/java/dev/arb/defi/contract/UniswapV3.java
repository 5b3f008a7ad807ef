package dev.arb.defi.contract;

import dev.arb.defi.chain.CallResult;
import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.chain.RevertDecoder;
import dev.arb.defi.chain.Wallet;
import dev.arb.error.ChainException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Int24;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint160;
import org.web3j.abi.datatypes.generated.Uint24;

/**
 * Uniswap V3 factories and pools, deployed from the real {@code @uniswap/v3-core} 1.0.1 bytecode
 * (npm) and read directly; liquidity and test swaps on local chains go through {@code
 * local/V3PoolHelper} (the pools call back whoever calls them, so an account needs a contract to
 * pay them). Swap outcomes are not computed here: simulate the route ({@code eth_call}).
 */
public final class UniswapV3 {
  /** Where the npm artifacts are, relative to {@code contracts/}. */
  public static final String BUILD_DIR = "node_modules/@uniswap/v3-core/artifacts/contracts";

  /** The 0.05 % fee tier, in hundredths of a basis point (tick spacing 10). */
  public static final int FEE_LOW = 500;

  /** The 0.3 % fee tier (tick spacing 60). */
  public static final int FEE_MEDIUM = 3000;

  /** The 1 % fee tier (tick spacing 200). */
  public static final int FEE_HIGH = 10_000;

  /** The lowest tick a position may use, {@code TickMath.MIN_TICK}. */
  public static final int MIN_TICK = -887_272;

  private static final RevertDecoder DECODER = new RevertDecoder();

  /**
   * What a pool says about itself.
   *
   * @param factory the factory it names (check it with {@link #getPool})
   * @param token0 the lower token address
   * @param token1 the higher token address
   * @param fee fee in hundredths of a basis point (500 = 0.05 %)
   * @param tickSpacing tick spacing of its fee tier
   */
  public record PoolInfo(String factory, String token0, String token1, int fee, int tickSpacing) {}

  /**
   * The pool's current price.
   *
   * @param sqrtPriceX96 sqrt(token1 per token0) as Q64.96
   * @param tick the current tick
   */
  public record Slot0(BigInteger sqrtPriceX96, int tick) {}

  private UniswapV3() {}

  /** Deploys a UniswapV3Factory (owner: the deployer; fee tiers 500, 3000 and 10000 enabled). */
  public static String deployFactory(Wallet deployer, Path contractsDir) {
    ContractArtifact a =
        ContractArtifact.fromFile(
            contractsDir
                .resolve(BUILD_DIR)
                .resolve("UniswapV3Factory.sol")
                .resolve("UniswapV3Factory.json"));
    return deployer.deploy(a.bytecode(), DECODER);
  }

  /**
   * Creates the pool of two tokens at {@code fee} and initialises it at {@code sqrtPriceX96};
   * returns its address, lower case.
   */
  public static String createPool(
      Wallet wallet,
      String factory,
      String tokenA,
      String tokenB,
      int fee,
      BigInteger sqrtPriceX96) {
    wallet.transact(
        factory,
        Abi.call(
            "createPool",
            Abi.address(tokenA),
            Abi.address(tokenB),
            new Uint24(BigInteger.valueOf(fee))),
        DECODER);
    String pool = getPool(wallet.chain(), factory, tokenA, tokenB, fee);
    if (new BigInteger(pool.substring(2), 16).signum() == 0) {
      throw new ChainException("uniswap-v3: factory " + factory + " created no pool");
    }
    wallet.transact(pool, Abi.call("initialize", new Uint160(sqrtPriceX96)), DECODER);
    return pool;
  }

  /** The pool of two tokens at {@code fee} in a factory (zero address if none). */
  public static String getPool(
      ChainClient chain, String factory, String tokenA, String tokenB, int fee) {
    String out =
        chain.view(
            factory,
            Abi.call(
                "getPool",
                Abi.address(tokenA),
                Abi.address(tokenB),
                new Uint24(BigInteger.valueOf(fee))));
    return ((String) Abi.decode(out, Abi.addressRef()).get(0).getValue()).toLowerCase(Locale.ROOT);
  }

  /**
   * Whether {@code address} answers like a Uniswap V3 factory ({@code feeAmountTickSpacing(500)}
   * returns a number, 10 on Uniswap's): false for an account without code, pools, V2 factories.
   */
  public static boolean isFactory(ChainClient chain, String address) {
    CallResult r =
        chain.call(
            ChainClient.ZERO_ADDRESS,
            address,
            Abi.call("feeAmountTickSpacing", new Uint24(BigInteger.valueOf(FEE_LOW))),
            DECODER);
    return r instanceof CallResult.Success ok
        && ok.data().length() == 2 + 64
        && new BigInteger(ok.data().substring(2), 16).signum() != 0;
  }

  /**
   * The factory {@code address} names, if it answers {@code factory()} and {@code fee()} as a V3
   * pool does; empty otherwise (an account without code, a V2 pair, another contract).
   */
  public static Optional<String> factoryOf(ChainClient chain, String address) {
    CallResult fee = chain.call(ChainClient.ZERO_ADDRESS, address, Abi.call("fee"), DECODER);
    if (!(fee instanceof CallResult.Success)) {
      return Optional.empty();
    }
    return UniswapV2.factoryOf(chain, address);
  }

  /** What the pool says about itself, in one JSON-RPC batch. */
  @SuppressWarnings("rawtypes")
  public static PoolInfo info(ChainClient chain, String pool) {
    List<String> out =
        chain.viewBatch(
            List.of(
                Map.entry(pool, Abi.call("factory")),
                Map.entry(pool, Abi.call("token0")),
                Map.entry(pool, Abi.call("token1")),
                Map.entry(pool, Abi.call("fee")),
                Map.entry(pool, Abi.call("tickSpacing"))));
    List<Type> fee = Abi.decode(out.get(3), new TypeReference<Uint24>() {});
    List<Type> spacing = Abi.decode(out.get(4), new TypeReference<Int24>() {});
    return new PoolInfo(
        address(out.get(0)),
        address(out.get(1)),
        address(out.get(2)),
        ((BigInteger) fee.get(0).getValue()).intValueExact(),
        ((BigInteger) spacing.get(0).getValue()).intValueExact());
  }

  /** The pool's current price and tick. */
  @SuppressWarnings("rawtypes")
  public static Slot0 slot0(ChainClient chain, String pool) {
    List<Type> r =
        Abi.decode(
            chain.view(pool, Abi.call("slot0")),
            new TypeReference<Uint160>() {},
            new TypeReference<Int24>() {});
    return new Slot0(
        (BigInteger) r.get(0).getValue(), ((BigInteger) r.get(1).getValue()).intValueExact());
  }

  /** The pool's liquidity in range now. */
  public static BigInteger liquidity(ChainClient chain, String pool) {
    return (BigInteger)
        Abi.decode(chain.view(pool, Abi.call("liquidity")), new TypeReference<Uint128>() {})
            .get(0)
            .getValue();
  }

  /**
   * The Q64.96 square root of the price at which a pool holds {@code amount0} of token0 against
   * {@code amount1} of token1 (price = token1 per token0), rounded down.
   */
  public static BigInteger sqrtPriceX96(BigInteger amount0, BigInteger amount1) {
    if (amount0.signum() <= 0 || amount1.signum() <= 0) {
      throw new IllegalArgumentException("amounts must be positive");
    }
    return amount1.shiftLeft(192).divide(amount0).sqrt();
  }

  /** The widest range a position may span at {@code tickSpacing}: {@code [-t, t]}. */
  public static int fullRangeTick(int tickSpacing) {
    return -MIN_TICK / tickSpacing * tickSpacing;
  }

  /** Deploys the local-chain helper that adds liquidity and swaps for an account. */
  public static String deployPoolHelper(Wallet deployer) {
    ContractArtifact a = ContractArtifact.fromClasspath("local/V3PoolHelper");
    return deployer.deploy(a.bytecode(), a.revertDecoder());
  }

  /**
   * Adds {@code liquidity} between the two ticks to {@code pool} through {@code helper}, paid from
   * (and owned by) the wallet, which approves the helper for both tokens first.
   */
  public static void addLiquidity(
      Wallet wallet,
      String helper,
      String pool,
      int tickLower,
      int tickUpper,
      BigInteger liquidity) {
    PoolInfo p = info(wallet.chain(), pool);
    approveAll(wallet, p.token0(), helper);
    approveAll(wallet, p.token1(), helper);
    wallet.transact(
        helper,
        Abi.call(
            "mint",
            Abi.address(pool),
            new Int24(tickLower),
            new Int24(tickUpper),
            new Uint128(liquidity)),
        ContractArtifact.fromClasspath("local/V3PoolHelper").revertDecoder());
  }

  /**
   * Sells exactly {@code amountIn} of {@code tokenIn} in {@code pool} through {@code helper}, paid
   * from the wallet (which approves the helper), the output to the wallet: moves the pool's price.
   */
  public static void swapExactIn(
      Wallet wallet, String helper, String pool, String tokenIn, BigInteger amountIn) {
    PoolInfo p = info(wallet.chain(), pool);
    approveAll(wallet, tokenIn, helper);
    wallet.transact(
        helper,
        Abi.call(
            "swap",
            Abi.address(pool),
            new Bool(p.token0().equalsIgnoreCase(tokenIn)),
            Abi.uint(amountIn)),
        ContractArtifact.fromClasspath("local/V3PoolHelper").revertDecoder());
  }

  private static void approveAll(Wallet wallet, String token, String spender) {
    wallet.transact(
        token,
        Abi.call(
            "approve",
            Abi.address(spender),
            Abi.uint(BigInteger.TWO.pow(256).subtract(BigInteger.ONE))),
        DECODER);
  }

  private static String address(String word) {
    return ((String) Abi.decode(word, Abi.addressRef()).get(0).getValue()).toLowerCase(Locale.ROOT);
  }
}
