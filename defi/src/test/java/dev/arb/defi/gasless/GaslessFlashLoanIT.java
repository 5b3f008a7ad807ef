package dev.arb.defi.gasless;

import static dev.arb.defi.local.LocalMarket.ONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.defi.DevAccounts;
import dev.arb.defi.OnSnapshotChain;
import dev.arb.defi.SnapshotChain;
import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.ContractArtifact;
import dev.arb.defi.contract.Erc20;
import dev.arb.defi.contract.FlashLoanArbitrageContract;
import dev.arb.defi.contract.FlashLoanArbitrageContract.RouteExecuted;
import dev.arb.defi.contract.FlashRoute;
import dev.arb.defi.contract.LoanSource;
import dev.arb.defi.flashloan.FlashLoanOutcome;
import dev.arb.defi.flashloan.Web3jFlashLoanExecutor;
import dev.arb.defi.gas.FeeHistoryGasOracle;
import dev.arb.defi.gasless.RelayOutcome.Reason;
import dev.arb.defi.local.LocalMarket;
import dev.arb.error.ChainException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * FlashLoanArbitrage version 2 on anvil: a version-1 proxy that has already traded is upgraded in
 * place and keeps every slot of its state; then an executor holding no ether signs a flash-loan
 * request that the relayer submits and pays for, and the contract sees the executor as the caller.
 * One chain per class, each test from the same deployed version-1 state (anvil snapshot).
 */
class GaslessFlashLoanIT extends OnSnapshotChain {
  private static final BigInteger REQUEST_GAS = BigInteger.valueOf(900_000);
  private static final BigInteger ETH = BigInteger.TEN.pow(18);

  /** 0.01 WETH: still profitable after the one-WETH trades of the deployed state. */
  private static final BigInteger SMALL = ONE.divide(BigInteger.valueOf(100));

  /** OpenZeppelin 5's ERC-7201 slots of Ownable and Initializable (owner; initialized version). */
  private static final List<BigInteger> NAMESPACED_SLOTS =
      List.of(
          Numeric.toBigInt("0x9016d09d72d40fdae2fd8ceac6b6234c7706214fd39c1cd1e609a0528c199300"),
          Numeric.toBigInt("0xf0c57e16840df040f15088dc2f81fe391c3923bec73e23a9662efc9c229c6a00"));

  /**
   * ERC-7201 slot of the allowed factories: {@code keccak256(abi.encode(uint256(keccak256(
   * "arb.FlashLoanArbitrage.factories")) - 1)) & ~0xff}, computed here, not copied.
   */
  private static final BigInteger FACTORIES_SLOT =
      Numeric.toBigInt(
              Hash.sha3(
                  Numeric.toBytesPadded(
                      Numeric.toBigInt(Hash.sha3String("arb.FlashLoanArbitrage.factories"))
                          .subtract(BigInteger.ONE),
                      32)))
          .andNot(BigInteger.valueOf(0xff));

  private Wallet owner;
  private Wallet relayerWallet;
  private LocalMarket market;
  private FlashLoanArbitrageContract arb;
  private GaslessForwarder forwarder;
  private Credentials executor;
  private Credentials stranger;

  @Override
  protected void deploy(SnapshotChain c) throws Exception {
    Wallet deployer = c.wallet(DevAccounts.OWNER);
    SnapshotChain.Arbitrage deployed = c.deployArbitrage(deployer);
    market = deployed.market();
    arb = deployed.arb();
    forwarder = c.deployForwarder();
    // fresh keys: accounts that never held ether
    executor = Credentials.create(Keys.createEcKeyPair());
    stranger = Credentials.create(Keys.createEcKeyPair());
    arb.setExecutor(deployer, executor.getAddress());
    FlashLoanOutcome traded =
        new Web3jFlashLoanExecutor(deployer, arb)
            .execute(List.of(market.profitableRoute(ONE, BigInteger.ZERO)));
    assertThat(traded).isInstanceOf(FlashLoanOutcome.Executed.class);
  }

  @BeforeEach
  void freshWallets() {
    owner = local.wallet(DevAccounts.OWNER);
    relayerWallet = local.wallet(DevAccounts.STRANGER);
  }

