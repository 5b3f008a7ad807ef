package dev.arb.defi.flashloan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.defi.DevAccounts;
import dev.arb.defi.OnSnapshotChain;
import dev.arb.defi.SnapshotChain;
import dev.arb.defi.chain.Wallet;
import dev.arb.defi.contract.Erc20;
import dev.arb.defi.contract.FlashLoanArbitrageContract;
import dev.arb.defi.contract.FlashLoanArbitrageContract.RouteExecuted;
import dev.arb.defi.contract.FlashLoanFees;
import dev.arb.defi.contract.FlashRoute;
import dev.arb.defi.contract.LoanSource;
import dev.arb.defi.contract.UniswapV2;
import dev.arb.defi.contract.UniswapV3;
import dev.arb.defi.local.RouteMarket;
import dev.arb.defi.pool.ConstantProduct;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * Routes of 3, 4 and 6 hops through three V2-style DEXes with different fees (Uniswap V2 bytecode
 * at 30 bps twice, a 25-bps factory), and routes mixing those pairs with real Uniswap V3 pools
 * (0.05 % and 0.3 %), each financed by each loan source (see {@link RouteMarket}). A V2-only route
 * pays the owner exactly the Java integer prediction; a route with V3 hops pays exactly what its
 * {@code eth_call} simulation said. Today's version-2 implementation behind its proxy; one chain
 * per class, every test from the same state.
 */
class FlashLoanRoutesIT extends OnSnapshotChain {
  private static final BigInteger ONE = RouteMarket.tokens(1);

  private RouteMarket market;
  private FlashLoanArbitrageContract arb;
  private Wallet owner;

  @Override
  protected void deploy(SnapshotChain c) {
    SnapshotChain.RouteArbitrage deployed =
        c.deployRouteArbitrage(c.wallet(DevAccounts.OWNER), DevAccounts.EXECUTOR.getAddress());
    market = deployed.market();
    arb = deployed.arb();
  }

  @BeforeEach
  void freshWallets() {
    owner = local.wallet(DevAccounts.OWNER);
  }

  /** A route shape of the market. */
  enum Shape {
    THREE_V2,
    FOUR_V2,
    SIX_V2,
    V3_TWO,
    MIXED_TWO,
    MIXED_THREE,
    MIXED_FOUR;

    FlashRoute of(RouteMarket m, LoanSource source, BigInteger amount) {
      return switch (this) {
        case THREE_V2 -> m.threeHops(source, amount, BigInteger.ZERO);
        case FOUR_V2 -> m.fourHops(source, amount, BigInteger.ZERO);
        case SIX_V2 -> m.sixHops(source, amount, BigInteger.ZERO);
        case V3_TWO -> m.v3TwoHops(source, amount, BigInteger.ZERO);
        case MIXED_TWO -> m.mixedTwoHops(source, amount, BigInteger.ZERO);
        case MIXED_FOUR -> m.mixedFourHops(source, amount, BigInteger.ZERO);
        case MIXED_THREE -> m.mixedThreeHops(source, amount, BigInteger.ZERO);
      };
    }
  }

  static Stream<Arguments> v2Routes() {
    return shapesBySource(Shape.THREE_V2, Shape.FOUR_V2, Shape.SIX_V2);
  }

  static Stream<Arguments> mixedRoutes() {
    return shapesBySource(Shape.V3_TWO, Shape.MIXED_TWO, Shape.MIXED_THREE, Shape.MIXED_FOUR);
  }

  private static Stream<Arguments> shapesBySource(Shape... shapes) {
    List<Arguments> out = new ArrayList<>();
    for (Shape s : shapes) {
      for (LoanSource source : LoanSource.values()) {
        out.add(Arguments.of(s, source));
      }
    }
    return out.stream();
  }

