package dev.arb.defi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.defi.chain.AnvilProcess;
import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.ContractsDir;
import dev.arb.defi.contract.FlashLoanArbitrageContract;
import dev.arb.defi.gas.FeeHistoryGasOracle;
import dev.arb.defi.gasless.GaslessForwarder;
import dev.arb.defi.local.LocalMarket;
import dev.arb.defi.local.RouteMarket;
import java.nio.file.Path;
import java.util.List;
import org.web3j.crypto.Credentials;

/**
 * The anvil fixture of the chain ITs: one dev chain per test class (started on a free port by
 * {@link #start}, with whatever the class deploys on it; stopped by {@link #close}), and an {@code
 * evm_snapshot} before each test that {@link #revert} rolls back after it, so every test starts
 * from the same deployed state.
 */
public final class SnapshotChain implements AutoCloseable {
  /** What a test class deploys once on the fresh chain. */
  @FunctionalInterface
  public interface Setup {
    void deploy(SnapshotChain chain) throws Exception;
  }

  /** A local Uniswap V2 / Balancer / Aave market and a version-1 arbitrage proxy using it. */
  public record Arbitrage(LocalMarket market, FlashLoanArbitrageContract arb) {}

  /** The multi-hop market and a proxy of today's version-2 implementation using it. */
  public record RouteArbitrage(RouteMarket market, FlashLoanArbitrageContract arb) {}

  private final Path contracts;
  private final AnvilProcess anvil;
  private final ChainClient client;
  private Object snapshot;

  private SnapshotChain(Path contracts, AnvilProcess anvil, ChainClient client) {
    this.contracts = contracts;
    this.anvil = anvil;
    this.client = client;
  }

  /**
   * Starts anvil, connects and runs {@code setup}; if anything fails, the chain is stopped before
   * the failure is rethrown, so no anvil process outlives a failed class.
   */
  public static SnapshotChain start(Setup setup) throws Exception {
    Path contracts = ContractsDir.locate();
    AnvilProcess anvil = AnvilProcess.start(contracts);
    SnapshotChain chain = null;
    try {
      chain =
          new SnapshotChain(
              contracts,
              anvil,
              ChainClient.connect(
                  ChainClient.Settings.local(anvil.rpcUrl(), AnvilProcess.CHAIN_ID)));
      setup.deploy(chain);
      return chain;
    } catch (Exception | Error e) {
      if (chain != null) {
        chain.close();
      } else {
        anvil.close();
      }
      throw e;
    }
  }

  /** The JSON-RPC client of the chain. */
  public ChainClient client() {
    return client;
  }

  /** The running anvil process (for its RPC URL). */
  public AnvilProcess anvil() {
    return anvil;
  }

  /**
   * A new wallet of {@code credentials} priced by the local gas oracle. Make new ones after {@link
   * #revert}: it rewinds nonces, so an older wallet would count ahead of the chain.
   */
  public Wallet wallet(Credentials credentials) {
    return new Wallet(client, credentials, FeeHistoryGasOracle.local());
  }

  /**
   * Deploys the local market and a version-1 arbitrage proxy owned by {@code owner}, with no
   * executor, the market's Balancer vault and Aave pool, and its two factories allowed.
   */
  public Arbitrage deployArbitrage(Wallet owner) {
    LocalMarket market = LocalMarket.deploy(owner, contracts);
    FlashLoanArbitrageContract arb =
        FlashLoanArbitrageContract.deploy(
            owner,
            ChainClient.ZERO_ADDRESS,
            market.balancerVault(),
            market.aavePool(),
            market.factories());
    return new Arbitrage(market, arb);
  }

  /**
   * Deploys the local market and a proxy of today's version-2 implementation trusting {@code
   * forwarder}, owned by {@code owner}, with {@code executor}, the market's Balancer vault and Aave
   * pool, and its two factories allowed.
   */
  public Arbitrage deployArbitrage(Wallet owner, String executor, String forwarder) {
    LocalMarket market = LocalMarket.deploy(owner, contracts);
    FlashLoanArbitrageContract arb =
        FlashLoanArbitrageContract.deploy(
            owner,
            executor,
            market.balancerVault(),
            market.aavePool(),
            forwarder,
            market.factories());
    return new Arbitrage(market, arb);
  }

  /**
   * Deploys the multi-hop market and a proxy of today's version-2 implementation (no forwarder)
   * owned by {@code owner}, with {@code executor}, the market's Balancer vault and Aave pool, its
   * three V2-style factories and its V3 factory allowed.
   */
  public RouteArbitrage deployRouteArbitrage(Wallet owner, String executor) {
    RouteMarket market = RouteMarket.deploy(owner, contracts);
    FlashLoanArbitrageContract arb =
        FlashLoanArbitrageContract.deploy(
            owner,
            executor,
            market.balancerVault(),
            market.aavePool(),
            ChainClient.ZERO_ADDRESS,
            market.factories(),
            market.v3Factories());
    return new RouteArbitrage(market, arb);
  }

  /** The contracts folder (for protocol bytecode from npm). */
  public Path contracts() {
    return contracts;
  }

  /**
   * Deploys the tests' EIP-2771 forwarder (GaslessTransactionRelayer named {@code arb-gasless})
   * from dev account 0.
   */
  public GaslessForwarder deployForwarder() {
    return GaslessForwarder.deploy(wallet(DevAccounts.OWNER), "arb-gasless");
  }

  /** Takes the snapshot that {@link #revert} returns to (call before each test). */
  public void snapshot() {
    snapshot = client.rpc("evm_snapshot", List.of());
  }

  /** Rolls the chain back to the last {@link #snapshot} (call after each test). */
  public void revert() {
    assertThat(client.rpc("evm_revert", List.of(snapshot))).isEqualTo(Boolean.TRUE);
  }

  @Override
  public void close() {
    try {
      client.close();
    } finally {
      anvil.close();
    }
  }
}
