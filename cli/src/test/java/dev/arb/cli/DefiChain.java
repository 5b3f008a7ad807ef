package dev.arb.cli;

import dev.arb.defi.chain.AnvilProcess;
import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.ContractsDir;
import dev.arb.defi.contract.FlashLoanArbitrageContract;
import dev.arb.defi.contract.UniswapV2;
import dev.arb.defi.gas.FeeHistoryGasOracle;
import dev.arb.defi.gasless.GaslessCounterContract;
import dev.arb.defi.gasless.GaslessForwarder;
import dev.arb.defi.local.LocalMarket;
import dev.arb.defi.pool.ConstantProduct;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.web3j.crypto.Credentials;

/**
 * The anvil fixture of the cli's DeFi ITs: anvil's public dev keys, one dev chain per test (started
 * on a free port by {@link #start}, stopped by {@link #close}), the {@code arb.defi} config that
 * points arb at it, and the local market's Balancer flash-loan route as {@code arb defi flashloan}
 * arguments.
 */
final class DefiChain implements AutoCloseable {
  /** anvil's public dev account 0 (deployer, owner); holds value on no real chain. */
  static final String DEPLOYER_KEY =
      "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

  /** anvil's public dev account 1 (relayer). */
  static final String RELAYER_KEY =
      "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

  /** anvil's public dev account 2. */
  static final String OTHER_KEY =
      "5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";

  /** A local market and a version-1 arbitrage proxy using it (see {@link #deployArbitrage}). */
  record Arbitrage(LocalMarket market, FlashLoanArbitrageContract arb) {}

  /** The tests' forwarder and the example target trusting it (see {@link #deployGasless}). */
  record Gasless(GaslessForwarder forwarder, GaslessCounterContract counter) {}

  private final AnvilProcess anvil;
  private final ChainClient chain;

  private DefiChain(AnvilProcess anvil, ChainClient chain) {
    this.anvil = anvil;
    this.chain = chain;
  }

  /** Starts anvil and connects; stops anvil again if connecting fails. */
  static DefiChain start() {
    AnvilProcess anvil = AnvilProcess.start(ContractsDir.locate());
    try {
      return new DefiChain(anvil, connect(anvil));
    } catch (RuntimeException e) {
      anvil.close();
      throw e;
    }
  }

  private static ChainClient connect(AnvilProcess anvil) {
    return ChainClient.connect(ChainClient.Settings.local(anvil.rpcUrl(), AnvilProcess.CHAIN_ID));
  }

  /** The anvil process (its RPC URL; closing it stops the node in the middle of a test). */
  AnvilProcess anvil() {
    return anvil;
  }

  /** The client connected by {@link #start}, closed by {@link #close}. */
  ChainClient chain() {
    return chain;
  }

  /** Another client of the same chain, for the caller to close. */
  ChainClient connect() {
    return connect(anvil);
  }

  /** A wallet of the hex private {@code key} priced by the local gas oracle. */
  Wallet wallet(String key) {
    return new Wallet(chain, Credentials.create(key), FeeHistoryGasOracle.local());
  }

  /**
   * Deploys the local market and a version-1 arbitrage proxy owned by dev account 0 ({@link
   * #DEPLOYER_KEY}), with no executor, the market's Balancer vault and Aave pool, and its two
   * factories allowed (routes go only through pairs of allowed factories).
   */
  Arbitrage deployArbitrage() {
    return deployArbitrage(true);
  }

  /** Like {@link #deployArbitrage()}, allowing the market's factories or none. */
  Arbitrage deployArbitrage(boolean allowFactories) {
    Wallet owner = wallet(DEPLOYER_KEY);
    LocalMarket market = LocalMarket.deploy(owner, ContractsDir.locate());
    return new Arbitrage(
        market,
        FlashLoanArbitrageContract.deploy(
            owner,
            ChainClient.ZERO_ADDRESS,
            market.balancerVault(),
            market.aavePool(),
            allowFactories ? market.factories() : List.of()));
  }

  /**
   * Deploys, from dev account 0, the EIP-2771 forwarder (named {@code arb-gasless}) and a
   * GaslessCounter trusting it.
   */
  Gasless deployGasless() {
    Wallet deployer = wallet(DEPLOYER_KEY);
    GaslessForwarder forwarder = GaslessForwarder.deploy(deployer, "arb-gasless");
    return new Gasless(forwarder, GaslessCounterContract.deploy(deployer, forwarder.address()));
  }

  /**
   * An {@code arb.defi} config block for this chain signing with {@code keystore}, whose password
   * is in the environment variable {@code passwordEnv}, followed by {@code extra} (whole lines).
   */
  String defiConfig(Path keystore, String passwordEnv, String extra) {
    return "arb.defi {\n  rpc-url = \""
        + anvil.rpcUrl()
        + "\"\n  chain-id = 31337\n  keystore = \""
        + keystore
        + "\"\n  keystore-password = { env = \""
        + passwordEnv
        + "\" }\n"
        + extra
        + "}\n";
  }

  /** Runs {@code arb --config <config> --data-dir <dataDir> defi <args>} in process. */
  static CliRun defi(Map<String, String> env, Path config, Path dataDir, String... args) {
    String[] all = new String[5 + args.length];
    all[0] = "--config";
    all[1] = config.toString();
    all[2] = "--data-dir";
    all[3] = dataDir.toString();
    all[4] = "defi";
    System.arraycopy(args, 0, all, 5, args.length);
    return CliRun.run(env, all);
  }

  /**
   * {@code flashloan --contract <contract>} of the local market's Balancer route: borrow one WETH
   * from the vault, WETH to USDC in pair B, back to WETH in pair A; then {@code extra}. The hops
   * are at indexes 10 and 12.
   */
  static String[] balancerFlashloan(String contract, LocalMarket market, String... extra) {
    String[] route = {
      "flashloan",
      "--contract",
      contract,
      "--lender",
      "balancer:" + market.balancerVault(),
      "--token",
      market.weth(),
      "--amount",
      LocalMarket.ONE.toString(),
      "--hop",
      market.pairB() + ":" + market.usdc(),
      "--hop",
      market.pairA() + ":" + market.weth()
    };
    String[] all = new String[route.length + extra.length];
    System.arraycopy(route, 0, all, 0, route.length);
    System.arraycopy(extra, 0, all, route.length, extra.length);
    return all;
  }

  /**
   * The profit of {@link #balancerFlashloan} priced from the pairs' reserves now (no loan fee), in
   * WETH base units.
   */
  BigInteger balancerFlashloanProfit(LocalMarket market) {
    return ConstantProduct.price(
            UniswapV2.hop(chain, market.pairB(), market.weth(), 30),
            UniswapV2.hop(chain, market.pairA(), market.usdc(), 30),
            ConstantProduct.LoanCost.BALANCER_ZERO_FEE,
            LocalMarket.ONE)
        .orElseThrow()
        .profit();
  }

  @Override
  public void close() {
    try {
      chain.close();
    } finally {
      anvil.close();
    }
  }
}