  /**
   * The prediction is the route's minimum profit, so one wei less on chain and it would revert; the
   * simulation, the event and the owner's balance all show exactly the prediction.
   */
  @ParameterizedTest(name = "{0} via {1}")
  @MethodSource("v2Routes")
  void aV2RoutePaysTheOwnerExactlyTheJavaIntegerPrediction(Shape shape, LoanSource source) {
    FlashRoute route = shape.of(market, source, ONE);
    BigInteger premium = premium(route);
    BigInteger predicted = UniswapV2.routeOutput(chain, route).subtract(ONE).subtract(premium);
    assertThat(predicted).isPositive();

    FlashLoanOutcome.Executed done = executesPaying(route.withMinProfit(predicted), premium);

    assertThat(done.profits()).containsExactly(predicted);
    print(shape, source, predicted, done);
  }

  /** A route through V3 pools pays exactly what its simulation (eth_call of execute) said. */
  @ParameterizedTest(name = "{0} via {1}")
  @MethodSource("mixedRoutes")
  void aRouteMixingV3AndV2HopsPaysTheOwnerExactlyItsSimulation(Shape shape, LoanSource source) {
    FlashRoute route = shape.of(market, source, ONE);
    BigInteger premium = premium(route);
    Web3jFlashLoanExecutor.Simulation sim =
        new Web3jFlashLoanExecutor(owner, arb).simulate(List.of(route));
    assertThat(sim.succeeded()).as("simulation: %s", sim.revertReason()).isTrue();
    BigInteger simulated = sim.profits().get(0);
    assertThat(simulated).isPositive();
    List<String[]> v3Hops = new ArrayList<>(); // pool, token in, token out
    String tokenIn = route.token();
    for (FlashRoute.Hop hop : route.hops()) {
      if (hop.kind() == FlashRoute.HopKind.UNISWAP_V3) {
        v3Hops.add(new String[] {hop.pool(), tokenIn, hop.tokenOut()});
      }
      tokenIn = hop.tokenOut();
    }
    assertThat(v3Hops).isNotEmpty();
    List<BigInteger[]> before = new ArrayList<>();
    for (String[] h : v3Hops) {
      before.add(
          new BigInteger[] {
            Erc20.balanceOf(chain, h[1], h[0]), Erc20.balanceOf(chain, h[2], h[0])
          });
    }

    FlashLoanOutcome.Executed done = executesPaying(route.withMinProfit(simulated), premium);

    assertThat(done.profits()).containsExactly(simulated);
    // each V3 pool was paid its input (in the callback) and paid out the other token
    for (int i = 0; i < v3Hops.size(); i++) {
      String[] h = v3Hops.get(i);
      assertThat(Erc20.balanceOf(chain, h[1], h[0])).isGreaterThan(before.get(i)[0]);
      assertThat(Erc20.balanceOf(chain, h[2], h[0])).isLessThan(before.get(i)[1]);
    }
    print(shape, source, simulated, done);
  }

  /**
   * A hop's minimum output is checked on what the hop really paid: the exact Java prediction of hop
   * 2's DAI passes, one wei more is refused naming the hop and both amounts.
   */
  @Test
  void aHopPayingLessThanItsMinimumRevertsNamingTheHop() {
    FlashRoute route = market.threeHops(LoanSource.BALANCER, ONE, BigInteger.ZERO);
    UniswapV2.Reserves b = UniswapV2.reserves(chain, market.bWethUsdc());
    UniswapV2.Reserves a = UniswapV2.reserves(chain, market.aUsdcDai());
    BigInteger usdc =
        new ConstantProduct.Hop(b.of(market.weth()), b.of(market.usdc()), 30).amountOut(ONE);
    BigInteger dai =
        new ConstantProduct.Hop(a.of(market.usdc()), a.of(market.dai()), 30).amountOut(usdc);
    Web3jFlashLoanExecutor ex = new Web3jFlashLoanExecutor(owner, arb);

    FlashLoanOutcome tooMuch =
        ex.execute(List.of(withHopMinimum(route, 1, dai.add(BigInteger.ONE))));
    FlashLoanOutcome exact = ex.execute(List.of(withHopMinimum(route, 1, dai)));

    assertThat(tooMuch)
        .isEqualTo(
            new FlashLoanOutcome.NotSent(
                "HopBelowMinimum(hop=1, amountOut="
                    + dai
                    + ", minOut="
                    + dai.add(BigInteger.ONE)
                    + ")"));
    assertThat(exact).isInstanceOf(FlashLoanOutcome.Executed.class);
  }

