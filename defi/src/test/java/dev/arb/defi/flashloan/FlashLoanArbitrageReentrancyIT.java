package dev.arb.defi.flashloan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.defi.DevAccounts;
import dev.arb.defi.OnSnapshotChain;
import dev.arb.defi.SnapshotChain;
import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.chain.RevertDecoder;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.ContractArtifact;
import dev.arb.defi.contract.Erc20;
import dev.arb.defi.contract.FlashLoanArbitrageContract;
import dev.arb.defi.contract.FlashRoute;
import dev.arb.defi.contract.LoanSource;
import dev.arb.defi.contract.UniswapV2;
import dev.arb.defi.local.LocalMarket;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.utils.Numeric;

/**
 * FlashLoanArbitrage against a token with transfer hooks (test/HookToken: an ERC-777-like token
 * that calls a hook on every transfer): the hook, run in the middle of a route, tries to re-enter
 * {@code execute}, {@code withdraw} and every loan callback, and a token that takes from the
 * contract's balance mid-route makes the route revert. The hook contract (test/ReentrantHook) is
 * the contract's owner, so the re-entered {@code execute} and {@code withdraw} pass their role
 * checks and meet the re-entrancy guard itself; the executor starts the routes.
 *
 * <p>HOOK pools mirror the local market's WETH ones: HOOK/DAI on DEX A (1,000 : 2,000,000) to
 * borrow from, HOOK/USDC at 2,000 on DEX A and 2,200 on DEX B. Today's version-2 implementation
 * behind its proxy; one chain per class, every test from the same state.
 */
class FlashLoanArbitrageReentrancyIT extends OnSnapshotChain {
  private static final BigInteger LEFT_OVER = LocalMarket.tokens(5);

  /** Profit of 1 HOOK borrowed, sold on B, bought back on A: the WETH route's, to the wei. */
  private static final BigInteger PROFIT_OF_ONE = new BigInteger("68012140402578859");

  private LocalMarket market;
  private FlashLoanArbitrageContract arb;
  private String hookToken;
  private String hook;
  private String hookLoanPair;
  private String hookPairA;
  private String hookPairB;
  private Wallet operator;
  private Wallet executor;

  @Override
  protected void deploy(SnapshotChain c) {
    Wallet deployer = c.wallet(DevAccounts.OWNER);
    SnapshotChain.Arbitrage deployed =
        c.deployArbitrage(deployer, DevAccounts.EXECUTOR.getAddress(), ChainClient.ZERO_ADDRESS);
    market = deployed.market();
    arb = deployed.arb();
    hookToken =
        deployTestContract(
            deployer,
            "test/HookToken",
            new Utf8String("Hooked (test)"),
            new Utf8String("HOOK"),
            new Uint256(LocalMarket.tokens(1_000_000_000L)));
    hookLoanPair = UniswapV2.createPair(deployer, market.dexA(), hookToken, market.dai());
    UniswapV2.addLiquidity(
        deployer,
        hookLoanPair,
        hookToken,
        LocalMarket.tokens(1_000),
        market.dai(),
        LocalMarket.tokens(2_000_000));
    hookPairA = UniswapV2.createPair(deployer, market.dexA(), hookToken, market.usdc());
    UniswapV2.addLiquidity(
        deployer,
        hookPairA,
        hookToken,
        LocalMarket.tokens(100),
        market.usdc(),
        LocalMarket.tokens(200_000));
    hookPairB = UniswapV2.createPair(deployer, market.dexB(), hookToken, market.usdc());
    UniswapV2.addLiquidity(
        deployer,
        hookPairB,
        hookToken,
        LocalMarket.tokens(100),
        market.usdc(),
        LocalMarket.tokens(220_000));
    hook = deployTestContract(deployer, "test/ReentrantHook");
    deployer.transact(hookToken, encode("setHook", new Address(hook)), decoder());
    Erc20.transfer(deployer, market.dai(), arb.address(), LEFT_OVER);
    // the hook contract becomes the owner (two steps: it accepts through act)
    deployer.transact(arb.address(), encode("transferOwnership", new Address(hook)), decoder());
    deployer.transact(
        hook,
        encode("act", new Address(arb.address()), bytes(encode("acceptOwnership"))),
        decoder());
  }

