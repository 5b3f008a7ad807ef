package dev.arb.defi.flashloan;

import static dev.arb.defi.local.LocalMarket.ONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.arb.defi.DevAccounts;
import dev.arb.defi.OnSnapshotChain;
import dev.arb.defi.SnapshotChain;
import dev.arb.defi.chain.CallResult;
import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.ContractArtifact;
import dev.arb.defi.contract.Erc20;
import dev.arb.defi.contract.FlashLoanArbitrageContract;
import dev.arb.defi.contract.FlashLoanArbitrageContract.RouteExecuted;
import dev.arb.defi.contract.FlashRoute;
import dev.arb.defi.contract.LoanSource;
import dev.arb.defi.gas.FeeHistoryGasOracle;
import dev.arb.defi.gasless.Eip712Signer;
import dev.arb.defi.gasless.ForwardRequest;
import dev.arb.defi.gasless.GaslessForwarder;
import dev.arb.defi.gasless.RelayOutcome;
import dev.arb.defi.gasless.RelayPolicy;
import dev.arb.defi.gasless.Relayer;
import dev.arb.defi.gasless.SignedRequest;
import dev.arb.defi.local.LocalMarket;
import dev.arb.error.ChainException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * FlashLoanArbitrage attacked on anvil by the executor key (a hot key, assumed stolen: it can start
 * any route and sign any request) and by the contracts it points the arbitrage at: the forged
 * flash-swap callback that drained every token the contract held (direct and relayed through the
 * trusted forwarder), lenders that call back twice, with another amount, another sender or not at
 * all, and the admin functions (upgrade, renounce, initialize). Today's version-2 implementation
 * behind its proxy, trusting the tests' forwarder, with the market's two factories allowed; the
 * contract holds {@link #LEFT_OVER} DAI and WETH, as an owner who has not withdrawn yet leaves
 * them. One chain per class, every test from the same state.
 */
class FlashLoanArbitrageAttackIT extends OnSnapshotChain {
  private static final BigInteger LEFT_OVER = LocalMarket.tokens(5);
  private static final BigInteger GAS = BigInteger.valueOf(1_500_000);
  private static final String ZERO = ChainClient.ZERO_ADDRESS;

  /** Profit of the local market's 1-WETH flash-swap route at deployment (FlashLoanArbitrageIT). */
  private static final BigInteger PROFIT_OF_ONE_WETH = new BigInteger("68012140402578859");

  private LocalMarket market;
  private FlashLoanArbitrageContract arb;
  private GaslessForwarder forwarder;
  private String forgingLender;
  private Wallet owner;
  private Wallet executor;
  private Wallet stranger;

  @Override
  protected void deploy(SnapshotChain c) {
    Wallet deployer = c.wallet(DevAccounts.OWNER);
    forwarder = c.deployForwarder();
    SnapshotChain.Arbitrage deployed =
        c.deployArbitrage(deployer, DevAccounts.EXECUTOR.getAddress(), forwarder.address());
    market = deployed.market();
    arb = deployed.arb();
    Erc20.transfer(deployer, market.dai(), arb.address(), LEFT_OVER);
    Erc20.transfer(deployer, market.weth(), arb.address(), LEFT_OVER);
    // the attacker's lender, deployed by someone unrelated to the contract
    forgingLender = forgingLender(c.wallet(DevAccounts.STRANGER), ZERO);
  }

  /** The attacker's forging lender, claiming {@code factory} as its factory (zero: itself). */
  private String forgingLender(Wallet from, String factory) {
    return deployTestContract(
        from,
        "test/ForgingLender",
        new Address(market.weth()),
        new Address(market.dai()),
        new Uint256(LEFT_OVER),
        new Address(factory));
  }

  @BeforeEach
  void freshWallets() {
    owner = local.wallet(DevAccounts.OWNER);
    executor = local.wallet(DevAccounts.EXECUTOR);
    stranger = local.wallet(DevAccounts.STRANGER);
  }

  /**
   * A well-formed route (borrow 1 WETH, WETH to USDC in pair B, back in pair A) from {@code
   * lender}: everything the contract can validate without asking the lender is in order.
   */
  private FlashRoute routeFrom(String lender) {
    return FlashRoute.twoPool(
        LoanSource.UNISWAP_V2,
        lender,
        market.weth(),
        market.usdc(),
        market.pairB(),
        market.pairA(),
        ONE,
        BigInteger.ZERO);
  }

  @Test
  void executorCannotDrainTheContractThroughAForgedFlashSwapCallback() {
    FlashRoute route = routeFrom(forgingLender);

    FlashLoanOutcome outcome = new Web3jFlashLoanExecutor(executor, arb).execute(List.of(route));

    assertTheLeftOverIsStillThere();
    assertThat(outcome)
        .isEqualTo(
            new FlashLoanOutcome.NotSent(
                "InvalidRoute(routeIndex=0, why=lender is not a pair of an allowed factory)"));
    // sent anyway, without simulation: it reverts on chain
    TransactionReceipt forced =
        executor.send(arb.address(), FlashLoanArbitrageContract.encodeExecute(List.of(route)), GAS);
    assertThat(forced.isStatusOK()).isFalse();
    assertTheLeftOverIsStillThere();
  }

  @Test
  void executorCannotDrainTheContractThroughARelayedForgedFlashSwapCallback() {
    SignedRequest signed = signExecute(DevAccounts.EXECUTOR, routeFrom(forgingLender));

    RelayOutcome outcome = relayer().relay(signed);

    assertTheLeftOverIsStillThere();
    assertThat(outcome)
        .isInstanceOfSatisfying(
            RelayOutcome.Rejected.class,
            r -> {
              assertThat(r.reason()).isEqualTo(RelayOutcome.Reason.SIMULATION_FAILED);
              assertThat(r.detail())
                  .contains(
                      "InvalidRoute(routeIndex=0, why=lender is not a pair of an allowed factory)");
            });
    // submitted to the forwarder anyway, without the relayer's checks: the call fails
    TransactionReceipt forced =
        stranger.send(forwarder.address(), GaslessForwarder.executeCalldata(signed), GAS);
    assertThat(forced.isStatusOK()).isFalse();
    assertThat(forwarder.nonce(executor.address())).isZero();
    assertTheLeftOverIsStillThere();
  }

  /** A lender naming an allowed factory is refused when that factory's pair is someone else. */
  @Test
  void aLenderClaimingAnAllowedFactoryItIsNoPairOfIsRefused() {
    String impostor = forgingLender(stranger, market.dexA());
    assertThat(arb.allowedFactories()).contains(market.dexA().toLowerCase(Locale.ROOT));

    FlashLoanOutcome outcome =
        new Web3jFlashLoanExecutor(executor, arb).execute(List.of(routeFrom(impostor)));

    assertThat(outcome)
        .isEqualTo(
            new FlashLoanOutcome.NotSent(
                "InvalidRoute(routeIndex=0, why=lender is not a pair of an allowed factory)"));
    assertThat(Erc20.balanceOf(chain, market.dai(), impostor)).isZero();
    assertTheLeftOverIsStillThere();
  }

  /**
   * Behind the first wall (lenders only from allowed factories) stands a second: even a lender the
   * owner let in (a rogue factory allowed by mistake) cannot make the callback run another route.
   * The executor itself cannot allow a factory.
   */
  @Test
  void aForgedCallbackFromALenderTheOwnerAllowedStillRunsNothing() {
    assertThatThrownBy(() -> arb.setFactoriesAllowed(executor, List.of(forgingLender), true))
        .isInstanceOf(ChainException.class)
        .hasMessageContaining("OwnableUnauthorizedAccount(account=" + executor.address() + ")");
    arb.setFactoriesAllowed(owner, List.of(forgingLender), true);
    assertThat(arb.allowedFactories()).contains(forgingLender);

    FlashLoanOutcome outcome =
        new Web3jFlashLoanExecutor(executor, arb).execute(List.of(routeFrom(forgingLender)));

    assertThat(outcome)
        .isEqualTo(
            new FlashLoanOutcome.NotSent(
                "CallbackMismatch(caller="
                    + forgingLender
                    + ", why=not the route this contract started)"));
    assertTheLeftOverIsStillThere();
  }

  /**
   * The baseline of the malicious-lender tests: the same lender, well behaved, lends through a
   * factory the owner allowed and the owner gets exactly the route's profit. So each of the other
   * tests fails only because of the one thing its lender does wrong.
   */
  @Test
  void anHonestLenderOfAnAllowedFactoryLendsAndTheOwnerGetsExactlyTheProfit() {
    String lender = maliciousLender(Mode.HONEST);
    BigInteger ownerBefore = Erc20.balanceOf(chain, market.weth(), owner.address());

    FlashLoanOutcome outcome =
        new Web3jFlashLoanExecutor(executor, arb).execute(List.of(routeFrom(lender)));

    assertThat(outcome).isInstanceOf(FlashLoanOutcome.Executed.class);
    FlashLoanOutcome.Executed done = (FlashLoanOutcome.Executed) outcome;
    assertThat(done.profits()).containsExactly(PROFIT_OF_ONE_WETH);
    assertThat(done.events())
        .extracting(RouteExecuted::lender, RouteExecuted::caller)
        .containsExactly(tuple(lender, executor.address()));
    assertThat(Erc20.balanceOf(chain, market.weth(), owner.address()).subtract(ownerBefore))
        .isEqualTo(PROFIT_OF_ONE_WETH);
    assertTheLeftOverIsStillThere(1);
  }

  @Test
  void aLenderCallingBackTwiceIsRefusedTheSecondTime() {
    String lender = maliciousLender(Mode.TWICE);

    assertRefused(
        lender, "UnauthorizedCallback(caller=" + lender + ", initiator=" + arb.address() + ")");
  }

  @Test
  void aLenderClaimingAnotherAmountIsRefused() {
    String lender = maliciousLender(Mode.WRONG_AMOUNT);

    assertRefused(lender, "CallbackMismatch(caller=" + lender + ", why=amount is not the route's)");
  }

  @Test
  void aLenderThatNeverCallsBackIsRefused() {
    String lender = maliciousLender(Mode.SILENT);

    assertRefused(lender, "CallbackNotReceived(lender=" + lender + ")");
  }

  @Test
  void aLenderNamingAnotherSenderIsRefused() {
    String lender = maliciousLender(Mode.OTHER_SENDER);

    assertRefused(lender, "UnauthorizedCallback(caller=" + lender + ", initiator=" + lender + ")");
  }

  /** The route from {@code lender} is not sent (simulation) and reverts when forced on chain. */
  private void assertRefused(String lender, String reason) {
    FlashRoute route = routeFrom(lender);

    FlashLoanOutcome outcome = new Web3jFlashLoanExecutor(executor, arb).execute(List.of(route));

    assertThat(outcome).isEqualTo(new FlashLoanOutcome.NotSent(reason));
    TransactionReceipt forced =
        executor.send(arb.address(), FlashLoanArbitrageContract.encodeExecute(List.of(route)), GAS);
    assertThat(forced.isStatusOK()).isFalse();
    assertThat(
            executor.revertReason(
                arb.address(),
                FlashLoanArbitrageContract.encodeExecute(List.of(route)),
                forced,
                FlashLoanArbitrageContract.decoder()))
        .isEqualTo(reason);
    assertTheLeftOverIsStillThere();
  }

  @Test
  void theExecutorCannotUpgradeDirectlyNorThroughTheForwarder() {
    String before = arb.implementation();
    // the executor's own implementation: anything it likes
    String itsOwn = FlashLoanArbitrageContract.deployImplementationV2(executor, executor.address());
    String upgrade = FlashLoanArbitrageContract.encodeUpgrade(itsOwn);
    String notAllowed = "OwnableUnauthorizedAccount(account=" + executor.address() + ")";

    assertThat(revertReason(executor.address(), arb.address(), upgrade)).isEqualTo(notAllowed);
    TransactionReceipt forced = executor.send(arb.address(), upgrade, GAS);
    assertThat(forced.isStatusOK()).isFalse();
    RelayOutcome relayed = relayer().relay(sign(DevAccounts.EXECUTOR, upgrade));
    assertThat(relayed)
        .isInstanceOfSatisfying(
            RelayOutcome.Rejected.class,
            r -> {
              assertThat(r.reason()).isEqualTo(RelayOutcome.Reason.SIMULATION_FAILED);
              assertThat(r.detail()).contains(notAllowed);
            });

    assertThat(arb.implementation()).isEqualTo(before);
    assertThat(arb.version())
        .isEqualTo(BigInteger.valueOf(FlashLoanArbitrageContract.CURRENT_VERSION));
  }

  /**
   * Renouncing is disabled: an ownerless contract could neither pay out profit nor be upgraded or
   * emptied. Ownership still moves in two steps.
   */
  @Test
  void ownershipCannotBeRenouncedButStillMovesInTwoSteps() {
    String renounce = encode("renounceOwnership");

    assertThat(revertReason(owner.address(), arb.address(), renounce))
        .isEqualTo("OwnershipCannotBeRenounced()");
    TransactionReceipt forced = owner.send(arb.address(), renounce, GAS);
    assertThat(forced.isStatusOK()).isFalse();
    assertThat(arb.owner()).isEqualTo(owner.address());

    owner.transact(
        arb.address(),
        encode("transferOwnership", new Address(stranger.address())),
        FlashLoanArbitrageContract.decoder());
    assertThat(arb.owner()).as("not before it is accepted").isEqualTo(owner.address());
    stranger.transact(
        arb.address(), encode("acceptOwnership"), FlashLoanArbitrageContract.decoder());
    assertThat(arb.owner()).isEqualTo(stranger.address());
  }

  @Test
  void initializeRunsNeitherOnTheImplementationNorTwiceOnTheProxy() {
    String implementation = arb.implementation();
    List<String> takeovers =
        List.of(
            encode(
                "initialize",
                new Address(stranger.address()),
                new Address(stranger.address()),
                new Address(stranger.address()),
                new Address(stranger.address())),
            encode(
                "initialize",
                new Address(stranger.address()),
                new Address(stranger.address()),
                new Address(stranger.address()),
                new Address(stranger.address()),
                new DynamicArray<>(Address.class, List.of(new Address(forgingLender)))));

    for (String takeover : takeovers) {
      assertThat(revertReason(stranger.address(), implementation, takeover))
          .isEqualTo("InvalidInitialization()");
      assertThat(revertReason(stranger.address(), arb.address(), takeover))
          .isEqualTo("InvalidInitialization()");
      assertThat(stranger.send(implementation, takeover, GAS).isStatusOK()).isFalse();
      assertThat(stranger.send(arb.address(), takeover, GAS).isStatusOK()).isFalse();
    }

    FlashLoanArbitrageContract bare = new FlashLoanArbitrageContract(chain, implementation);
    assertThat(bare.owner()).as("the implementation has no owner").isEqualTo(ZERO);
    assertThat(arb.owner()).isEqualTo(owner.address());
    assertThat(arb.executor()).isEqualTo(executor.address());
    assertThat(arb.allowedFactories()).doesNotContain(forgingLender);
  }

  @Test
  void onlyContractsCanBeAllowedAsFactories() {
    assertThatThrownBy(() -> arb.setFactoriesAllowed(owner, List.of(stranger.address()), true))
        .isInstanceOf(ChainException.class)
        .hasMessageContaining("InvalidFactory(factory=" + stranger.address() + ")");

    arb.setFactoriesAllowed(owner, List.of(market.dexB()), false);

    assertThat(arb.allowedFactories()).containsExactly(market.dexA().toLowerCase(Locale.ROOT));
  }

  /** Nothing the contract held is gone, the attacker has none of it, and no route ran. */
  private void assertTheLeftOverIsStillThere() {
    assertTheLeftOverIsStillThere(0);
  }

  private void assertTheLeftOverIsStillThere(int executions) {
    assertThat(Erc20.balanceOf(chain, market.dai(), arb.address())).isEqualTo(LEFT_OVER);
    assertThat(Erc20.balanceOf(chain, market.weth(), arb.address())).isEqualTo(LEFT_OVER);
    assertThat(Erc20.balanceOf(chain, market.dai(), forgingLender)).isZero();
    assertThat(arb.executions()).isEqualTo(BigInteger.valueOf(executions));
  }

  /** What {@code MaliciousLender} does wrong; the ordinal is the contract's {@code Mode}. */
  private enum Mode {
    HONEST,
    TWICE,
    WRONG_AMOUNT,
    SILENT,
    OTHER_SENDER
  }

  /**
   * Deploys a MaliciousLender of WETH (holding 10 WETH) in {@code mode}, from the stranger, and has
   * the owner allow it as a factory (its own): a lender that passes every check of the route.
   */
  private String maliciousLender(Mode mode) {
    String lender =
        deployTestContract(
            stranger,
            "test/MaliciousLender",
            new Address(market.weth()),
            new Address(market.dai()));
    stranger.transact(
        lender,
        encode("setMode", new Uint8(mode.ordinal())),
        ContractArtifact.fromClasspath("test/MaliciousLender").revertDecoder());
    Erc20.transfer(owner, market.weth(), lender, LocalMarket.tokens(10));
    arb.setFactoriesAllowed(owner, List.of(lender), true);
    return lender.toLowerCase(Locale.ROOT);
  }

  private static String deployTestContract(Wallet from, String name, Type<?>... args) {
    ContractArtifact artifact = ContractArtifact.fromClasspath(name);
    return from.deploy(
            artifact.bytecode() + FunctionEncoder.encodeConstructor(List.of(args)),
            artifact.revertDecoder())
        .toLowerCase(Locale.ROOT);
  }

  private static String encode(String function, Type<?>... args) {
    return FunctionEncoder.encode(new Function(function, List.of(args), List.of()));
  }

  private String revertReason(String from, String to, String data) {
    CallResult r = chain.call(from, to, data, FlashLoanArbitrageContract.decoder());
    assertThat(r).isInstanceOf(CallResult.Reverted.class);
    return ((CallResult.Reverted) r).reason();
  }

  private Relayer relayer() {
    RelayPolicy policy =
        new RelayPolicy(
            Set.of(arb.address()),
            GAS,
            BigInteger.TEN.pow(17),
            BigInteger.TEN.pow(17),
            BigInteger.TEN.pow(18),
            10,
            Duration.ofSeconds(30));
    return new Relayer(
        local.wallet(DevAccounts.STRANGER),
        FeeHistoryGasOracle.local(),
        forwarder,
        policy,
        Clock.systemUTC(),
        FlashLoanArbitrageContract.decoder());
  }

  private SignedRequest signExecute(Credentials signer, FlashRoute route) {
    return sign(signer, FlashLoanArbitrageContract.encodeExecute(List.of(route)));
  }

  private SignedRequest sign(Credentials signer, String data) {
    ForwardRequest r =
        new ForwardRequest(
            signer.getAddress(),
            arb.address(),
            BigInteger.ZERO,
            BigInteger.valueOf(1_000_000),
            forwarder.nonce(signer.getAddress()),
            Instant.now().plus(Duration.ofMinutes(10)).getEpochSecond(),
            data);
    return Eip712Signer.sign(forwarder.domain(), r, signer);
  }
}