  @Test
  void upgradeFromVersion1KeepsEveryStorageSlotAndTrustsTheForwarder() {
    String v1 = arb.implementation();
    Wallet notOwner = local.wallet(DevAccounts.EXECUTOR);
    assertThatThrownBy(() -> arb.upgradeToV2(notOwner, forwarder.address()))
        .isInstanceOf(ChainException.class)
        .hasMessageContaining("OwnableUnauthorizedAccount");
    assertThat(arb.implementation()).isEqualTo(v1);

    String v2 = upgradesKeepingEverySlotAndTradesAgain(arb, ONE);

    assertThat(v2).isNotEqualTo(v1);
  }

  /**
   * Proxies deployed before the flash-loan logic moved into {@code FlashLoanArbitrageBase} run the
   * version 1 built then (kept as a test resource: the committed {@code
   * contracts/build/FlashLoanArbitrage.json} of that time); they upgrade to today's version 2 just
   * like a proxy of today's version 1.
   */
  @Test
  void proxyOfTheVersion1BuiltBeforeTheSharedBaseUpgradesKeepingEverySlot() throws Exception {
    ContractArtifact built =
        ContractArtifact.fromFile(
            Path.of(getClass().getResource("FlashLoanArbitrage-v1-before-base.json").toURI()));
    FlashLoanArbitrageContract old =
        FlashLoanArbitrageContract.deployBehindProxy(
            owner,
            FlashLoanArbitrageContract.deployImplementation(owner, built),
            executor.getAddress(),
            market.balancerVault(),
            market.aavePool());
    FlashLoanOutcome traded =
        new Web3jFlashLoanExecutor(owner, old)
            .execute(List.of(market.profitableRoute(SMALL, BigInteger.ZERO)));
    assertThat(traded).isInstanceOf(FlashLoanOutcome.Executed.class);

    upgradesKeepingEverySlotAndTradesAgain(old, SMALL);
  }

  /**
   * Proxies deployed by {@code arb defi deploy} before the hardening run version 2 as it was built
   * then (kept as a test resource: the committed {@code contracts/build/FlashLoanArbitrageV2.json}
   * of that time), through which the executor could make a forged flash-swap callback carry off
   * whatever the contract held. Upgraded to today's build trusting the same forwarder, they keep
   * every slot, the same forged route is refused, and they trade again.
   */
  @Test
  void proxyOfTheVersion2BuiltBeforeTheHardeningUpgradesKeepingEverySlotAndRefusesTheDrain()
      throws Exception {
    ContractArtifact built =
        ContractArtifact.fromFile(
            Path.of(
                getClass().getResource("FlashLoanArbitrageV2-v2-before-hardening.json").toURI()));
    String implementation =
        owner.deploy(
            built.bytecode()
                + FunctionEncoder.encodeConstructor(List.of(new Address(forwarder.address()))),
            built.revertDecoder());
    FlashLoanArbitrageContract old =
        FlashLoanArbitrageContract.deployBehindProxy(
            owner,
            implementation,
            executor.getAddress(),
            market.balancerVault(),
            market.aavePool());
    FlashLoanOutcome traded =
        new Web3jFlashLoanExecutor(owner, old)
            .execute(List.of(market.profitableRoute(SMALL, BigInteger.ZERO)));
    assertThat(traded).isInstanceOf(FlashLoanOutcome.Executed.class);
    BigInteger leftOver = LocalMarket.tokens(5);
    Erc20.transfer(owner, market.dai(), old.address(), leftOver);
    ContractArtifact forging = ContractArtifact.fromClasspath("test/ForgingLender");
    String thief =
        relayerWallet.deploy(
            forging.bytecode()
                + FunctionEncoder.encodeConstructor(
                    List.of(
                        new Address(market.weth()),
                        new Address(market.dai()),
                        new Uint256(leftOver),
                        new Address(ChainClient.ZERO_ADDRESS))),
            forging.revertDecoder());
    FlashRoute drain =
        FlashRoute.twoPool(
            LoanSource.UNISWAP_V2,
            thief,
            market.weth(),
            market.usdc(),
            market.pairB(),
            market.pairA(),
            ONE,
            BigInteger.ZERO);
    Wallet executorWallet = new Wallet(chain, executor, FeeHistoryGasOracle.local());
    assertThat(new Web3jFlashLoanExecutor(executorWallet, old).simulate(List.of(drain)).succeeded())
        .as("the drain works on the old version 2")
        .isTrue();

    upgradesKeepingEverySlotAndTradesAgain(
        old, SMALL, BigInteger.TWO, Optional.of(forwarder.address()));

    assertThat(new Web3jFlashLoanExecutor(executorWallet, old).simulate(List.of(drain)))
        .isEqualTo(
            new Web3jFlashLoanExecutor.Simulation(
                List.of(),
                "InvalidRoute(routeIndex=0, why=lender is not a pair of an allowed factory)"));
    assertThat(Erc20.balanceOf(chain, market.dai(), old.address())).isEqualTo(leftOver);
  }