  @BeforeEach
  void freshWallets() {
    operator = local.wallet(DevAccounts.OWNER);
    executor = local.wallet(DevAccounts.EXECUTOR);
  }

  /** Borrow 1 HOOK from the HOOK/DAI pair, sell it on B for USDC, buy it back on A. */
  private FlashRoute hookRoute() {
    return FlashRoute.twoPool(
        LoanSource.UNISWAP_V2,
        hookLoanPair,
        hookToken,
        market.usdc(),
        hookPairB,
        hookPairA,
        LocalMarket.ONE,
        BigInteger.ZERO);
  }

  @Test
  void aTokenHookCannotReenterExecuteWithdrawOrALoanCallbackMidRoute() {
    assertThat(arb.owner()).isEqualTo(hook);
    FlashRoute route = hookRoute();
    String encodedRoute =
        FunctionEncoder.encodeConstructor(
            List.of(new FlashLoanArbitrageContract.RouteStruct(route)));
    List<String> attempts =
        List.of(
            FlashLoanArbitrageContract.encodeExecute(List.of(route)),
            encode(
                "withdraw",
                new Address(market.dai()),
                new Address(hook),
                new Uint256(BigInteger.ONE)),
            encode(
                "uniswapV2Call",
                new Address(arb.address()),
                new Uint256(LocalMarket.ONE),
                new Uint256(BigInteger.ZERO),
                bytes("0x" + encodedRoute)),
            encode(
                "receiveFlashLoan",
                new DynamicArray<>(Address.class, List.of(new Address(hookToken))),
                new DynamicArray<>(Uint256.class, List.of(new Uint256(LocalMarket.ONE))),
                new DynamicArray<>(Uint256.class, List.of(new Uint256(BigInteger.ZERO))),
                bytes("0x" + encodedRoute)),
            encode(
                "executeOperation",
                new Address(hookToken),
                new Uint256(LocalMarket.ONE),
                new Uint256(BigInteger.ZERO),
                new Address(arb.address()),
                bytes("0x" + encodedRoute)));
    arm(attempts.stream().map(a -> arb.address()).toList(), attempts);
    BigInteger ownerBefore = Erc20.balanceOf(chain, hookToken, hook);

    FlashLoanOutcome outcome = new Web3jFlashLoanExecutor(executor, arb).execute(List.of(route));

    assertThat(outcome).isInstanceOf(FlashLoanOutcome.Executed.class);
    assertThat(((FlashLoanOutcome.Executed) outcome).profits()).containsExactly(PROFIT_OF_ONE);
    assertThat(Erc20.balanceOf(chain, hookToken, hook).subtract(ownerBefore))
        .as("the owner (the hook contract) got the profit")
        .isEqualTo(PROFIT_OF_ONE);
    // HOOK moved 5 times: lent to the contract (before its callback), into pair B, back from
    // pair A, repaid, profit to the owner; the hook tried everything at each of them
    assertThat(uint("fired")).isEqualTo(BigInteger.valueOf(5));
    String unauthorized = "UnauthorizedCallback(caller=" + hook + ", initiator=";
    List<String> refusals =
        List.of(
            "ReentrancyGuardReentrantCall()",
            "ReentrancyGuardReentrantCall()",
            unauthorized + arb.address() + ")",
            unauthorized + ChainClient.ZERO_ADDRESS + ")",
            unauthorized + arb.address() + ")");
    for (int i = 0; i < attempts.size(); i++) {
      assertThat(uint("succeeded", i)).as("attempt %d succeeded", i).isZero();
      assertThat(uint("reverted", i)).as("attempt %d reverted", i).isEqualTo(BigInteger.valueOf(5));
      assertThat(lastRevert(i)).as("attempt %d", i).isEqualTo(refusals.get(i));
    }
    assertThat(Erc20.balanceOf(chain, market.dai(), arb.address())).isEqualTo(LEFT_OVER);
    // outside a route the same owner withdraws: it was the guard that stopped it
    arm(List.of(), List.of());
    operator.transact(
        hook, encode("act", new Address(arb.address()), bytes(attempts.get(1))), decoder());
    assertThat(Erc20.balanceOf(chain, market.dai(), hook)).isEqualTo(BigInteger.ONE);
  }

