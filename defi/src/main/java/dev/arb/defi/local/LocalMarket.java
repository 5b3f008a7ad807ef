package dev.arb.defi.local;

import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.AaveV3;
import dev.arb.defi.contract.BalancerV2;
import dev.arb.defi.contract.Erc20;
import dev.arb.defi.contract.FlashRoute;
import dev.arb.defi.contract.LoanSource;
import dev.arb.defi.contract.UniswapV2;
import dev.arb.defi.flashloan.FlashLoanRecords;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Two "DEXes" (Uniswap V2 factories deployed from the npm bytecode) quoting WETH/USDC apart, and a
 * WETH/DAI pair to flash-borrow WETH from. All tokens are {@code TestToken}s with 18 decimals.
 *
 * <ul>
 *   <li>DEX A, WETH/USDC: 100 WETH and 200,000 USDC (2,000 USDC per WETH)
 *   <li>DEX B, WETH/USDC: 100 WETH and 220,000 USDC (2,200 USDC per WETH)
 *   <li>DEX A, WETH/DAI: 1,000 WETH and 2,000,000 DAI (the pair to flash-swap from)
 *   <li>a Balancer V2 Vault (npm bytecode) holding 1,000 WETH to flash-loan
 *   <li>an Aave V3 Pool (npm artifacts) with a WETH reserve of 1,000 WETH, premium 0.09 %
 * </ul>
 *
 * Selling WETH on B and buying it back on A is the profitable direction.
 *
 * @param dexA factory of DEX A
 * @param dexB factory of DEX B
 * @param pairA WETH/USDC on DEX A (cheap WETH)
 * @param pairB WETH/USDC on DEX B (expensive WETH)
 * @param loanPair WETH/DAI on DEX A
 * @param balancerVault the Balancer V2 Vault
 * @param aavePool the Aave V3 Pool (proxy)
 */
public record LocalMarket(
    String weth,
    String usdc,
    String dai,
    String dexA,
    String dexB,
    String pairA,
    String pairB,
    String loanPair,
    String balancerVault,
    String aavePool) {

  /** One whole token (10^18 base units). */
  public static final BigInteger ONE = BigInteger.TEN.pow(18);

  /** {@code n} whole tokens in base units. */
  public static BigInteger tokens(long n) {
    return ONE.multiply(BigInteger.valueOf(n));
  }

  /** Deploys tokens, two factories, three pairs with liquidity, all paid by {@code deployer}. */
  public static LocalMarket deploy(Wallet deployer, Path contractsDir) {
    BigInteger supply = tokens(1_000_000_000L);
    String weth = Erc20.deployTestToken(deployer, "Wrapped Ether (test)", "WETH", supply);
    String usdc = Erc20.deployTestToken(deployer, "USD Coin (test)", "USDC", supply);
    String dai = Erc20.deployTestToken(deployer, "Dai (test)", "DAI", supply);
    String dexA = UniswapV2.deployFactory(deployer, contractsDir);
    String dexB = UniswapV2.deployFactory(deployer, contractsDir);
    String pairA = UniswapV2.createPair(deployer, dexA, weth, usdc);
    UniswapV2.addLiquidity(deployer, pairA, weth, tokens(100), usdc, tokens(200_000));
    String pairB = UniswapV2.createPair(deployer, dexB, weth, usdc);
    UniswapV2.addLiquidity(deployer, pairB, weth, tokens(100), usdc, tokens(220_000));
    String loanPair = UniswapV2.createPair(deployer, dexA, weth, dai);
    UniswapV2.addLiquidity(deployer, loanPair, weth, tokens(1_000), dai, tokens(2_000_000));
    String vault = BalancerV2.deployVault(deployer, contractsDir, weth);
    Erc20.transfer(deployer, weth, vault, tokens(1_000));
    String aave = AaveV3.deployPool(deployer, contractsDir, weth, "WETH", tokens(1_000));
    return new LocalMarket(weth, usdc, dai, dexA, dexB, pairA, pairB, loanPair, vault, aave);
  }

  /** The two DEXes' factories: the ones whose pairs the arbitrage contract lets lend. */
  public List<String> factories() {
    return List.of(dexA, dexB);
  }

  /** Symbols and venue labels of this market, for records. */
  public FlashLoanRecords.Names names() {
    return new FlashLoanRecords.Names(
        Map.of(weth, "WETH", usdc, "USDC", dai, "DAI"),
        Map.of(
            pairA, "uniswap-v2:dex-a",
            pairB, "uniswap-v2:dex-b",
            loanPair, "uniswap-v2:dex-a",
            balancerVault, "balancer-v2",
            aavePool, "aave-v3"),
        18);
  }

  /**
   * Flash-swap WETH from the loan pair, sell it on B, buy it back on A: profitable for moderate
   * amounts.
   */
  public FlashRoute profitableRoute(BigInteger amount, BigInteger minProfit) {
    return FlashRoute.twoPool(
        LoanSource.UNISWAP_V2, loanPair, weth, usdc, pairB, pairA, amount, minProfit);
  }

  /** The same cycle financed by a Balancer flash loan. */
  public FlashRoute balancerRoute(BigInteger amount, BigInteger minProfit) {
    return FlashRoute.twoPool(
        LoanSource.BALANCER, balancerVault, weth, usdc, pairB, pairA, amount, minProfit);
  }

  /** The same cycle financed by an Aave V3 flash loan. */
  public FlashRoute aaveRoute(BigInteger amount, BigInteger minProfit) {
    return FlashRoute.twoPool(
        LoanSource.AAVE_V3, aavePool, weth, usdc, pairB, pairA, amount, minProfit);
  }

  /** The opposite direction: sell on A, buy on B; always loses. */
  public FlashRoute losingRoute(BigInteger amount, BigInteger minProfit) {
    return FlashRoute.twoPool(
        LoanSource.UNISWAP_V2, loanPair, weth, usdc, pairA, pairB, amount, minProfit);
  }
}
