package dev.arb.defi.local;

import dev.arb.defi.chain.AnvilProcess;
import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.Erc20;
import dev.arb.defi.contract.FlashLoanArbitrageContract;
import dev.arb.defi.contract.LoanSource;
import dev.arb.defi.gas.FeeHistoryGasOracle;
import dev.arb.defi.pools.ChainSpec;
import dev.arb.defi.pools.DexSpec;
import dev.arb.defi.pools.TokenMetadataCache;
import dev.arb.defi.watch.FlashRouteExecutor;
import dev.arb.defi.watch.JsonRpcPoolWatch;
import dev.arb.error.ArbException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

/**
 * The chain of {@code arb defi demo --scenario daemon}, on a local anvil: fresh owner and trader
 * keys with 100 ETH each, the daemon market ({@link DaemonMarket}: 5 tokens, three Uniswap V2
 * factories, Uniswap V3 pools, a Balancer vault, real npm bytecode), the flash-loan contract, the
 * trader funded, and a base fee like a busy mainnet's so that gas is worth counting. What the
 * daemon follows ({@link #watch}) and sends with ({@link #executor}) is built here too; the
 * scenarios themselves run in the command.
 *
 * @param chain the node
 * @param ownerKey the contract's owner and executor
 * @param trader the account that moves prices
 * @param traderKey its key (for transactions signed without sending)
 * @param market the deployed market
 * @param arb the flash-loan contract
 */
public record DaemonDemoChain(
    ChainClient chain,
    Credentials ownerKey,
    Wallet owner,
    Credentials traderKey,
    Wallet trader,
    DaemonMarket market,
    FlashLoanArbitrageContract arb) {
  private static final BigInteger HUNDRED_ETH = BigInteger.TEN.pow(20);

  /** Deploys everything on {@code chain} (an anvil), saying each step to {@code progress}. */
  public static DaemonDemoChain deploy(
      ChainClient chain, Path contractsDir, Consumer<String> progress) {
    Credentials ownerKey = freshKey();
    Credentials traderKey = freshKey();
    for (Credentials c : List.of(ownerKey, traderKey)) {
      chain.rpc("anvil_setBalance", List.of(c.getAddress(), "0x" + HUNDRED_ETH.toString(16)));
    }
    Wallet owner = new Wallet(chain, ownerKey, FeeHistoryGasOracle.local());
    Wallet trader = new Wallet(chain, traderKey, FeeHistoryGasOracle.local());
    DaemonMarket market = DaemonMarket.deploy(owner, contractsDir);
    progress.accept(
        "deployed: 5 tokens, Uniswap V2 x3 ("
            + market.pairs().size()
            + " pairs), Uniswap V3 ("
            + market.v3Pools().size()
            + " pools), Balancer vault "
            + market.vault()
            + " (real npm bytecode)");
    FlashLoanArbitrageContract arb =
        FlashLoanArbitrageContract.deploy(
            owner,
            owner.address(),
            market.vault(),
            ChainClient.ZERO_ADDRESS,
            ChainClient.ZERO_ADDRESS,
            List.copyOf(market.factories().values()),
            List.of(market.v3Factory()));
    progress.accept("deployed: FlashLoanArbitrage proxy " + arb.address());
    for (String s : List.of("WETH", "USDC", "USDT")) {
      Erc20.transfer(owner, market.tokens().get(s), trader.address(), DaemonMarket.tokens(500_000));
    }
    // a base fee like a busy mainnet's, so that gas is worth counting
    chain.rpc(
        "anvil_setNextBlockBaseFeePerGas",
        List.of("0x" + BigInteger.valueOf(30_000_000_000L).toString(16)));
    return new DaemonDemoChain(chain, ownerKey, owner, traderKey, trader, market, arb);
  }

  /** The market's WETH. */
  public String weth() {
    return market.tokens().get("WETH");
  }

  /**
   * Every pool of the market followed: the three V2 factories and the V3 fee tiers 500 and 3000.
   */
  public JsonRpcPoolWatch watch(String rpcUrl) {
    List<DexSpec> dexes = new ArrayList<>();
    market
        .factories()
        .forEach((name, f) -> dexes.add(new DexSpec(name, f, DexSpec.UNISWAP_V2_FEE, 100)));
    dexes.add(DexSpec.concentrated("uniswap-v3", market.v3Factory(), List.of(500, 3000), 2));
    ChainSpec spec =
        new ChainSpec(
            "local",
            OptionalLong.of(AnvilProcess.CHAIN_ID),
            Optional.of(weth()),
            dexes,
            List.of(),
            List.copyOf(market.tokens().values()),
            100,
            Duration.ofSeconds(10));
    return new JsonRpcPoolWatch(spec, rpcUrl, chain, TokenMetadataCache.inMemory());
  }

  /**
   * The owner's executor: loans from the Balancer vault, sent when the simulated profit less gas is
   * at least {@code margin}, replaced after 3 blocks at most twice.
   */
  public FlashRouteExecutor executor(BigDecimal margin) {
    return new FlashRouteExecutor(
        chain,
        ownerKey,
        arb,
        FeeHistoryGasOracle.local(),
        new FlashRouteExecutor.Settings(
            margin, List.of(Map.entry(LoanSource.BALANCER, market.vault())), 3, 2));
  }

  /** {@code holder}'s balance of {@code token} at {@code block}, in the token's smallest unit. */
  public BigInteger balanceAt(String token, String holder, long block) {
    return Erc20.balanceOf(chain, token, holder, block);
  }

  private static Credentials freshKey() {
    try {
      return Credentials.create(Keys.createEcKeyPair());
    } catch (InvalidAlgorithmParameterException
        | NoSuchAlgorithmException
        | NoSuchProviderException e) {
      throw new ArbException("demo: no key could be made: " + e.getMessage());
    }
  }
}
