package dev.arb.defi.local;

import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.chain.Fees;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.BalancerV2;
import dev.arb.defi.contract.Erc20;
import dev.arb.defi.contract.FlashLoanArbitrageContract;
import dev.arb.defi.contract.UniswapV2;
import dev.arb.defi.contract.UniswapV3;
import dev.arb.defi.pool.ConstantProduct;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;

/**
 * The market of the daemon demo: five tokens ({@code TestToken}s, 18 decimals: WETH at 2,000 USDC,
 * WBTC at 40,000, USDC, DAI and USDT at 1), the real Uniswap V2 factory deployed three times (DEXes
 * {@code dex-a}, {@code dex-b}, {@code dex-c}), each with a pair of every two tokens (30 pairs,
 * $400,000 a side, all at the same prices, so no cycle pays after fees), three real Uniswap V3
 * pools (WETH/USDC at 0.05 % and 0.3 %, USDC/DAI at 0.05 %; full range, $200,000 a side) and a
 * Balancer V2 vault holding 1,000 WETH to lend.
 *
 * @param tokens symbol to address, lower case
 * @param factories the three V2 factories, named
 * @param pairs {@code dex:SYM0/SYM1} (symbols in {@link #SYMBOLS} order) to pair address
 * @param v3Factory the V3 factory
 * @param v3Helper the helper that added the V3 liquidity (and swaps or adds more for an account)
 * @param v3Pools the V3 pools
 * @param vault the Balancer vault
 */
