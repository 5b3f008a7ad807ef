package dev.arb.defi.local;

import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.AaveV3;
import dev.arb.defi.contract.BalancerV2;
import dev.arb.defi.contract.ContractArtifact;
import dev.arb.defi.contract.Erc20;
import dev.arb.defi.contract.FlashRoute;
import dev.arb.defi.contract.FlashRoute.Hop;
import dev.arb.defi.contract.LoanSource;
import dev.arb.defi.contract.UniswapV2;
import dev.arb.defi.contract.UniswapV3;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.generated.Uint16;

/**
 * A local market for multi-hop routes: four tokens (WETH, USDC, DAI, USDT; {@code TestToken}s with
 * 18 decimals), three V2-style DEXes with different fees, two real Uniswap V3 pools, and the three
 * loan sources. WETH is dear on DEX B's WETH/USDC (2,200 USDC) and on the V3 0.05 % pool (2,100),
 * 2,000 everywhere else; stablecoins trade 1:1. So every route below that sells WETH first there
 * and buys it back elsewhere pays.
 *
 * <ul>
 *   <li>DEX A (Uniswap V2 bytecode, 30 bps): USDC/DAI 1M:1M, DAI/WETH 2M:1,000, and WETH/USDT
 *       1,000:2M, the pair to flash-swap WETH from (on no route)
 *   <li>DEX B (Uniswap V2 bytecode, 30 bps): WETH/USDC 100:220,000, USDT/DAI 1M:1M
 *   <li>DEX C ({@code local/FeeV2Factory}, 25 bps as PancakeSwap V2): DAI/WETH 2M:1,000, USDC/USDT
 *       1M:1M, USDC/DAI 1M:1M
 *   <li>Uniswap V3 (real factory): WETH/USDC at 0.05 % (100 WETH : 210,000 USDC), WETH/USDC at 0.3
 *       % (1,000 WETH : 2M USDC) and USDC/DAI at 0.3 % (1M:1M), each one full-range position
 *   <li>a Balancer V2 Vault holding 1,000 WETH, an Aave V3 Pool with a 1,000-WETH reserve (premium
 *       9 bps)
 * </ul>
 *
 * @param dexC the 25-bps factory
 * @param v3Factory the Uniswap V3 factory
 * @param v3Helper the helper that added the V3 liquidity (and swaps for an account)
 * @param loanPair WETH/USDT on DEX A, to flash-swap WETH from
 */
