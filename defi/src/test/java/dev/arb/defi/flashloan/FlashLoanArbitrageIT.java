package dev.arb.defi.flashloan;

import static dev.arb.defi.local.LocalMarket.ONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.defi.DevAccounts;
import dev.arb.defi.OnSnapshotChain;
import dev.arb.defi.SnapshotChain;
import dev.arb.defi.chain.CallResult;
import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.chain.Fees;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.ContractArtifact;
import dev.arb.defi.contract.Erc20;
import dev.arb.defi.contract.FlashLoanArbitrageContract;
import dev.arb.defi.contract.FlashLoanArbitrageContract.RouteExecuted;
import dev.arb.defi.contract.FlashRoute;
import dev.arb.defi.contract.LoanSource;
import dev.arb.defi.contract.UniswapV2;
import dev.arb.defi.local.LocalMarket;
import dev.arb.defi.pool.ConstantProduct;
import dev.arb.error.ChainException;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * FlashLoanArbitrage on anvil against real Uniswap V2 bytecode: one chain per class, each test
 * starts from the same deployed state (anvil snapshot, reverted after the test).
 */
class FlashLoanArbitrageIT extends OnSnapshotChain {
  private static final BigInteger GAS = BigInteger.valueOf(1_000_000);

  private Wallet owner;
  private Wallet executor;
  private Wallet stranger;
  private LocalMarket market;
  private FlashLoanArbitrageContract arb;

  @Override
  protected void deploy(SnapshotChain c) {
    SnapshotChain.Arbitrage deployed = c.deployArbitrage(c.wallet(DevAccounts.OWNER));
    market = deployed.market();
    arb = deployed.arb();
  }

  @BeforeEach
  void freshWallets() {
    // evm_revert rewinds nonces: wallets from an earlier test would count ahead of the chain
    owner = local.wallet(DevAccounts.OWNER);
    executor = local.wallet(DevAccounts.EXECUTOR);
    stranger = local.wallet(DevAccounts.STRANGER);
  }

  /**
   * Executes one route from the owner and checks what every loan source must satisfy: the
   * simulation, the RouteExecuted event and the owner's balance all show the hand-computed profit,
   * and the contract keeps nothing.
   */
  private FlashLoanOutcome.Executed executesPayingTheOwnerExactly(
      FlashRoute route, BigInteger premium) {
    BigInteger expected = expectedProfit(route);
    BigInteger ownerBefore = Erc20.balanceOf(chain, market.weth(), owner.address());

    FlashLoanOutcome outcome = new Web3jFlashLoanExecutor(owner, arb).execute(List.of(route));

    assertThat(expected).isPositive();
    assertThat(outcome).isInstanceOf(FlashLoanOutcome.Executed.class);
    FlashLoanOutcome.Executed done = (FlashLoanOutcome.Executed) outcome;
    assertThat(done.simulatedProfits()).containsExactly(expected);
    assertThat(done.events())
        .containsExactly(
            new RouteExecuted(
                BigInteger.ONE,
                route.lender(),
                market.weth(),
                route.source(),
                route.amount(),
                premium,
                expected,
                owner.address().toLowerCase(Locale.ROOT)));
    assertThat(Erc20.balanceOf(chain, market.weth(), owner.address()).subtract(ownerBefore))
        .isEqualTo(expected);
    assertThat(Erc20.balanceOf(chain, market.weth(), arb.address())).isZero();
    assertThat(arb.executions()).isEqualTo(BigInteger.ONE);
    System.out.printf(
        "%s flash loan: borrowed %s WETH-wei, premium %s, profit %s WETH-wei, gas used %s, tx %s%n",
        route.source(), route.amount(), premium, expected, done.gasUsed(), done.txHash());
    return done;
  }