  /**
   * Checks {@code proxy} is a version 1 with the executor set that has traded once, upgrades it to
   * today's version-2 implementation trusting the forwarder and allowing the market's factories,
   * checks every slot and setting is kept, and trades {@code amount} once more directly (a flash
   * swap: it needs the allowed factories). Returns the new implementation.
   */
  private String upgradesKeepingEverySlotAndTradesAgain(
      FlashLoanArbitrageContract proxy, BigInteger amount) {
    return upgradesKeepingEverySlotAndTradesAgain(proxy, amount, BigInteger.ONE, Optional.empty());
  }

  /**
   * Like {@link #upgradesKeepingEverySlotAndTradesAgain(FlashLoanArbitrageContract, BigInteger)}
   * for a proxy of {@code version} trusting {@code trusted} (empty: a version without forwarder).
   */
  private String upgradesKeepingEverySlotAndTradesAgain(
      FlashLoanArbitrageContract proxy,
      BigInteger amount,
      BigInteger version,
      Optional<String> trusted) {
    assertThat(proxy.version()).isEqualTo(version);
    assertThat(proxy.trustedForwarder()).isEqualTo(trusted);
    List<String> before = slots(proxy);
    assertThat(before.get(0)).as("slot 0 is the executor").endsWith(hex(executor.getAddress()));
    assertThat(Numeric.toBigInt(before.get(1))).as("slot 1: executions").isEqualTo(BigInteger.ONE);

    String v2 = proxy.upgradeToV2(owner, forwarder.address(), market.factories());

    assertThat(proxy.implementation()).isEqualTo(v2);
    assertThat(proxy.version())
        .isEqualTo(BigInteger.valueOf(FlashLoanArbitrageContract.CURRENT_VERSION));
    assertThat(slots(proxy))
        .as("executor, executions, vault, pool, owner, initialized")
        .isEqualTo(before);
    assertThat(proxy.owner()).isEqualTo(owner.address());
    assertThat(proxy.executor()).isEqualTo(executor.getAddress());
    assertThat(proxy.executions()).isEqualTo(BigInteger.ONE);
    assertThat(proxy.balancerVault()).isEqualTo(market.balancerVault().toLowerCase(Locale.ROOT));
    assertThat(proxy.aavePool()).isEqualTo(market.aavePool().toLowerCase(Locale.ROOT));
    assertThat(proxy.trustedForwarder()).contains(forwarder.address());
    assertThat(proxy.allowedFactories()).containsExactlyElementsOf(lower(market.factories()));
    // the allow-list is in its ERC-7201 namespace: its length at the namespace's first slot
    assertThat(Numeric.toBigInt(chain.storageAt(proxy.address(), FACTORIES_SLOT)))
        .isEqualTo(BigInteger.TWO);
    // the owner still trades directly after the upgrade
    FlashLoanOutcome direct =
        new Web3jFlashLoanExecutor(owner, proxy)
            .execute(List.of(market.profitableRoute(amount, BigInteger.ZERO)));
    assertThat(direct).isInstanceOf(FlashLoanOutcome.Executed.class);
    assertThat(proxy.executions()).isEqualTo(BigInteger.TWO);
    return v2;
  }