  /**
   * The cheapest source for the route is picked from what each lender charges now (Balancer's
   * governance-set fee read from the vault, Aave's FLASHLOAN_PREMIUM_TOTAL from the pool), and a
   * lender that is one of the route's pools is skipped.
   */
  @Test
  void theCheapestLoanSourceIsReadFromTheLenders() {
    List<Map.Entry<LoanSource, String>> lenders =
        List.of(
            Map.entry(LoanSource.UNISWAP_V2, market.loanPair()),
            Map.entry(LoanSource.AAVE_V3, market.aavePool()),
            Map.entry(LoanSource.BALANCER, market.balancerVault()));
    FlashRoute route = market.threeHops(LoanSource.UNISWAP_V2, ONE, BigInteger.ZERO);

    assertThat(FlashLoanFees.balancerFeePercentage(chain, market.balancerVault())).isZero();
    assertThat(FlashLoanFees.aavePremiumBps(chain, market.aavePool())).isEqualTo(9);
    assertThat(FlashLoanFees.cheapest(chain, market.weth(), ONE, lenders, route.pairs()))
        .contains(
            new FlashLoanFees.Offer(LoanSource.BALANCER, market.balancerVault(), BigInteger.ZERO));
    // more than the vault (1,000 WETH) and the pair hold, once the owner supplied 500 to Aave:
    // only Aave can lend it (0.09 %)
    BigInteger supplied = RouteMarket.tokens(500);
    owner.transact(
        market.weth(),
        encode("approve", new Address(market.aavePool()), new Uint256(supplied)),
        FlashLoanArbitrageContract.decoder());
    owner.transact(
        market.aavePool(),
        encode(
            "supply",
            new Address(market.weth()),
            new Uint256(supplied),
            new Address(owner.address()),
            new Uint16(0)),
        FlashLoanArbitrageContract.decoder());
    BigInteger big = RouteMarket.tokens(1_200);
    assertThat(FlashLoanFees.cheapest(chain, market.weth(), big, lenders, route.pairs()))
        .contains(
            new FlashLoanFees.Offer(
                LoanSource.AAVE_V3,
                market.aavePool(),
                FlashLoanFees.aavePremium(big, BigInteger.valueOf(9))));
    // the flash swap is the only one left, but its pair is on the route: nothing
    assertThat(
            FlashLoanFees.cheapest(
                chain,
                market.weth(),
                ONE,
                List.of(Map.entry(LoanSource.UNISWAP_V2, market.loanPair())),
                List.of(market.loanPair())))
        .isEmpty();
    assertThat(
            FlashLoanFees.offer(
                chain, LoanSource.UNISWAP_V2, market.loanPair(), market.weth(), ONE))
        .contains(
            new FlashLoanFees.Offer(
                LoanSource.UNISWAP_V2, market.loanPair(), new BigInteger("3009027081243732")));
  }