  @Test
  void profitableRouteExecutesAndOwnerGainsExactlyTheSimulatedProfit() {
    FlashRoute route = market.profitableRoute(ONE, BigInteger.ZERO);
    BigInteger loanReserveBefore = UniswapV2.reserves(chain, market.loanPair()).of(market.weth());
    // 1e18 * 1000 / 997 + 1 - 1e18
    BigInteger premium = new BigInteger("3009027081243732");

    FlashLoanOutcome.Executed done = executesPayingTheOwnerExactly(route, premium);

    assertThat(
            UniswapV2.reserves(chain, market.loanPair())
                .of(market.weth())
                .subtract(loanReserveBefore))
        .isEqualTo(premium);
    assertThat(done.profits()).containsExactly(expectedProfitOfOneWethAtDeployment());
    // priced by the fee-history oracle: paid something, never above its 1000 gwei cap
    assertThat(done.effectiveGasPrice()).isPositive().isLessThanOrEqualTo(BigInteger.TEN.pow(12));
  }

  @Test
  void balancerFlashLoanExecutesAndOwnerGainsExactlyTheSimulatedProfit() {
    BigInteger vaultBefore = Erc20.balanceOf(chain, market.weth(), market.balancerVault());

    FlashLoanOutcome.Executed done =
        executesPayingTheOwnerExactly(market.balancerRoute(ONE, BigInteger.ZERO), BigInteger.ZERO);

    assertThat(Erc20.balanceOf(chain, market.weth(), market.balancerVault()))
        .isEqualTo(vaultBefore);
    // no premium: the same route earns more than through the flash swap (0.06801 WETH)
    assertThat(done.profits().get(0)).isGreaterThan(expectedProfitOfOneWethAtDeployment());
  }

  @Test
  void aaveFlashLoanExecutesPaysItsPremiumAndOwnerGainsExactlyTheSimulatedProfit() {
    // 1 WETH * 0.09 % = 0.0009 WETH
    assertThat(aavePremium(ONE)).isEqualTo(new BigInteger("900000000000000"));

    FlashLoanOutcome.Executed done =
        executesPayingTheOwnerExactly(market.aaveRoute(ONE, BigInteger.ZERO), aavePremium(ONE));

    // exactly the Balancer route's 0.071021167483822591 WETH minus the premium
    assertThat(done.profits())
        .containsExactly(new BigInteger("71021167483822591").subtract(aavePremium(ONE)));
  }

  @Test
  void loanCallbacksRejectLoansThisContractDidNotStart() {
    // someone flash-borrows from the vault naming our contract as recipient
    String viaVault =
        call(
            "flashLoan",
            new Address(arb.address()),
            new DynamicArray<>(Address.class, List.of(new Address(market.weth()))),
            new DynamicArray<>(Uint256.class, List.of(new Uint256(ONE))),
            new DynamicBytes(new byte[0]));
    assertThat(revertReason(stranger, market.balancerVault(), viaVault))
        .isEqualTo(
            "UnauthorizedCallback(caller="
                + market.balancerVault()
                + ", initiator="
                + ChainClient.ZERO_ADDRESS
                + ")");
    // someone flash-swaps from a real pair with our contract as the receiver
    String viaPair =
        call(
            "swap",
            new Uint256(ONE),
            new Uint256(ONE),
            new Address(arb.address()),
            new DynamicBytes(new byte[] {1}));
    assertThat(revertReason(stranger, market.loanPair(), viaPair))
        .isEqualTo(
            "UnauthorizedCallback(caller="
                + market.loanPair()
                + ", initiator="
                + stranger.address()
                + ")");
    // someone flash-borrows from the Aave pool naming our contract as receiver
    String viaPool =
        call(
            "flashLoanSimple",
            new Address(arb.address()),
            new Address(market.weth()),
            new Uint256(ONE),
            new DynamicBytes(new byte[0]),
            new Uint16(0));
    assertThat(revertReason(stranger, market.aavePool(), viaPool))
        .isEqualTo(
            "UnauthorizedCallback(caller="
                + market.aavePool()
                + ", initiator="
                + stranger.address()
                + ")");
    // a Balancer route naming another "vault" is refused before borrowing
    FlashRoute fakeVault =
        FlashRoute.twoPool(
            LoanSource.BALANCER,
            market.loanPair(),
            market.weth(),
            market.usdc(),
            market.pairB(),
            market.pairA(),
            ONE,
            BigInteger.ZERO);
    assertThat(new Web3jFlashLoanExecutor(owner, arb).execute(List.of(fakeVault)))
        .isEqualTo(
            new FlashLoanOutcome.NotSent(
                "InvalidRoute(routeIndex=0, why=lender is not the configured Balancer vault)"));
  }

