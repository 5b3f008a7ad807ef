package dev.arb.bench;

import dev.arb.engine.model.ConcentratedPool;
import dev.arb.engine.model.ConstantProductPool;
import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.Side;
import dev.arb.engine.model.Token;
import dev.arb.engine.model.v3.TickMath;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A synthetic 3-leg cycle with one concentrated-liquidity leg whose optimum crosses a chosen number
 * of initialized ticks: USDC → WETH through a Uniswap V3-style pool (0.05 %, tick spacing 10) with
 * an initialized tick every 10 ticks around its price (nested positions, so the liquidity falls at
 * each tick away from the price), then WETH → DAI → USDC through two deep constant-product pools
 * priced so that the cycle pays {@code 10·ticks + 5} ticks (0.1 % per 10) more than its fees.
 */
public final class ConcentratedCycle {
  /** Initialized ticks each side of the price. */
  public static final int DEPTH = 60;

  private static final String CHAIN = "bench";
  private static final BigInteger E18 = BigInteger.TEN.pow(18);

  private final ConcentratedPool pool;
  private final Cycle cycle;

  private ConcentratedCycle(ConcentratedPool pool, Cycle cycle) {
    this.pool = pool;
    this.cycle = cycle;
  }

  /** The cycle whose V3 leg's optimum crosses about {@code ticks} initialized ticks. */
  public static ConcentratedCycle crossing(int ticks) {
    Token usdc = Token.of(CHAIN, "0x" + "a".repeat(40), "USDC", 6);
    Token weth = Token.of(CHAIN, "0x" + "c".repeat(40), "WETH", 18);
    Token dai = Token.of(CHAIN, "0x" + "d".repeat(40), "DAI", 18);
    // token0 USDC, token1 WETH: 2,000 USDC per WETH is 5e8 WETH-wei per USDC-unit, tick ≈ 200,311
    int centre = 200_310;
    List<ConcentratedPool.Tick> list = new ArrayList<>();
    BigInteger step = E18.divide(BigInteger.valueOf(DEPTH));
    for (int i = DEPTH; i >= 1; i--) {
      list.add(new ConcentratedPool.Tick(centre - 10 * i, step));
    }
    for (int i = 1; i <= DEPTH; i++) {
      list.add(new ConcentratedPool.Tick(centre + 10 * i, step.negate()));
    }
    BigInteger liquidity = step.multiply(BigInteger.valueOf(DEPTH));
    ConcentratedPool v3 =
        new ConcentratedPool(
            CHAIN,
            "0x" + "e".repeat(40),
            "uniswap-v3",
            usdc,
            weth,
            new BigDecimal("0.0005"),
            10,
            TickMath.sqrtRatioAtTick(centre).add(BigInteger.valueOf(1_000_000_000L)),
            centre,
            liquidity,
            list,
            new ConcentratedPool.TickRange(centre - 10 * DEPTH - 2560, centre + 10 * DEPTH + 2560));
    // the rest of the loop: WETH → DAI → USDC pays (1.0001)^(10·ticks + 5) more than the V3
    // pool's price, after its own fees and the V3 fee
    double usdcPerWeth = 1 / v3.price();
    double edge = Math.pow(1.0001, 10 * ticks + 5) / (0.9995 * 0.997 * 0.997);
    BigDecimal wethReserve = new BigDecimal("1E+24"); // 1,000,000 WETH: nearly linear
    BigDecimal daiPerWeth = BigDecimal.valueOf(usdcPerWeth * edge);
    ConstantProductPool wethDai =
        new ConstantProductPool(
            CHAIN,
            "0x" + "1".repeat(40),
            "uniswap-v2",
            weth,
            dai,
            wethReserve.toBigInteger(),
            wethReserve.multiply(daiPerWeth).toBigInteger(),
            new BigDecimal("0.003"));
    // token0 of the DAI/USDC pair is USDC (0xaa… < 0xdd…): 1 DAI = 1 USDC
    ConstantProductPool daiUsdc =
        new ConstantProductPool(
            CHAIN,
            "0x" + "2".repeat(40),
            "uniswap-v2",
            usdc,
            dai,
            new BigInteger("1000000000000000000"), // 1e12 USDC
            new BigInteger("1000000000000000000000000000000"), // 1e12 DAI
            new BigDecimal("0.003"));
    List<Leg> legs =
        List.of(new Leg(v3, Side.SELL), new Leg(wethDai, Side.SELL), new Leg(daiUsdc, Side.BUY));
    double ret = 1;
    for (Leg l : legs) {
      ret *= l.pool().marginalRate(l.side() == Side.SELL);
    }
    return new ConcentratedCycle(v3, new Cycle(legs, ret));
  }

  public ConcentratedPool pool() {
    return pool;
  }

  public Cycle cycle() {
    return cycle;
  }
}