public record DaemonMarket(
    Map<String, String> tokens,
    Map<String, String> factories,
    Map<String, String> pairs,
    String v3Factory,
    String v3Helper,
    List<String> v3Pools,
    String vault) {

  /** The tokens, in order. */
  public static final List<String> SYMBOLS = List.of("WETH", "WBTC", "USDC", "DAI", "USDT");

  /** Each token's price in USD. */
  private static final long[] USD = {2_000, 40_000, 1, 1, 1};

  /** The DEX names. */
  public static final List<String> DEXES = List.of("dex-a", "dex-b", "dex-c");

  /** Deploys it all, paid by {@code deployer} (who keeps the rest of each token's supply). */
  public static DaemonMarket deploy(Wallet deployer, Path contractsDir) {
    Map<String, String> tokens = new LinkedHashMap<>();
    for (String s : SYMBOLS) {
      tokens.put(
          s,
          Erc20.deployTestToken(deployer, s + " (test)", s, tokens(1_000_000_000L))
              .toLowerCase(Locale.ROOT));
    }
    Map<String, String> factories = new LinkedHashMap<>();
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String dex : DEXES) {
      String factory = UniswapV2.deployFactory(deployer, contractsDir).toLowerCase(Locale.ROOT);
      factories.put(dex, factory);
      for (int i = 0; i < SYMBOLS.size(); i++) {
        for (int j = i + 1; j < SYMBOLS.size(); j++) {
          String a = tokens.get(SYMBOLS.get(i));
          String b = tokens.get(SYMBOLS.get(j));
          String pair = UniswapV2.createPair(deployer, factory, a, b).toLowerCase(Locale.ROOT);
          // $400,000 of each token: 400,000 / price whole tokens
          UniswapV2.addLiquidity(deployer, pair, a, usdWorth(i, 400_000), b, usdWorth(j, 400_000));
          pairs.put(dex + ":" + SYMBOLS.get(i) + "/" + SYMBOLS.get(j), pair);
        }
      }
    }
    String v3Factory = UniswapV3.deployFactory(deployer, contractsDir).toLowerCase(Locale.ROOT);
    String helper = UniswapV3.deployPoolHelper(deployer);
    List<String> v3 = new ArrayList<>();
    v3.add(v3Pool(deployer, v3Factory, helper, tokens, 0, 2, UniswapV3.FEE_LOW, 10));
    v3.add(v3Pool(deployer, v3Factory, helper, tokens, 0, 2, UniswapV3.FEE_MEDIUM, 60));
    v3.add(v3Pool(deployer, v3Factory, helper, tokens, 2, 3, UniswapV3.FEE_LOW, 10));
    String weth = tokens.get("WETH");
    String vault = BalancerV2.deployVault(deployer, contractsDir, weth).toLowerCase(Locale.ROOT);
    Erc20.transfer(deployer, weth, vault, tokens(1_000));
    return new DaemonMarket(tokens, factories, pairs, v3Factory, helper, v3, vault);
  }

  /** {@code n} whole tokens in base units. */
  public static BigInteger tokens(long n) {
    return BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(n));
  }

  private static BigInteger usdWorth(int token, long usd) {
    return BigInteger.TEN
        .pow(18)
        .multiply(BigInteger.valueOf(usd))
        .divide(BigInteger.valueOf(USD[token]));
  }

  private static String v3Pool(
      Wallet deployer,
      String factory,
      String helper,
      Map<String, String> tokens,
      int i,
      int j,
      int fee,
      int spacing) {
    String a = tokens.get(SYMBOLS.get(i));
    String b = tokens.get(SYMBOLS.get(j));
    BigInteger amountA = usdWorth(i, 200_000);
    BigInteger amountB = usdWorth(j, 200_000);
    boolean aIs0 = a.compareTo(b) < 0;
    BigInteger amount0 = aIs0 ? amountA : amountB;
    BigInteger amount1 = aIs0 ? amountB : amountA;
    String pool =
        UniswapV3.createPool(
            deployer, factory, a, b, fee, UniswapV3.sqrtPriceX96(amount0, amount1));
    int edge = UniswapV3.fullRangeTick(spacing);
    UniswapV3.addLiquidity(deployer, helper, pool, -edge, edge, amount0.multiply(amount1).sqrt());
    return pool.toLowerCase(Locale.ROOT);
  }

  /** The pair of {@code dex} for two symbols (either order). */
  public String pair(String dex, String symbolA, String symbolB) {
    String p = pairs.get(dex + ":" + symbolA + "/" + symbolB);
    return p != null ? p : pairs.get(dex + ":" + symbolB + "/" + symbolA);
  }

  /** Symbols by address, and DEX names by pair address, for records. */
  public Map<String, String> venues() {
    Map<String, String> out = new LinkedHashMap<>();
    pairs.forEach((k, v) -> out.put(v, k.substring(0, k.indexOf(':'))));
    v3Pools.forEach(p -> out.put(p, "uniswap-v3"));
    return out;
  }

  /**
   * Sells exactly {@code amountIn} of {@code tokenIn} in a V2 pair at the Uniswap fee, the output
   * to the wallet, and waits for it to be mined.
   *
   * @return the block the swap was mined in
   */
  public static long swapV2(Wallet w, String pair, String tokenIn, BigInteger amountIn) {
    BigInteger[] outs = outs(w.chain(), pair, tokenIn, amountIn);
    Erc20.transfer(w, tokenIn, pair, amountIn);
    return w.transact(pair, swapData(outs, w.address()), FlashLoanArbitrageContract.decoder())
        .getBlockNumber()
        .longValueExact();
  }

  /** What selling {@code amountIn} of {@code tokenIn} in a V2 pair pays now. */
  public static BigInteger quoteV2(
      ChainClient chain, String pair, String tokenIn, BigInteger amountIn) {
    BigInteger[] outs = outs(chain, pair, tokenIn, amountIn);
    return outs[0].max(outs[1]);
  }

  /**
   * The same swap as two signed transactions (the transfer into the pair, then the swap), priced at
   * the pair's reserves now and not sent: for a chain that does not mine on its own.
   */
  public static List<ChainClient.SignedTx> signedSwapV2(
      ChainClient chain,
      Credentials sender,
      BigInteger nonce,
      Fees fees,
      String pair,
      String tokenIn,
      BigInteger amountIn) {
    BigInteger[] outs = outs(chain, pair, tokenIn, amountIn);
    String transfer =
        FunctionEncoder.encode(
            new Function("transfer", List.of(new Address(pair), new Uint256(amountIn)), List.of()));
    return List.of(
        chain.sign(
            sender, nonce, tokenIn, transfer, BigInteger.ZERO, BigInteger.valueOf(100_000), fees),
        chain.sign(
            sender,
            nonce.add(BigInteger.ONE),
            pair,
            swapData(outs, sender.getAddress()),
            BigInteger.ZERO,
            BigInteger.valueOf(200_000),
            fees));
  }

  /** {@code [amount0Out, amount1Out]} of selling {@code amountIn} of {@code tokenIn}. */
  private static BigInteger[] outs(
      ChainClient chain, String pair, String tokenIn, BigInteger amountIn) {
    UniswapV2.Reserves r = UniswapV2.reserves(chain, pair);
    boolean zeroForOne = r.token0().equalsIgnoreCase(tokenIn);
    BigInteger out =
        new ConstantProduct.Hop(
                zeroForOne ? r.reserve0() : r.reserve1(),
                zeroForOne ? r.reserve1() : r.reserve0(),
                UniswapV2.FEE_BPS)
            .amountOut(amountIn);
    return zeroForOne
        ? new BigInteger[] {BigInteger.ZERO, out}
        : new BigInteger[] {out, BigInteger.ZERO};
  }

  private static String swapData(BigInteger[] outs, String to) {
    return FunctionEncoder.encode(
        new Function(
            "swap",
            List.of(
                new Uint256(outs[0]),
                new Uint256(outs[1]),
                new Address(to),
                new DynamicBytes(new byte[0])),
            List.of()));
  }
}