  @Test
  void executorWithoutEtherSignsAFlashLoanThatTheRelayerPaysForAndTheOwnerProfits()
      throws Exception {
    arb.upgradeToV2(owner, forwarder.address());
    BigInteger ownerWethBefore = Erc20.balanceOf(chain, market.weth(), owner.address());
    BigInteger relayerBefore = chain.etherBalance(relayerWallet.address());
    assertThat(chain.etherBalance(executor.getAddress())).isZero();
    Relayer relayer = relayer();

    RelayOutcome outcome = relayer.relay(signExecute(executor));

    assertThat(outcome).isInstanceOf(RelayOutcome.Mined.class);
    RelayOutcome.Mined mined = (RelayOutcome.Mined) outcome;
    TransactionReceipt receipt =
        chain.web3j().ethGetTransactionReceipt(mined.txHash()).send().getTransactionReceipt().get();
    List<RouteExecuted> events = arb.routeExecutedEvents(receipt);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).caller())
        .as("_msgSender() is the signer, not the relayer or the forwarder")
        .isEqualTo(executor.getAddress());
    BigInteger profit = events.get(0).profit();
    assertThat(profit).isPositive();
    assertThat(Erc20.balanceOf(chain, market.weth(), owner.address()).subtract(ownerWethBefore))
        .as("the profit goes to the owner, as with a direct call")
        .isEqualTo(profit);
    assertThat(Erc20.balanceOf(chain, market.weth(), executor.getAddress())).isZero();
    assertThat(chain.etherBalance(executor.getAddress())).isZero();
    assertThat(chain.etherBalance(relayerWallet.address()))
        .isEqualTo(relayerBefore.subtract(mined.costWei()));
    assertThat(forwarder.nonce(executor.getAddress())).isEqualTo(BigInteger.ONE);
    assertThat(arb.executions()).isEqualTo(BigInteger.TWO);
  }

  @Test
  void strangersSignedFlashLoanRevertsInSimulationAndCostsNothing() {
    arb.upgradeToV2(owner, forwarder.address());
    BigInteger relayerBefore = chain.etherBalance(relayerWallet.address());
    BigInteger relayerNonce = chain.pendingNonce(relayerWallet.address());

    RelayOutcome outcome = relayer().relay(signExecute(stranger));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            RelayOutcome.Rejected.class,
            r -> {
              assertThat(r.reason()).isEqualTo(Reason.SIMULATION_FAILED);
              assertThat(r.detail())
                  .contains("NotOwnerOrExecutor(caller=" + stranger.getAddress() + ")");
            });
    assertThat(chain.etherBalance(relayerWallet.address())).isEqualTo(relayerBefore);
    assertThat(chain.pendingNonce(relayerWallet.address())).isEqualTo(relayerNonce);
    assertThat(arb.executions()).isEqualTo(BigInteger.ONE);
  }

  @Test
  void version1IgnoresTheForwarderSoItsRequestsAreRefusedBeforeSending() {
    RelayOutcome outcome = relayer().relay(signExecute(executor));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            RelayOutcome.Rejected.class,
            r -> {
              assertThat(r.reason()).isEqualTo(Reason.SIMULATION_FAILED);
              assertThat(r.detail()).contains("trust forwarder " + forwarder.address());
            });
  }

  private Relayer relayer() {
    String executeSelector =
        FlashLoanArbitrageContract.encodeExecute(
                List.of(market.profitableRoute(ONE, BigInteger.ZERO)))
            .substring(0, 10);
    RelayPolicy policy =
        new RelayPolicy(
            Set.of(arb.address() + ":" + executeSelector),
            BigInteger.valueOf(1_000_000),
            ETH.divide(BigInteger.TEN),
            ETH.divide(BigInteger.TEN),
            ETH,
            10,
            Duration.ofSeconds(30));
    return new Relayer(
        relayerWallet,
        FeeHistoryGasOracle.local(),
        forwarder,
        policy,
        Clock.systemUTC(),
        FlashLoanArbitrageContract.decoder());
  }

  private SignedRequest signExecute(Credentials signer) {
    ForwardRequest r =
        new ForwardRequest(
            signer.getAddress(),
            arb.address(),
            BigInteger.ZERO,
            REQUEST_GAS,
            forwarder.nonce(signer.getAddress()),
            Instant.now().plus(Duration.ofMinutes(10)).getEpochSecond(),
            FlashLoanArbitrageContract.encodeExecute(
                List.of(market.profitableRoute(ONE, BigInteger.ZERO))));
    return Eip712Signer.sign(forwarder.domain(), r, signer);
  }

  /** Version 1's own slots 0-3 and OpenZeppelin's namespaced ones, raw. */
  private List<String> slots(FlashLoanArbitrageContract arb) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      out.add(chain.storageAt(arb.address(), BigInteger.valueOf(i)));
    }
    for (BigInteger slot : NAMESPACED_SLOTS) {
      out.add(chain.storageAt(arb.address(), slot));
    }
    return out;
  }

  private static List<String> lower(List<String> addresses) {
    return addresses.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
  }

  private static String hex(String address) {
    return Numeric.cleanHexPrefix(address).toLowerCase(Locale.ROOT);
  }
}