  /** The V3 pools were priced as {@link RouteMarket} says: 2,100 USDC per WETH, 1 DAI per USDC. */
  @Test
  void theV3PoolsAreRealPoolsOfTheAllowedFactoryAtTheirPrices() {
    UniswapV3.PoolInfo p = UniswapV3.info(chain, market.v3WethUsdc500());
    assertThat(p.factory()).isEqualTo(market.v3Factory().toLowerCase(Locale.ROOT));
    assertThat(p.fee()).isEqualTo(UniswapV3.FEE_LOW);
    assertThat(p.tickSpacing()).isEqualTo(10);
    assertThat(
            UniswapV3.getPool(
                chain, market.v3Factory(), market.usdc(), market.weth(), UniswapV3.FEE_LOW))
        .isEqualTo(market.v3WethUsdc500());
    assertThat(arb.allowedV3Factories())
        .containsExactly(market.v3Factory().toLowerCase(Locale.ROOT));
    BigInteger sqrt = UniswapV3.slot0(chain, market.v3WethUsdc500()).sqrtPriceX96();
    // price = (sqrtPriceX96 / 2^96)^2 token1 per token0
    BigInteger priceTimes1e6 = sqrt.pow(2).multiply(BigInteger.TEN.pow(6)).shiftRight(192);
    BigInteger expected =
        p.token0().equals(market.weth().toLowerCase(Locale.ROOT))
            ? BigInteger.valueOf(2_100_000_000L)
            : BigInteger.TEN.pow(12).divide(BigInteger.valueOf(2_100_000_000L));
    assertThat(priceTimes1e6.subtract(expected).abs()).isLessThanOrEqualTo(BigInteger.ONE);
    assertThat(UniswapV3.liquidity(chain, market.v3UsdcDai3000()))
        .isEqualTo(RouteMarket.tokens(1_000_000));
  }

  private static String encode(String function, Type<?>... args) {
    return FunctionEncoder.encode(new Function(function, List.of(args), List.of()));
  }

  private static FlashRoute withHopMinimum(FlashRoute route, int hop, BigInteger minOut) {
    List<FlashRoute.Hop> hops = new ArrayList<>(route.hops());
    hops.set(hop, hops.get(hop).withMinOut(minOut));
    return new FlashRoute(
        route.source(), route.lender(), route.token(), route.amount(), hops, route.minProfit());
  }

  /** The premium the route's lender charges now, from {@link FlashLoanFees}. */
  private BigInteger premium(FlashRoute route) {
    return FlashLoanFees.offer(chain, route.source(), route.lender(), route.token(), route.amount())
        .orElseThrow()
        .premium();
  }

  /**
   * Executes {@code route} from the executor-less owner and checks the event and the owner's WETH
   * gain show the route's minimum profit exactly, and the contract keeps nothing of any token.
   */
  private FlashLoanOutcome.Executed executesPaying(FlashRoute route, BigInteger premium) {
    BigInteger ownerBefore = Erc20.balanceOf(chain, market.weth(), owner.address());

    FlashLoanOutcome outcome = new Web3jFlashLoanExecutor(owner, arb).execute(List.of(route));

    assertThat(outcome).isInstanceOf(FlashLoanOutcome.Executed.class);
    FlashLoanOutcome.Executed done = (FlashLoanOutcome.Executed) outcome;
    assertThat(done.simulatedProfits()).containsExactly(route.minProfit());
    assertThat(done.events())
        .containsExactly(
            new RouteExecuted(
                BigInteger.ONE,
                route.lender(),
                market.weth(),
                route.source(),
                route.amount(),
                premium,
                route.minProfit(),
                owner.address().toLowerCase(Locale.ROOT)));
    assertThat(Erc20.balanceOf(chain, market.weth(), owner.address()).subtract(ownerBefore))
        .isEqualTo(route.minProfit());
    for (String token : List.of(market.weth(), market.usdc(), market.dai(), market.usdt())) {
      assertThat(Erc20.balanceOf(chain, token, arb.address())).as(token).isZero();
    }
    return done;
  }

  private static void print(
      Shape shape, LoanSource source, BigInteger profit, FlashLoanOutcome.Executed done) {
    System.out.printf(
        "route %s via %s: profit %s WETH-wei, gas used %s%n",
        shape, source, profit, done.gasUsed());
  }
}