  /** Call data of {@code name(args)}. */
  private static String call(String name, Type<?>... args) {
    return FunctionEncoder.encode(new Function(name, List.of(args), List.of()));
  }

  private String revertReason(Wallet from, String to, String data) {
    CallResult r = chain.call(from.address(), to, data, FlashLoanArbitrageContract.decoder());
    assertThat(r).isInstanceOf(CallResult.Reverted.class);
    return ((CallResult.Reverted) r).reason();
  }

  @Test
  void closedFormSizeEarnsExactlyWhatItPredicts() {
    ConstantProduct.Hop sell = UniswapV2.hop(chain, market.pairB(), market.weth(), 30);
    ConstantProduct.Hop buy = UniswapV2.hop(chain, market.pairA(), market.usdc(), 30);
    ConstantProduct.CycleSize best =
        ConstantProduct.optimalTwoPool(
                sell, buy, ConstantProduct.LoanCost.UNISWAP_V2_FLASH_SWAP, LocalMarket.tokens(500))
            .orElseThrow();
    // the predicted profit is the route's minimum: one wei less on chain and it would revert
    FlashRoute route = market.profitableRoute(best.amount(), best.profit());

    FlashLoanOutcome outcome = new Web3jFlashLoanExecutor(owner, arb).execute(List.of(route));

    assertThat(outcome).isInstanceOf(FlashLoanOutcome.Executed.class);
    FlashLoanOutcome.Executed done = (FlashLoanOutcome.Executed) outcome;
    assertThat(done.profits()).containsExactly(best.profit());
    assertThat(best.profit()).isGreaterThan(expectedProfitOfOneWethAtDeployment());
    System.out.printf(
        "optimal flash loan: borrowed %s WETH-wei, profit %s WETH-wei, gas used %s%n",
        best.amount(), best.profit(), done.gasUsed());
  }

  @Test
  void routeFrontRunAfterItsSimulationFailsOnChainWithTheDecodedReason() throws Exception {
    FlashRoute route = market.profitableRoute(ONE, BigInteger.ZERO);
    BigInteger predicted = expectedProfit(route);
    FlashRoute strict = route.withMinProfit(predicted);
    Erc20.transfer(owner, market.weth(), executor.address(), ONE); // the front-runner's WETH
    BigInteger ownerWeth = Erc20.balanceOf(chain, market.weth(), owner.address());
    BigInteger ownerNonce = chain.pendingNonce(owner.address());
    chain.rpc("evm_setAutomine", List.of(false));
    ExecutorService background = Executors.newSingleThreadExecutor();
    try {
      Future<FlashLoanOutcome> pending =
          background.submit(() -> new Web3jFlashLoanExecutor(owner, arb).execute(List.of(strict)));
      for (int i = 0; chain.pendingNonce(owner.address()).equals(ownerNonce); i++) {
        assertThat(i).as("our transaction reaches the pool").isLessThan(1_000);
        Thread.sleep(10);
      }
      // simulated and sent; now someone sells 1 WETH into pair B with a higher tip
      BigInteger k = chain.pendingNonce(executor.address());
      Fees rich = new Fees(BigInteger.TEN.pow(11).multiply(BigInteger.TWO), BigInteger.TEN.pow(11));
      chain.sendRaw(
          DevAccounts.EXECUTOR,
          k,
          market.weth(),
          call("transfer", new Address(market.pairB()), new Uint256(ONE)),
          BigInteger.ZERO,
          GAS,
          rich);
      chain.sendRaw(
          DevAccounts.EXECUTOR,
          k.add(BigInteger.ONE),
          market.pairB(),
          call("sync"),
          BigInteger.ZERO,
          GAS,
          rich);
      chain.rpc("evm_mine", List.of());

      FlashLoanOutcome outcome = pending.get(60, TimeUnit.SECONDS);

      assertThat(outcome).isInstanceOf(FlashLoanOutcome.Failed.class);
      String reason = ((FlashLoanOutcome.Failed) outcome).reason();
      assertThat(reason)
          .startsWith("ProfitBelowMinimum(routeIndex=0, profit=")
          .endsWith(", minProfit=" + predicted + ")");
      BigInteger onChainProfit = new BigInteger(reason.replaceAll(".*profit=(\\d+),.*", "$1"));
      assertThat(onChainProfit).isPositive().isLessThan(predicted);
      assertThat(Erc20.balanceOf(chain, market.weth(), owner.address())).isEqualTo(ownerWeth);
    } finally {
      chain.rpc("evm_setAutomine", List.of(true));
      background.shutdownNow();
    }
  }

