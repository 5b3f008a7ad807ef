package dev.arb.defi.flashloan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.defi.DevAccounts;
import dev.arb.defi.OnSnapshotChain;
import dev.arb.defi.SnapshotChain;
import dev.arb.defi.chain.CallResult;
import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.chain.RevertDecoder;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.ContractArtifact;
import dev.arb.defi.contract.Erc20;
import dev.arb.defi.contract.FlashLoanArbitrageContract;
import dev.arb.defi.contract.FlashLoanArbitrageContract.RouteStruct;
import dev.arb.defi.contract.FlashRoute;
import dev.arb.defi.contract.FlashRoute.Hop;
import dev.arb.defi.contract.LoanSource;
import dev.arb.defi.contract.UniswapV2;
import dev.arb.defi.contract.UniswapV3;
import dev.arb.defi.local.RouteMarket;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint24;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The multi-hop routes attacked on anvil (see {@link RouteMarket}; today's version-2
 * implementation, the executor a hot key assumed stolen, the contract holding {@link #LEFT_OVER} of
 * every token as an owner who has not withdrawn leaves them): forged V3 swap callbacks from
 * accounts, attacker contracts, real V3 pools outside a swap and a token hook while a real swap is
 * pending; V3 "pools" and V2 pairs of factories the owner did not allow; pools of a factory the
 * owner allowed by mistake that ask for more, call back twice or not at all, or forge a V2 or V3
 * callback from any hop; callbacks from the real lenders with no route pending; a route below its
 * minimum profit forced on chain; routes of 1 and 7 hops; and the upgrade of a version-3 proxy.
 */
class FlashLoanRouteAttackIT extends OnSnapshotChain {
  private static final BigInteger ONE = RouteMarket.tokens(1);
  private static final BigInteger LEFT_OVER = RouteMarket.tokens(5);
  private static final BigInteger GAS = BigInteger.valueOf(2_000_000);
  private static final String ZERO = ChainClient.ZERO_ADDRESS;

  /** OpenZeppelin 5's ERC-7201 slots of Ownable and Initializable (owner; initialized version). */
  private static final List<BigInteger> NAMESPACED_SLOTS =
      List.of(
          Numeric.toBigInt("0x9016d09d72d40fdae2fd8ceac6b6234c7706214fd39c1cd1e609a0528c199300"),
          Numeric.toBigInt("0xf0c57e16840df040f15088dc2f81fe391c3923bec73e23a9662efc9c229c6a00"));

  /** ERC-7201 slot of the allowed factories, computed here: the V2 set, then the V3 set (+2). */
  private static final BigInteger FACTORIES_SLOT =
      Numeric.toBigInt(
              Hash.sha3(
                  Numeric.toBytesPadded(
                      Numeric.toBigInt(Hash.sha3String("arb.FlashLoanArbitrage.factories"))
                          .subtract(BigInteger.ONE),
                      32)))
          .andNot(BigInteger.valueOf(0xff));

  private RouteMarket market;
  private FlashLoanArbitrageContract arb;
  private Wallet owner;
  private Wallet executor;
  private Wallet stranger;

  @Override
  protected void deploy(SnapshotChain c) {
    Wallet deployer = c.wallet(DevAccounts.OWNER);
    SnapshotChain.RouteArbitrage deployed =
        c.deployRouteArbitrage(deployer, DevAccounts.EXECUTOR.getAddress());
    market = deployed.market();
    arb = deployed.arb();
    for (String token : tokens()) {
      Erc20.transfer(deployer, token, arb.address(), LEFT_OVER);
    }
  }

  @BeforeEach
  void freshWallets() {
    owner = local.wallet(DevAccounts.OWNER);
    executor = local.wallet(DevAccounts.EXECUTOR);
    stranger = local.wallet(DevAccounts.STRANGER);
  }

  private List<String> tokens() {
    return List.of(market.weth(), market.usdc(), market.dai(), market.usdt());
  }

  @Test
  void aForgedV3SwapCallbackIsRefusedFromAccountsAttackerContractsAndRealPoolsOutsideASwap() {
    String callback = v3Callback(LEFT_OVER, LEFT_OVER);
    String attacker = deployTestContract(stranger, "test/ReentrantHook");
    List<String> callers =
        List.of(stranger.address(), market.v3UsdcDai3000(), market.v3WethUsdc500());

    for (String caller : callers) {
      assertThat(revertReason(caller, arb.address(), callback))
          .isEqualTo("UnauthorizedCallback(caller=" + caller + ", initiator=" + ZERO + ")");
    }
    // from a contract: the attacker makes the call itself
    assertThat(
            revertReason(
                stranger.address(),
                attacker,
                encode("act", new Address(arb.address()), bytes(callback))))
        .isEqualTo("UnauthorizedCallback(caller=" + attacker + ", initiator=" + ZERO + ")");
    // on chain, from the real pool's own address (impersonated): reverts, nothing moves
    TransactionReceipt fromPool = sendAs(market.v3UsdcDai3000(), arb.address(), callback);
    assertThat(fromPool.isStatusOK()).isFalse();
    assertTheLeftOverIsStillThere(0);
  }

  /**
   * A token on the route whose transfer hook runs while a real V3 pool's swap is pending (the pool
   * pays the hook token out before it calls back) forges the callback then: refused, because only
   * the pool being swapped with is paid; the route still pays exactly its simulated profit.
   */
  @Test
  void aTokenHookCannotForgeTheV3CallbackWhileARealSwapIsPending() {
    String hookToken =
        deployTestContract(
            owner,
            "test/HookToken",
            new Utf8String("Hooked (test)"),
            new Utf8String("HOOK"),
            new Uint256(RouteMarket.tokens(1_000_000_000L)));
    String hook = deployTestContract(owner, "test/ReentrantHook");
    owner.transact(hookToken, encode("setHook", new Address(hook)), decoder());
    BigInteger million = RouteMarket.tokens(1_000_000);
    String v3Hook =
        UniswapV3.createPool(
            owner,
            market.v3Factory(),
            hookToken,
            market.usdc(),
            UniswapV3.FEE_MEDIUM,
            UniswapV3.sqrtPriceX96(million, million));
    int edge = UniswapV3.fullRangeTick(60);
    UniswapV3.addLiquidity(owner, market.v3Helper(), v3Hook, -edge, edge, million);
    String aHookWeth = UniswapV2.createPair(owner, market.dexA(), hookToken, market.weth());
    UniswapV2.addLiquidity(
        owner,
        aHookWeth,
        hookToken,
        RouteMarket.tokens(2_000_000),
        market.weth(),
        RouteMarket.tokens(1_000));
    FlashRoute route =
        new FlashRoute(
            LoanSource.BALANCER,
            market.balancerVault(),
            market.weth(),
            ONE,
            List.of(
                Hop.v2(market.bWethUsdc(), market.usdc(), 30),
                Hop.v3(v3Hook, hookToken),
                Hop.v2(aHookWeth, market.weth(), 30)),
            BigInteger.ZERO);
    String forged = v3Callback(ONE, ONE);
    owner.transact(
        hook,
        encode(
            "arm",
            new DynamicArray<>(Address.class, List.of(new Address(arb.address()))),
            new DynamicArray<>(DynamicBytes.class, List.of(bytes(forged)))),
        decoder());
    Web3jFlashLoanExecutor ex = new Web3jFlashLoanExecutor(executor, arb);
    BigInteger simulated = ex.simulate(List.of(route)).profits().get(0);
    BigInteger firedBefore = view(hook, "fired");

    FlashLoanOutcome outcome = ex.execute(List.of(route.withMinProfit(simulated)));

    assertThat(outcome).isInstanceOf(FlashLoanOutcome.Executed.class);
    assertThat(((FlashLoanOutcome.Executed) outcome).profits()).containsExactly(simulated);
    // HOOK moved once during the route: the V3 pool paying it into the next pair
    assertThat(view(hook, "fired").subtract(firedBefore)).isEqualTo(BigInteger.ONE);
    assertThat(view(hook, "succeeded", 0)).isZero();
    assertThat(view(hook, "reverted", 0)).isEqualTo(BigInteger.ONE);
    assertThat(lastRevert(hook, 0))
        .isEqualTo("UnauthorizedCallback(caller=" + hook + ", initiator=" + ZERO + ")");
    assertTheLeftOverIsStillThere(1);
  }

  @Test
  void poolsAndPairsOfFactoriesTheOwnerDidNotAllowAreRefusedBeforeTheLoan() {
    // a "pool" claiming the allowed V3 factory, whose getPool names the real pool
    String impostor = rogueV3Pool(market.v3Factory());
    // a real V3 pool of a second factory
    String otherFactory = UniswapV3.deployFactory(owner, local.contracts());
    String otherPool =
        UniswapV3.createPool(
            owner,
            otherFactory,
            market.usdc(),
            market.dai(),
            UniswapV3.FEE_MEDIUM,
            UniswapV3.sqrtPriceX96(ONE, ONE));
    // a real V2 pair of a fourth factory
    String otherV2 = UniswapV2.deployFactory(owner, local.contracts());
    String otherPair = UniswapV2.createPair(owner, otherV2, market.usdc(), market.dai());
    UniswapV2.addLiquidity(
        owner,
        otherPair,
        market.usdc(),
        RouteMarket.tokens(1_000),
        market.dai(),
        RouteMarket.tokens(1_000));
    FlashRoute mixed = market.mixedThreeHops(LoanSource.BALANCER, ONE, BigInteger.ZERO);
    String v3Refused = "InvalidHop(routeIndex=0, hop=1, why=not a pool of an allowed V3 factory)";

    assertNotSent(replaceHop(mixed, 1, Hop.v3(impostor, market.dai())), v3Refused);
    assertNotSent(replaceHop(mixed, 1, Hop.v3(otherPool, market.dai())), v3Refused);
    // a real pool of the allowed factory given as a V2 pair, and a V2 pair given as a V3 pool
    assertNotSent(
        replaceHop(mixed, 1, Hop.v2(market.v3UsdcDai3000(), market.dai(), 30)),
        "InvalidHop(routeIndex=0, hop=1, why=not a pair of an allowed factory)");
    assertNotSent(replaceHop(mixed, 1, Hop.v3(market.aUsdcDai(), market.dai())), v3Refused);
    FlashRoute v2 = market.threeHops(LoanSource.BALANCER, ONE, BigInteger.ZERO);
    assertNotSent(
        replaceHop(v2, 1, Hop.v2(otherPair, market.dai(), 30)),
        "InvalidHop(routeIndex=0, hop=1, why=not a pair of an allowed factory)");
    // a contract the owner allowed as a V3 factory by mistake that names itself as its factory
    // but answers no fee(): refused with the reason, not a revert without one
    String feeless = deployTestContract(stranger, "test/ForgingPair");
    arb.setV3FactoriesAllowed(owner, List.of(feeless), true);
    assertNotSent(replaceHop(mixed, 1, Hop.v3(feeless, market.dai())), v3Refused);
    // the same routes with the allowed pools run
    assertThat(new Web3jFlashLoanExecutor(executor, arb).simulate(List.of(mixed, v2)).succeeded())
        .isTrue();
    TransactionReceipt forced =
        executor.send(
            arb.address(),
            FlashLoanArbitrageContract.encodeExecute(
                List.of(replaceHop(mixed, 1, Hop.v3(impostor, market.dai())))),
            GAS);
    assertThat(forced.isStatusOK()).isFalse();
    assertTheLeftOverIsStillThere(0);
  }

  /**
   * Behind the factory check stands the callback's own: a pool of a factory the owner allowed by
   * mistake is paid only in the hop's input token, at most the hop's input, once per swap.
   */
  @Test
  void aRogueV3PoolTheOwnerAllowedCannotTakeMoreThanTheHopsInputNorBePaidTwice() {
    assertThatThrownBy(
            () -> arb.setV3FactoriesAllowed(executor, List.of(market.v3Factory()), false))
        .hasMessageContaining("OwnableUnauthorizedAccount(account=" + executor.address() + ")");
    String rogue = rogueV3Pool(ZERO);
    Erc20.transfer(owner, market.dai(), rogue, RouteMarket.tokens(10_000));
    arb.setV3FactoriesAllowed(owner, List.of(rogue), true);
    FlashRoute route =
        replaceHop(
            market.mixedThreeHops(LoanSource.BALANCER, ONE, BigInteger.ZERO),
            1,
            Hop.v3(rogue, market.dai()));

    for (Map.Entry<Integer, String> mode :
        List.of(
            Map.entry(
                0,
                "CallbackMismatch(caller="
                    + rogue
                    + ", why=owed amount is not within the hop's input)"),
            Map.entry(1, "UnauthorizedCallback(caller=" + rogue + ", initiator=" + ZERO + ")"),
            Map.entry(2, "CallbackNotReceived(lender=" + rogue + ")"))) {
      stranger.transact(
          rogue,
          encode("setMode", new Uint8(mode.getKey()), new Uint256(RouteMarket.tokens(2_000))),
          decoder());
      assertNotSent(route, mode.getValue());
      TransactionReceipt forced =
          executor.send(
              arb.address(), FlashLoanArbitrageContract.encodeExecute(List.of(route)), GAS);
      assertThat(forced.isStatusOK()).isFalse();
      assertThat(Erc20.balanceOf(chain, market.usdc(), rogue)).isZero();
    }
    assertTheLeftOverIsStillThere(0);
  }

  /**
   * A pair the owner allowed by mistake forges the loan callback (with the very route being run) or
   * the V3 callback from whichever hop it is put at: refused every time, since a loan's callback is
   * taken once before the hops and a V3 callback is paid only to the pool being swapped with.
   */
  @Test
  void aForgedV2OrV3CallbackFromAnyHopIsRefused() {
    String forger = deployTestContract(stranger, "test/ForgingPair");
    arb.setFactoriesAllowed(owner, List.of(forger), true);
    FlashRoute v2 = market.threeHops(LoanSource.UNISWAP_V2, ONE, BigInteger.ZERO);
    FlashRoute mixed = market.mixedFourHops(LoanSource.AAVE_V3, ONE, BigInteger.ZERO);
    List<FlashRoute> attacks = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      attacks.add(replaceHop(v2, i, Hop.v2(forger, v2.hops().get(i).tokenOut(), 30)));
    }
    for (int i : List.of(0, 2)) {
      attacks.add(replaceHop(mixed, i, Hop.v2(forger, mixed.hops().get(i).tokenOut(), 30)));
    }
    int refused = 0;
    for (FlashRoute attack : attacks) {
      String routeBytes =
          "0x" + FunctionEncoder.encodeConstructor(List.of(new RouteStruct(attack)));
      arm(forger, false, routeBytes);
      assertNotSent(
          attack, "UnauthorizedCallback(caller=" + forger + ", initiator=" + arb.address() + ")");
      arm(forger, true, "0x");
      assertNotSent(attack, "UnauthorizedCallback(caller=" + forger + ", initiator=" + ZERO + ")");
      refused += 2;
    }
    assertThat(refused).isEqualTo(10);
    TransactionReceipt forced =
        executor.send(
            arb.address(), FlashLoanArbitrageContract.encodeExecute(List.of(attacks.get(1))), GAS);
    assertThat(forced.isStatusOK()).isFalse();
    assertTheLeftOverIsStillThere(0);
  }

  /**
   * {@code swapRoute} (version 5: a swap of the contract's own inventory, no loan): only the owner
   * or the executor may start it; it spends exactly its input, keeps the output in the contract
   * (the executor gains nothing), and reverts below its minimum output or through a pool no allowed
   * factory made.
   */
  @Test
  void anInventorySwapIsOwnerOrExecutorOnlyAndKeepsItsOutputInTheContract() {
    List<Hop> hops = List.of(Hop.v2(market.bWethUsdc(), market.usdc(), 30));
    String swap =
        FlashLoanArbitrageContract.encodeSwapRoute(market.weth(), ONE, hops, BigInteger.ZERO);
    assertThat(revertReason(stranger.address(), arb.address(), swap))
        .isEqualTo("NotOwnerOrExecutor(caller=" + stranger.address() + ")");
    TransactionReceipt byStranger = stranger.send(arb.address(), swap, GAS);
    assertThat(byStranger.isStatusOK()).isFalse();
    assertTheLeftOverIsStillThere(0);

    CallResult sim = chain.call(executor.address(), arb.address(), swap, decoder());
    BigInteger out = FlashLoanArbitrageContract.decodeAmountOut(((CallResult.Success) sim).data());
    assertThat(out).isPositive();
    String tooMuch =
        FlashLoanArbitrageContract.encodeSwapRoute(
            market.weth(), ONE, hops, out.add(BigInteger.ONE));
    assertThat(revertReason(executor.address(), arb.address(), tooMuch))
        .isEqualTo(
            "SwapBelowMinimum(amountOut=" + out + ", minOut=" + out.add(BigInteger.ONE) + ")");
    String notAllowed = deployTestContract(stranger, "test/ForgingPair");
    assertThat(
            revertReason(
                executor.address(),
                arb.address(),
                FlashLoanArbitrageContract.encodeSwapRoute(
                    market.weth(),
                    ONE,
                    List.of(Hop.v2(notAllowed, market.usdc(), 30)),
                    BigInteger.ZERO)))
        .contains("not a pair of an allowed factory");

    BigInteger executorUsdc = Erc20.balanceOf(chain, market.usdc(), executor.address());
    TransactionReceipt done = executor.send(arb.address(), swap, GAS);
    assertThat(done.isStatusOK()).isTrue();
    assertThat(Erc20.balanceOf(chain, market.weth(), arb.address()))
        .isEqualTo(LEFT_OVER.subtract(ONE));
    assertThat(Erc20.balanceOf(chain, market.usdc(), arb.address())).isEqualTo(LEFT_OVER.add(out));
    assertThat(Erc20.balanceOf(chain, market.usdc(), executor.address())).isEqualTo(executorUsdc);
    assertThat(arb.executions()).isZero();
  }

  /**
   * A pair the owner allowed by mistake, used as a hop of an inventory swap, forges the flash-swap
   * callback (with a valid route's bytes) or the V3 callback while the swap runs: both refused (no
   * loan is pending; only the V3 pool being swapped with is paid), nothing leaves the contract.
   */
  @Test
  void aForgedCallbackDuringAnInventorySwapIsRefused() {
    String forger = deployTestContract(stranger, "test/ForgingPair");
    arb.setFactoriesAllowed(owner, List.of(forger), true);
    String swap =
        FlashLoanArbitrageContract.encodeSwapRoute(
            market.weth(), ONE, List.of(Hop.v2(forger, market.usdc(), 30)), BigInteger.ZERO);
    FlashRoute valid = market.threeHops(LoanSource.UNISWAP_V2, ONE, BigInteger.ZERO);
    arm(forger, false, "0x" + FunctionEncoder.encodeConstructor(List.of(new RouteStruct(valid))));
    assertThat(revertReason(executor.address(), arb.address(), swap))
        .isEqualTo("UnauthorizedCallback(caller=" + forger + ", initiator=" + arb.address() + ")");
    arm(forger, true, "0x");
    assertThat(revertReason(executor.address(), arb.address(), swap))
        .isEqualTo("UnauthorizedCallback(caller=" + forger + ", initiator=" + ZERO + ")");
    TransactionReceipt forced = executor.send(arb.address(), swap, GAS);
    assertThat(forced.isStatusOK()).isFalse();
    assertTheLeftOverIsStillThere(0);
  }

  /**
   * A route the executor did not start: each real lender and pool calls the contract's callbacks
   * with a valid route's exact bytes while no loan is pending, and is refused.
   */
  @Test
  void callbacksWithNoRoutePendingAreRefusedEvenFromTheRealLendersAndPools() {
    FlashRoute route = market.mixedFourHops(LoanSource.UNISWAP_V2, ONE, BigInteger.ZERO);
    DynamicBytes routeBytes =
        bytes("0x" + FunctionEncoder.encodeConstructor(List.of(new RouteStruct(route))));
    String v2 =
        encode(
            "uniswapV2Call",
            new Address(arb.address()),
            new Uint256(ONE),
            new Uint256(BigInteger.ZERO),
            routeBytes);
    String balancer =
        encode(
            "receiveFlashLoan",
            new DynamicArray<>(Address.class, List.of(new Address(market.weth()))),
            new DynamicArray<>(Uint256.class, List.of(new Uint256(ONE))),
            new DynamicArray<>(Uint256.class, List.of(new Uint256(BigInteger.ZERO))),
            routeBytes);
    String aave =
        encode(
            "executeOperation",
            new Address(market.weth()),
            new Uint256(ONE),
            new Uint256(BigInteger.ZERO),
            new Address(arb.address()),
            routeBytes);

    assertThat(revertReason(market.loanPair(), arb.address(), v2))
        .isEqualTo(
            "UnauthorizedCallback(caller="
                + market.loanPair()
                + ", initiator="
                + arb.address()
                + ")");
    assertThat(revertReason(market.balancerVault(), arb.address(), balancer))
        .isEqualTo(
            "UnauthorizedCallback(caller=" + market.balancerVault() + ", initiator=" + ZERO + ")");
    assertThat(revertReason(market.aavePool(), arb.address(), aave))
        .isEqualTo(
            "UnauthorizedCallback(caller="
                + market.aavePool()
                + ", initiator="
                + arb.address()
                + ")");
    assertThat(revertReason(market.v3WethUsdc500(), arb.address(), v3Callback(ONE, ONE)))
        .startsWith("UnauthorizedCallback(caller=" + market.v3WethUsdc500());
    // and on chain, as the pair itself (impersonated)
    assertThat(sendAs(market.loanPair(), arb.address(), v2).isStatusOK()).isFalse();
    assertTheLeftOverIsStillThere(0);
  }

  /** Forced past the simulation, a route below its minimum profit reverts: only gas is lost. */
  @Test
  void aRouteBelowItsMinimumProfitRevertsOnChainAndCostsOnlyGas() {
    FlashRoute route = market.sixHops(LoanSource.BALANCER, ONE, BigInteger.ZERO);
    BigInteger predicted = UniswapV2.routeOutput(chain, route).subtract(ONE);
    FlashRoute strict = route.withMinProfit(predicted.add(BigInteger.ONE));
    BigInteger ownerWeth = Erc20.balanceOf(chain, market.weth(), owner.address());
    BigInteger ownerEth = chain.etherBalance(owner.address());
    UniswapV2.Reserves before = UniswapV2.reserves(chain, market.bWethUsdc());
    String data = FlashLoanArbitrageContract.encodeExecute(List.of(strict));

    TransactionReceipt receipt = owner.send(arb.address(), data, GAS);

    assertThat(receipt.isStatusOK()).isFalse();
    assertThat(owner.revertReason(arb.address(), data, receipt, decoder()))
        .isEqualTo(
            "ProfitBelowMinimum(routeIndex=0, profit="
                + predicted
                + ", minProfit="
                + predicted.add(BigInteger.ONE)
                + ")");
    BigInteger gasCost =
        receipt.getGasUsed().multiply(Numeric.toBigInt(receipt.getEffectiveGasPrice()));
    assertThat(ownerEth.subtract(chain.etherBalance(owner.address()))).isEqualTo(gasCost);
    assertThat(Erc20.balanceOf(chain, market.weth(), owner.address())).isEqualTo(ownerWeth);
    assertThat(UniswapV2.reserves(chain, market.bWethUsdc())).isEqualTo(before);
    assertTheLeftOverIsStillThere(0);
  }

  @Test
  void routesOfOneOrSevenHopsAreRefused() {
    List<Hop> one = List.of(Hop.v2(market.bWethUsdc(), market.weth(), 30));
    List<Hop> seven =
        new ArrayList<>(market.sixHops(LoanSource.BALANCER, ONE, BigInteger.ZERO).hops());
    seven.add(Hop.v3(market.v3WethUsdc500(), market.usdc()));
    String refused = "InvalidRoute(routeIndex=0, why=a route has 2 to 6 hops)";

    for (List<Hop> hops : List.of(one, seven)) {
      RouteStruct raw =
          new RouteStruct(
              LoanSource.BALANCER,
              market.balancerVault(),
              market.weth(),
              ONE,
              hops,
              BigInteger.ZERO);
      String data =
          FunctionEncoder.encode(
              new Function(
                  "execute",
                  List.of(new DynamicArray<>(RouteStruct.class, List.of(raw))),
                  List.of()));
      assertThat(revertReason(executor.address(), arb.address(), data)).isEqualTo(refused);
      assertThat(executor.send(arb.address(), data, GAS).isStatusOK()).isFalse();
      assertThatThrownBy(
              () ->
                  new FlashRoute(
                      LoanSource.BALANCER,
                      market.balancerVault(),
                      market.weth(),
                      ONE,
                      hops,
                      BigInteger.ZERO))
          .hasMessage("a route has 2 to 6 hops, got " + hops.size());
    }
    assertTheLeftOverIsStillThere(0);
  }

  /**
   * A proxy of version 3 (the build before hops, kept as a test resource) that has traded with the
   * parallel-list routes it takes is upgraded to version 4 allowing the V3 factory: every raw slot
   * is unchanged (the V2 allow-list in its namespace included), the V3 allow-list appears right
   * after it, and the proxy then routes through V3 pools.
   */
  @Test
  void aVersion3ProxyUpgradesKeepingEverySlotAndThenRoutesThroughV3() throws Exception {
    ContractArtifact built =
        ContractArtifact.fromFile(
            Path.of(
                getClass()
                    .getResource("/dev/arb/defi/gasless/FlashLoanArbitrageV2-v3-before-hops.json")
                    .toURI()));
    String implementation =
        owner.deploy(
            built.bytecode() + FunctionEncoder.encodeConstructor(List.of(new Address(ZERO))),
            built.revertDecoder());
    FlashLoanArbitrageContract old =
        FlashLoanArbitrageContract.deployBehindProxy(
            owner,
            implementation,
            executor.address(),
            market.balancerVault(),
            market.aavePool(),
            market.factories());
    assertThat(old.version()).isEqualTo(BigInteger.valueOf(3));
    assertThat(old.takesHopRoutes()).isFalse();
    FlashRoute mixed = market.mixedThreeHops(LoanSource.BALANCER, ONE, BigInteger.ZERO);
    assertThatThrownBy(() -> old.encodeExecuteFor(List.of(mixed)))
        .hasMessageContaining("runs a version before 4, which has no V3 hops");
    FlashLoanOutcome traded =
        new Web3jFlashLoanExecutor(owner, old)
            .execute(List.of(market.threeHops(LoanSource.BALANCER, ONE, BigInteger.ZERO)));
    assertThat(traded).isInstanceOf(FlashLoanOutcome.Executed.class);
    List<String> before = slots(old);
    assertThat(Numeric.toBigInt(before.get(1))).as("executions").isEqualTo(BigInteger.ONE);
    assertThat(Numeric.toBigInt(before.get(6))).as("V2 factories").isEqualTo(BigInteger.valueOf(3));

    old.upgradeToV2(owner, ZERO, List.of(), market.v3Factories());

    assertThat(old.version())
        .isEqualTo(BigInteger.valueOf(FlashLoanArbitrageContract.CURRENT_VERSION));
    assertThat(old.takesHopRoutes()).isTrue();
    assertThat(slots(old)).isEqualTo(before);
    assertThat(Numeric.toBigInt(chain.storageAt(old.address(), FACTORIES_SLOT.add(BigInteger.TWO))))
        .as("V3 factories")
        .isEqualTo(BigInteger.ONE);
    assertThat(old.allowedV3Factories())
        .containsExactly(market.v3Factory().toLowerCase(Locale.ROOT));
    Web3jFlashLoanExecutor ex = new Web3jFlashLoanExecutor(owner, old);
    BigInteger simulated = ex.simulate(List.of(mixed)).profits().get(0);
    FlashLoanOutcome routed = ex.execute(List.of(mixed.withMinProfit(simulated)));
    assertThat(routed).isInstanceOf(FlashLoanOutcome.Executed.class);
    assertThat(((FlashLoanOutcome.Executed) routed).profits()).containsExactly(simulated);
    assertThat(old.executions()).isEqualTo(BigInteger.TWO);
  }

  /** Slots 0-3, OpenZeppelin's owner and initializer, the V2 allow-list and its 3 entries. */
  private List<String> slots(FlashLoanArbitrageContract proxy) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      out.add(chain.storageAt(proxy.address(), BigInteger.valueOf(i)));
    }
    for (BigInteger slot : NAMESPACED_SLOTS) {
      out.add(chain.storageAt(proxy.address(), slot));
    }
    out.add(chain.storageAt(proxy.address(), FACTORIES_SLOT));
    BigInteger values = Numeric.toBigInt(Hash.sha3(Numeric.toBytesPadded(FACTORIES_SLOT, 32)));
    for (int i = 0; i < 3; i++) {
      out.add(chain.storageAt(proxy.address(), values.add(BigInteger.valueOf(i))));
    }
    return out;
  }

  private void assertNotSent(FlashRoute route, String reason) {
    assertThat(new Web3jFlashLoanExecutor(executor, arb).execute(List.of(route)))
        .isEqualTo(new FlashLoanOutcome.NotSent(reason));
  }

  private static FlashRoute replaceHop(FlashRoute route, int index, Hop hop) {
    List<Hop> hops = new ArrayList<>(route.hops());
    hops.set(index, hop);
    return new FlashRoute(
        route.source(), route.lender(), route.token(), route.amount(), hops, route.minProfit());
  }

  /**
   * A RogueV3Pool of USDC/DAI at 0.3 % claiming {@code factory} (zero: itself), by the stranger.
   */
  private String rogueV3Pool(String factory) {
    return deployTestContract(
        stranger,
        "test/RogueV3Pool",
        new Address(market.usdc()),
        new Address(market.dai()),
        new Uint24(UniswapV3.FEE_MEDIUM),
        new Address(factory));
  }

  private void arm(String forger, boolean v3, String forgedData) {
    stranger.transact(
        forger, encode("arm", new Bool(v3), bytes(forgedData), new Int256(LEFT_OVER)), decoder());
  }

  private static String v3Callback(BigInteger amount0, BigInteger amount1) {
    return encode(
        "uniswapV3SwapCallback",
        new Int256(amount0),
        new Int256(amount1),
        new DynamicBytes(new byte[0]));
  }

  /** Sends {@code data} from {@code from} without its key (anvil impersonation); the receipt. */
  private TransactionReceipt sendAs(String from, String to, String data) {
    chain.rpc("anvil_impersonateAccount", List.of(from));
    chain.rpc("anvil_setBalance", List.of(from, "0xde0b6b3a7640000"));
    try {
      Object hash =
          chain.rpc(
              "eth_sendTransaction",
              List.of(Map.of("from", from, "to", to, "data", data, "gas", "0x1e8480")));
      for (int i = 0; i < 200; i++) {
        var receipt =
            chain.web3j().ethGetTransactionReceipt((String) hash).send().getTransactionReceipt();
        if (receipt.isPresent()) {
          return receipt.get();
        }
        Thread.sleep(20);
      }
      throw new AssertionError("no receipt for " + hash + " from " + from);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      chain.rpc("anvil_stopImpersonatingAccount", List.of(from));
    }
  }

  /** Nothing the contract held is gone and {@code executions} routes ran. */
  private void assertTheLeftOverIsStillThere(int executions) {
    for (String token : tokens()) {
      assertThat(Erc20.balanceOf(chain, token, arb.address())).as(token).isEqualTo(LEFT_OVER);
    }
    assertThat(arb.executions()).isEqualTo(BigInteger.valueOf(executions));
  }

  private String revertReason(String from, String to, String data) {
    CallResult r = chain.call(from, to, data, decoder());
    assertThat(r).isInstanceOf(CallResult.Reverted.class);
    return ((CallResult.Reverted) r).reason();
  }

  private BigInteger view(String contract, String getter, long... index) {
    Type<?>[] args = index.length == 0 ? new Type<?>[0] : new Type<?>[] {new Uint256(index[0])};
    return Numeric.toBigInt(chain.view(contract, encode(getter, args)));
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private String lastRevert(String hook, long index) {
    String out = chain.view(hook, encode("lastRevert", new Uint256(index)));
    List<Type> decoded =
        FunctionReturnDecoder.decode(out, (List) List.of(new TypeReference<DynamicBytes>() {}));
    return decoder()
        .decode(Numeric.toHexString(((DynamicBytes) decoded.get(0)).getValue()), "no revert data");
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