  /**
   * A token on the path that takes from the contract's own balance mid-route (here its issuer
   * seizes 1 wei of the contract's HOOK, as a negative rebase or a freeze-and-burn would): the
   * route reverts rather than end with less of a token it touched.
   */
  @Test
  void aRouteAfterWhichTheContractHoldsLessOfATokenOnItsPathReverts() {
    Erc20.transfer(operator, hookToken, arb.address(), LEFT_OVER);
    // borrow 2,000 USDC from WETH/USDC on A, buy HOOK on A, sell it on B
    FlashRoute route =
        FlashRoute.twoPool(
            LoanSource.UNISWAP_V2,
            market.pairA(),
            market.usdc(),
            hookToken,
            hookPairA,
            hookPairB,
            LocalMarket.tokens(2_000),
            BigInteger.ZERO);
    arm(
        List.of(hookToken),
        List.of(encode("seize", new Address(arb.address()), new Uint256(BigInteger.ONE))));

    FlashLoanOutcome seized = new Web3jFlashLoanExecutor(executor, arb).execute(List.of(route));

    assertThat(seized)
        .isEqualTo(
            new FlashLoanOutcome.NotSent(
                "BalanceDecreased(routeIndex=0, token="
                    + hookToken
                    + ", before="
                    + LEFT_OVER
                    + ", afterwards="
                    + LEFT_OVER.subtract(BigInteger.ONE)
                    + ")"));
    arm(List.of(), List.of());
    FlashLoanOutcome clean = new Web3jFlashLoanExecutor(executor, arb).execute(List.of(route));
    assertThat(clean).isInstanceOf(FlashLoanOutcome.Executed.class);
    assertThat(((FlashLoanOutcome.Executed) clean).profits().get(0)).isPositive();
    assertThat(Erc20.balanceOf(chain, hookToken, arb.address())).isEqualTo(LEFT_OVER);
  }

  private void arm(List<String> targets, List<String> calls) {
    operator.transact(
        hook,
        encode(
            "arm",
            new DynamicArray<>(Address.class, targets.stream().map(Address::new).toList()),
            new DynamicArray<>(
                DynamicBytes.class,
                calls.stream().map(FlashLoanArbitrageReentrancyIT::bytes).toList())),
        decoder());
  }

  private BigInteger uint(String getter, long... index) {
    Type<?>[] args = index.length == 0 ? new Type<?>[0] : new Type<?>[] {new Uint256(index[0])};
    String out = chain.view(hook, encode(getter, args));
    return Numeric.toBigInt(out);
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private String lastRevert(long index) {
    String out = chain.view(hook, encode("lastRevert", new Uint256(index)));
    List<Type> decoded =
        FunctionReturnDecoder.decode(out, (List) List.of(new TypeReference<DynamicBytes>() {}));
    byte[] data = ((DynamicBytes) decoded.get(0)).getValue();
    return decoder().decode(Numeric.toHexString(data), "no revert data");
  }

  private static RevertDecoder decoder() {
    return FlashLoanArbitrageContract.decoder();
  }

  private static DynamicBytes bytes(String hex) {
    return new DynamicBytes(Numeric.hexStringToByteArray(hex));
  }

  private static String encode(String function, Type<?>... args) {
    return FunctionEncoder.encode(new Function(function, List.of(args), List.of()));
  }

  private static String deployTestContract(Wallet from, String name, Type<?>... args) {
    ContractArtifact artifact = ContractArtifact.fromClasspath(name);
    String data =
        args.length == 0
            ? artifact.bytecode()
            : artifact.bytecode() + FunctionEncoder.encodeConstructor(List.of(args));
    return from.deploy(data, artifact.revertDecoder()).toLowerCase(Locale.ROOT);
  }
}