  @Test
  void losingRouteRevertsInSimulationAndIsNeverSent() {
    Web3jFlashLoanExecutor ex = new Web3jFlashLoanExecutor(owner, arb);
    BigInteger nonceBefore = chain.pendingNonce(owner.address());
    UniswapV2.Reserves pairABefore = UniswapV2.reserves(chain, market.pairA());

    FlashLoanOutcome outcome = ex.execute(List.of(market.losingRoute(ONE, BigInteger.ZERO)));

    assertThat(outcome).isInstanceOf(FlashLoanOutcome.NotSent.class);
    assertThat(((FlashLoanOutcome.NotSent) outcome).reason())
        .startsWith("InsufficientToRepay(balance=");
    assertThat(chain.pendingNonce(owner.address())).isEqualTo(nonceBefore);
    assertThat(UniswapV2.reserves(chain, market.pairA())).isEqualTo(pairABefore);
  }

  @Test
  void profitBelowTheCallersMinimumIsNeverSent() {
    Web3jFlashLoanExecutor ex = new Web3jFlashLoanExecutor(owner, arb);
    FlashRoute route = market.profitableRoute(ONE, BigInteger.ZERO);
    BigInteger profit = expectedProfit(route);
    BigInteger nonceBefore = chain.pendingNonce(owner.address());

    FlashLoanOutcome outcome = ex.execute(List.of(route.withMinProfit(profit.add(BigInteger.ONE))));

    assertThat(outcome)
        .isEqualTo(
            new FlashLoanOutcome.NotSent(
                "ProfitBelowMinimum(routeIndex=0, profit="
                    + profit
                    + ", minProfit="
                    + profit.add(BigInteger.ONE)
                    + ")"));
    assertThat(chain.pendingNonce(owner.address())).isEqualTo(nonceBefore);
  }

  @Test
  void batchExecutesEveryRouteOrNone() {
    Web3jFlashLoanExecutor ex = new Web3jFlashLoanExecutor(owner, arb);
    BigInteger half = ONE.divide(BigInteger.TWO);
    FlashRoute good = market.profitableRoute(half, BigInteger.ZERO);
    BigInteger nonceBefore = chain.pendingNonce(owner.address());

    FlashLoanOutcome mixed = ex.execute(List.of(good, market.losingRoute(half, BigInteger.ZERO)));
    assertThat(mixed).isInstanceOf(FlashLoanOutcome.NotSent.class);
    assertThat(chain.pendingNonce(owner.address())).isEqualTo(nonceBefore);

    BigInteger ownerBefore = Erc20.balanceOf(chain, market.weth(), owner.address());
    FlashLoanOutcome both = ex.execute(List.of(good, good));
    assertThat(both).isInstanceOf(FlashLoanOutcome.Executed.class);
    FlashLoanOutcome.Executed done = (FlashLoanOutcome.Executed) both;
    assertThat(done.events())
        .extracting(RouteExecuted::execution)
        .containsExactly(BigInteger.ONE, BigInteger.TWO);
    assertThat(done.profits()).isEqualTo(done.simulatedProfits());
    // the second route trades against the prices the first one moved: it earns less
    assertThat(done.profits().get(1)).isPositive().isLessThan(done.profits().get(0));
    assertThat(Erc20.balanceOf(chain, market.weth(), owner.address()).subtract(ownerBefore))
        .isEqualTo(done.profits().get(0).add(done.profits().get(1)));
  }