public record RouteMarket(
    String weth,
    String usdc,
    String dai,
    String usdt,
    String dexA,
    String dexB,
    String dexC,
    String v3Factory,
    String v3Helper,
    String aUsdcDai,
    String aDaiWeth,
    String bWethUsdc,
    String bUsdtDai,
    String cDaiWeth,
    String cUsdcUsdt,
    String cUsdcDai,
    String v3WethUsdc500,
    String v3WethUsdc3000,
    String v3UsdcDai3000,
    String loanPair,
    String balancerVault,
    String aavePool) {

  /** DEX C's fee, basis points. */
  public static final int DEX_C_FEE_BPS = 25;

  /** Deploys everything, paid by {@code deployer} (who keeps the rest of each token's supply). */
  public static RouteMarket deploy(Wallet deployer, Path contractsDir) {
    BigInteger supply = tokens(1_000_000_000L);
    String weth = Erc20.deployTestToken(deployer, "Wrapped Ether (test)", "WETH", supply);
    String usdc = Erc20.deployTestToken(deployer, "USD Coin (test)", "USDC", supply);
    String dai = Erc20.deployTestToken(deployer, "Dai (test)", "DAI", supply);
    String usdt = Erc20.deployTestToken(deployer, "Tether (test)", "USDT", supply);
    String dexA = UniswapV2.deployFactory(deployer, contractsDir);
    String dexB = UniswapV2.deployFactory(deployer, contractsDir);
    String dexC = deployFeeFactory(deployer, DEX_C_FEE_BPS);
    BigInteger million = tokens(1_000_000);
    String aUsdcDai = pair(deployer, dexA, usdc, million, dai, million);
    String aDaiWeth = pair(deployer, dexA, dai, tokens(2_000_000), weth, tokens(1_000));
    String loanPair = pair(deployer, dexA, weth, tokens(1_000), usdt, tokens(2_000_000));
    String bWethUsdc = pair(deployer, dexB, weth, tokens(100), usdc, tokens(220_000));
    String bUsdtDai = pair(deployer, dexB, usdt, million, dai, million);
    String cDaiWeth = pair(deployer, dexC, dai, tokens(2_000_000), weth, tokens(1_000));
    String cUsdcUsdt = pair(deployer, dexC, usdc, million, usdt, million);
    String cUsdcDai = pair(deployer, dexC, usdc, million, dai, million);

    String v3Factory = UniswapV3.deployFactory(deployer, contractsDir);
    String helper = UniswapV3.deployPoolHelper(deployer);
    String v3WethUsdc =
        v3Pool(
            deployer,
            v3Factory,
            helper,
            weth,
            tokens(100),
            usdc,
            tokens(210_000),
            UniswapV3.FEE_LOW,
            10);
    String v3WethUsdc3000 =
        v3Pool(
            deployer,
            v3Factory,
            helper,
            weth,
            tokens(1_000),
            usdc,
            tokens(2_000_000),
            UniswapV3.FEE_MEDIUM,
            60);
    String v3UsdcDai =
        v3Pool(deployer, v3Factory, helper, usdc, million, dai, million, UniswapV3.FEE_MEDIUM, 60);

    String vault = BalancerV2.deployVault(deployer, contractsDir, weth);
    Erc20.transfer(deployer, weth, vault, tokens(1_000));
    String aave = AaveV3.deployPool(deployer, contractsDir, weth, "WETH", tokens(1_000));
    return new RouteMarket(
        weth,
        usdc,
        dai,
        usdt,
        dexA,
        dexB,
        dexC,
        v3Factory,
        helper,
        aUsdcDai,
        aDaiWeth,
        bWethUsdc,
        bUsdtDai,
        cDaiWeth,
        cUsdcUsdt,
        cUsdcDai,
        v3WethUsdc,
        v3WethUsdc3000,
        v3UsdcDai,
        loanPair,
        vault,
        aave);
  }

  /** {@code n} whole tokens in base units. */
  public static BigInteger tokens(long n) {
    return LocalMarket.tokens(n);
  }

  /** The V2-style factories whose pairs the arbitrage contract must allow. */
  public List<String> factories() {
    return List.of(dexA, dexB, dexC);
  }

  /** The V3 factories whose pools the arbitrage contract must allow. */
  public List<String> v3Factories() {
    return List.of(v3Factory);
  }

  /** The lender of each source: the WETH/USDT pair, the vault, the Aave pool. */
  public String lender(LoanSource source) {
    return switch (source) {
      case UNISWAP_V2 -> loanPair;
      case BALANCER -> balancerVault;
      case AAVE_V3 -> aavePool;
    };
  }

  /** WETH -V3 0.05 %-> USDC -V3 0.3 %-> WETH: two V3 pools of one pair, different fee tiers. */
  public FlashRoute v3TwoHops(LoanSource source, BigInteger amount, BigInteger minProfit) {
    return route(
        source, amount, minProfit, Hop.v3(v3WethUsdc500, usdc), Hop.v3(v3WethUsdc3000, weth));
  }

  /** WETH -B(V2)-> USDC -V3 0.05 %-> WETH. */
  public FlashRoute mixedTwoHops(LoanSource source, BigInteger amount, BigInteger minProfit) {
    return route(
        source, amount, minProfit, Hop.v2(bWethUsdc, usdc, 30), Hop.v3(v3WethUsdc500, weth));
  }

  /** WETH -B-> USDC -A-> DAI -C-> WETH: three factories, 30, 30 and 25 bps. */
  public FlashRoute threeHops(LoanSource source, BigInteger amount, BigInteger minProfit) {
    return route(
        source,
        amount,
        minProfit,
        Hop.v2(bWethUsdc, usdc, 30),
        Hop.v2(aUsdcDai, dai, 30),
        Hop.v2(cDaiWeth, weth, DEX_C_FEE_BPS));
  }

  /** WETH -B-> USDC -C-> USDT -B-> DAI -C-> WETH. */
  public FlashRoute fourHops(LoanSource source, BigInteger amount, BigInteger minProfit) {
    return route(
        source,
        amount,
        minProfit,
        Hop.v2(bWethUsdc, usdc, 30),
        Hop.v2(cUsdcUsdt, usdt, DEX_C_FEE_BPS),
        Hop.v2(bUsdtDai, dai, 30),
        Hop.v2(cDaiWeth, weth, DEX_C_FEE_BPS));
  }

  /** WETH -B-> USDC -A-> DAI -B-> USDT -C-> USDC -C-> DAI -A-> WETH: six pairs, three DEXes. */
  public FlashRoute sixHops(LoanSource source, BigInteger amount, BigInteger minProfit) {
    return route(
        source,
        amount,
        minProfit,
        Hop.v2(bWethUsdc, usdc, 30),
        Hop.v2(aUsdcDai, dai, 30),
        Hop.v2(bUsdtDai, usdt, 30),
        Hop.v2(cUsdcUsdt, usdc, DEX_C_FEE_BPS),
        Hop.v2(cUsdcDai, dai, DEX_C_FEE_BPS),
        Hop.v2(aDaiWeth, weth, 30));
  }

  /**
   * WETH -B(V2)-> USDC -V3 0.3 %-> DAI -A(V2)-> USDC -V3 0.05 %-> WETH: every transition between
   * the kinds (V2 to V3, V3 to V2, a V3 hop last).
   */
  public FlashRoute mixedFourHops(LoanSource source, BigInteger amount, BigInteger minProfit) {
    return route(
        source,
        amount,
        minProfit,
        Hop.v2(bWethUsdc, usdc, 30),
        Hop.v3(v3UsdcDai3000, dai),
        Hop.v2(aUsdcDai, usdc, 30),
        Hop.v3(v3WethUsdc500, weth));
  }

  /** WETH -V3 0.05 %-> USDC -V3 0.3 %-> DAI -C(V2)-> WETH: V3 first, V3 to V3, V3 to V2. */
  public FlashRoute mixedThreeHops(LoanSource source, BigInteger amount, BigInteger minProfit) {
    return route(
        source,
        amount,
        minProfit,
        Hop.v3(v3WethUsdc500, usdc),
        Hop.v3(v3UsdcDai3000, dai),
        Hop.v2(cDaiWeth, weth, DEX_C_FEE_BPS));
  }

  private FlashRoute route(
      LoanSource source, BigInteger amount, BigInteger minProfit, Hop... hops) {
    return new FlashRoute(source, lender(source), weth, amount, List.of(hops), minProfit);
  }

  /** Deploys a {@code local/FeeV2Factory} whose pairs charge {@code feeBps}. */
  public static String deployFeeFactory(Wallet deployer, int feeBps) {
    ContractArtifact a = ContractArtifact.fromClasspath("local/FeeV2Factory");
    return deployer.deploy(
        a.bytecode() + FunctionEncoder.encodeConstructor(List.of(new Uint16(feeBps))),
        a.revertDecoder());
  }

  private static String pair(
      Wallet deployer,
      String factory,
      String tokenA,
      BigInteger amountA,
      String tokenB,
      BigInteger amountB) {
    String pair = UniswapV2.createPair(deployer, factory, tokenA, tokenB);
    UniswapV2.addLiquidity(deployer, pair, tokenA, amountA, tokenB, amountB);
    return pair;
  }

  /**
   * A V3 pool of the two tokens at {@code fee}, priced at {@code amountA : amountB} and holding
   * about those amounts in one full-range position.
   */
  private static String v3Pool(
      Wallet deployer,
      String factory,
      String helper,
      String tokenA,
      BigInteger amountA,
      String tokenB,
      BigInteger amountB,
      int fee,
      int tickSpacing) {
    boolean aIs0 = tokenA.toLowerCase(Locale.ROOT).compareTo(tokenB.toLowerCase(Locale.ROOT)) < 0;
    BigInteger amount0 = aIs0 ? amountA : amountB;
    BigInteger amount1 = aIs0 ? amountB : amountA;
    String pool =
        UniswapV3.createPool(
            deployer, factory, tokenA, tokenB, fee, UniswapV3.sqrtPriceX96(amount0, amount1));
    int edge = UniswapV3.fullRangeTick(tickSpacing);
    // full range: L = sqrt(x * y) holds about x and y at the pool's price
    UniswapV3.addLiquidity(deployer, helper, pool, -edge, edge, amount0.multiply(amount1).sqrt());
    return pool;
  }
}