  @Test
  void onlyOwnerOrTheExecutorCanStartAndProfitAlwaysGoesToTheOwner() {
    FlashRoute route = market.profitableRoute(ONE, BigInteger.ZERO);
    String data = FlashLoanArbitrageContract.encodeExecute(List.of(route));

    FlashLoanOutcome byStranger = new Web3jFlashLoanExecutor(stranger, arb).execute(List.of(route));
    assertThat(byStranger)
        .isEqualTo(
            new FlashLoanOutcome.NotSent("NotOwnerOrExecutor(caller=" + stranger.address() + ")"));
    // sent anyway, without simulation: it reverts on chain
    TransactionReceipt forced = stranger.send(arb.address(), data, GAS);
    assertThat(forced.isStatusOK()).isFalse();
    assertThat(
            stranger.revertReason(
                arb.address(), data, forced, FlashLoanArbitrageContract.decoder()))
        .isEqualTo("NotOwnerOrExecutor(caller=" + stranger.address() + ")");

    arb.setExecutor(owner, executor.address());
    assertThat(arb.executor()).isEqualTo(executor.address());
    BigInteger ownerBefore = Erc20.balanceOf(chain, market.weth(), owner.address());
    BigInteger expected = expectedProfit(route);
    FlashLoanOutcome byExecutor = new Web3jFlashLoanExecutor(executor, arb).execute(List.of(route));
    assertThat(byExecutor).isInstanceOf(FlashLoanOutcome.Executed.class);
    BigInteger profit = ((FlashLoanOutcome.Executed) byExecutor).profits().get(0);
    assertThat(profit).isEqualTo(expected);
    assertThat(Erc20.balanceOf(chain, market.weth(), owner.address()).subtract(ownerBefore))
        .isEqualTo(profit);
    assertThat(Erc20.balanceOf(chain, market.weth(), executor.address())).isZero();

    assertThatThrownBy(() -> arb.setExecutor(stranger, stranger.address()))
        .isInstanceOf(ChainException.class)
        .hasMessageContaining("OwnableUnauthorizedAccount(account=" + stranger.address() + ")");
  }

  @Test
  void callingTheFlashSwapCallbackDirectlyReverts() {
    String data =
        call(
            "uniswapV2Call",
            new Address(arb.address()),
            new Uint256(ONE),
            new Uint256(BigInteger.ZERO),
            new DynamicBytes(new byte[0]));
    CallResult direct =
        chain.call(stranger.address(), arb.address(), data, FlashLoanArbitrageContract.decoder());
    assertThat(direct)
        .isEqualTo(
            new CallResult.Reverted(
                "UnauthorizedCallback(caller="
                    + stranger.address()
                    + ", initiator="
                    + arb.address()
                    + ")",
                ((CallResult.Reverted) direct).data()));
    TransactionReceipt forced = stranger.send(arb.address(), data, GAS);
    assertThat(forced.isStatusOK()).isFalse();
    // even the owner cannot call it outside a loan
    CallResult byOwner =
        chain.call(owner.address(), arb.address(), data, FlashLoanArbitrageContract.decoder());
    assertThat(byOwner).isInstanceOf(CallResult.Reverted.class);
    assertThat(((CallResult.Reverted) byOwner).reason())
        .startsWith("UnauthorizedCallback(caller=" + owner.address());
  }

  @Test
  void upgradeThroughTheProxyKeepsStateAndOwner() {
    Web3jFlashLoanExecutor ex = new Web3jFlashLoanExecutor(owner, arb);
    assertThat(ex.execute(List.of(market.profitableRoute(ONE, BigInteger.ZERO))))
        .isInstanceOf(FlashLoanOutcome.Executed.class);
    arb.setExecutor(owner, executor.address());
    String before = arb.implementation();
    assertThat(arb.version()).isEqualTo(BigInteger.ONE);

    String v2 =
        FlashLoanArbitrageContract.deployImplementation(
            owner, ContractArtifact.fromClasspath("test/FlashLoanArbitrageNext"));
    String upgrade = FlashLoanArbitrageContract.encodeUpgrade(v2);
    assertThatThrownBy(
            () -> stranger.transact(arb.address(), upgrade, FlashLoanArbitrageContract.decoder()))
        .isInstanceOf(ChainException.class)
        .hasMessageContaining("OwnableUnauthorizedAccount(account=" + stranger.address() + ")");
    assertThat(arb.implementation()).isEqualTo(before);

    owner.transact(arb.address(), upgrade, FlashLoanArbitrageContract.decoder());

    assertThat(arb.implementation()).isEqualTo(v2.toLowerCase(Locale.ROOT)).isNotEqualTo(before);
    assertThat(arb.version()).isEqualTo(BigInteger.TWO);
    assertThat(arb.owner()).isEqualTo(owner.address());
    assertThat(arb.executor()).isEqualTo(executor.address());
    assertThat(arb.executions()).isEqualTo(BigInteger.ONE);
    FlashLoanOutcome after = ex.execute(List.of(market.profitableRoute(ONE, BigInteger.ZERO)));
    assertThat(after).isInstanceOf(FlashLoanOutcome.Executed.class);
    assertThat(arb.executions()).isEqualTo(BigInteger.TWO);
  }

  @Test
  void onlyTheOwnerWithdraws() {
    BigInteger five = LocalMarket.tokens(5);
    Erc20.transfer(owner, market.dai(), arb.address(), five);
    assertThatThrownBy(() -> arb.withdraw(stranger, market.dai(), stranger.address(), five))
        .isInstanceOf(ChainException.class)
        .hasMessageContaining("OwnableUnauthorizedAccount");
    BigInteger before = Erc20.balanceOf(chain, market.dai(), executor.address());

    arb.withdraw(owner, market.dai(), executor.address(), five);

    assertThat(Erc20.balanceOf(chain, market.dai(), executor.address()).subtract(before))
        .isEqualTo(five);
    assertThat(Erc20.balanceOf(chain, market.dai(), arb.address())).isZero();
  }

  @Test
  void connectingToTheWrongChainFailsWithAClearMessage() {
    assertThatThrownBy(
            () -> ChainClient.connect(ChainClient.Settings.local(local.anvil().rpcUrl(), 137)))
        .isInstanceOf(ChainException.class)
        .hasMessageContaining("serves chain id 31337, expected 137");
  }

  /** Aave's percentMul: amount * 9 bps, rounded half up. */
  private static BigInteger aavePremium(BigInteger amount) {
    return amount
        .multiply(BigInteger.valueOf(9))
        .add(BigInteger.valueOf(5_000))
        .divide(BigInteger.valueOf(10_000));
  }

  private static BigInteger expectedProfitOfOneWethAtDeployment() {
    return new BigInteger("68012140402578859");
  }

  /** The route's profit computed by hand from the current reserves (Uniswap V2 formulas). */
  private BigInteger expectedProfit(FlashRoute route) {
    BigInteger amount = route.amount();
    for (int i = 0; i < route.pairs().size(); i++) {
      UniswapV2.Reserves r = UniswapV2.reserves(chain, route.pairs().get(i));
      BigInteger in = r.of(route.path().get(i));
      BigInteger out = r.of(route.path().get(i + 1));
      BigInteger inWithFee = amount.multiply(BigInteger.valueOf(997));
      amount = inWithFee.multiply(out).divide(in.multiply(BigInteger.valueOf(1000)).add(inWithFee));
    }
    if (route.source() == LoanSource.BALANCER) {
      return amount.subtract(route.amount()); // the vault's flash-loan fee is zero here
    }
    if (route.source() == LoanSource.AAVE_V3) {
      return amount.subtract(route.amount()).subtract(aavePremium(route.amount()));
    }
    BigInteger owed =
        route
            .amount()
            .multiply(BigInteger.valueOf(1000))
            .divide(BigInteger.valueOf(997))
            .add(BigInteger.ONE);
    return amount.subtract(owed);
  }
}
