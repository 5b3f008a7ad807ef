package dev.arb.engine.model;

import dev.arb.engine.model.v3.SwapPath;
import dev.arb.engine.model.v3.TickMath;
import dev.arb.engine.model.v3.TickTable;
import dev.arb.engine.model.v3.V3Revert;
import dev.arb.engine.model.v3.V3Swap;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A concentrated-liquidity pool (Uniswap V3 and its forks) at one block: its price, the liquidity
 * active at it, and the initialized ticks of a known range around it. Between two initialized ticks
 * the pool is a constant-product pool on virtual reserves {@code x = L/√P}, {@code y = L·√P}
 * (whitepaper §6.2); crossing a tick changes {@code L} by the tick's {@code liquidityNet}.
 *
 * <p>Swaps are priced exactly as the contract prices them ({@link dev.arb.engine.model.v3}), to the
 * smallest unit, as long as they stay within {@link #tickRange()}: the range every initialized tick
 * of which is listed. A swap never goes beyond it: {@link #maxAmountIn} is the input that takes the
 * price to its edge, and {@link #curve} ends there (capped, not extrapolated).
 *
 * <p>Not a record, unlike the other markets: it keeps what it derives from its state once (the tick
 * table, the square-root prices at ticks, both directions' curves and capacities), which a record
 * cannot hold. Immutable; equality is by state.
 */
public final class ConcentratedPool implements Pool {
  private static final BigInteger MAX_UINT128 =
      BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
  private static final BigInteger INT128_LIMIT = BigInteger.ONE.shiftLeft(127);
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
  private static final BigDecimal Q192 = new BigDecimal(BigInteger.ONE.shiftLeft(192));
  private static final double Q96 = 0x1p96;
  private static final double HALF_LN_BASE = 0.5 * Math.log1p(1e-4);

  /** Largest tick spacing the V3 factory accepts is 16383. */
  public static final int MAX_TICK_SPACING = 16383;

  /**
   * An initialized tick.
   *
   * @param index the tick, a multiple of the pool's spacing within {@link TickMath#MIN_TICK} ..
   *     {@link TickMath#MAX_TICK}
   * @param liquidityNet liquidity added when the price crosses the tick upwards (removed going
   *     down), an {@code int128}; 0 is possible (positions starting and ending there cancel)
   */
  public record Tick(int index, BigInteger liquidityNet) {
    public Tick {
      Objects.requireNonNull(liquidityNet, "liquidityNet");
      if (index < TickMath.MIN_TICK || index > TickMath.MAX_TICK) {
        throw new IllegalArgumentException(
            "tick " + index + " is outside " + TickMath.MIN_TICK + " .. " + TickMath.MAX_TICK);
      }
      if (liquidityNet.abs().compareTo(INT128_LIMIT) >= 0) {
        throw new IllegalArgumentException(
            "liquidity_net " + liquidityNet + " of tick " + index + " does not fit an int128");
      }
    }
  }

  /**
   * The ticks whose initialized ones are all listed: a swap stays within {@code [lowest, highest]}.
   */
  public record TickRange(int lowest, int highest) {
    public TickRange {
      if (lowest < TickMath.MIN_TICK || highest > TickMath.MAX_TICK || lowest > highest) {
        throw new IllegalArgumentException(
            "tick_range ["
                + lowest
                + ", "
                + highest
                + "] must be ordered and within "
                + TickMath.MIN_TICK
                + " .. "
                + TickMath.MAX_TICK);
      }
    }
  }

  private final String chain;
  private final String address;
  private final String dex;
  private final Token token0;
  private final Token token1;
  private final BigDecimal fee;
  private final int feePips;
  private final int tickSpacing;
  private final BigInteger sqrtPriceX96;
  private final int tick;
  private final BigInteger liquidity;
  private final List<Tick> ticks;
  private final TickRange tickRange;
  private final TickTable table;
  private final BigInteger limitDown;
  private final BigInteger limitUp;
  // derived on first use (racy but idempotent: each is computed from immutable state)
  private volatile SwapCurve curveDown;
  private volatile SwapCurve curveUp;
  private volatile SwapPath pathDown;
  private volatile SwapPath pathUp;
  private volatile SwapPath noFeeDown;
  private volatile SwapPath noFeeUp;

  /**
   * A pool from its state as the contract holds it.
   *
   * @param chain lower-case chain name
   * @param address the pool contract
   * @param dex lower-case DEX name ({@code uniswap-v3})
   * @param token0 the pool's token0
   * @param token1 its token1, another token on the same chain
   * @param fee the fee as a fraction, a whole number of pips (millionths) below 1: {@code 0.0005},
   *     {@code 0.003}, {@code 0.01} for the contract's 500, 3000, 10000
   * @param tickSpacing 1 to {@value #MAX_TICK_SPACING}
   * @param sqrtPriceX96 {@code slot0.sqrtPriceX96}, within the bounds of {@code tick}
   * @param tick {@code slot0.tick}, within {@code tickRange}
   * @param liquidity the active liquidity ({@code liquidity()}), a {@code uint128}
   * @param ticks every initialized tick within {@code tickRange}, sorted by index, no duplicates
   * @param tickRange the range the list is complete for
   * @throws IllegalArgumentException naming what is wrong: ticks unsorted, duplicated, outside the
   *     range or off the spacing; liquidity that the ticks' {@code liquidityNet} would take below 0
   *     (or, over the whole tick range, not back to 0); a price outside its tick's bounds
   */
  public ConcentratedPool(
      String chain,
      String address,
      String dex,
      Token token0,
      Token token1,
      BigDecimal fee,
      int tickSpacing,
      BigInteger sqrtPriceX96,
      int tick,
      BigInteger liquidity,
      List<Tick> ticks,
      TickRange tickRange) {
    this.chain = Chains.name(chain);
    this.address = Addresses.normalise(address);
    Objects.requireNonNull(dex, "dex");
    this.dex = dex.trim().toLowerCase(Locale.ROOT);
    if (this.dex.isEmpty()) {
      throw new IllegalArgumentException("dex must not be blank");
    }
    this.token0 = Objects.requireNonNull(token0, "token0");
    this.token1 = Objects.requireNonNull(token1, "token1");
    if (!token0.chain().equals(this.chain) || !token1.chain().equals(this.chain)) {
      throw new IllegalArgumentException("the pool's tokens must be on " + this.chain);
    }
    if (token0.asset().equals(token1.asset())) {
      throw new IllegalArgumentException("token0 and token1 must differ");
    }
    this.feePips = pips(fee);
    this.fee = Decimals.normalise(fee);
    if (tickSpacing < 1 || tickSpacing > MAX_TICK_SPACING) {
      throw new IllegalArgumentException(
          "tick_spacing must be 1 to " + MAX_TICK_SPACING + ", got " + tickSpacing);
    }
    this.tickSpacing = tickSpacing;
    this.tickRange = Objects.requireNonNull(tickRange, "tickRange");
    this.sqrtPriceX96 = Objects.requireNonNull(sqrtPriceX96, "sqrtPriceX96");
    this.liquidity = Objects.requireNonNull(liquidity, "liquidity");
    if (liquidity.signum() < 0 || liquidity.compareTo(MAX_UINT128) > 0) {
      throw new IllegalArgumentException("liquidity " + liquidity + " does not fit a uint128");
    }
    if (tick < tickRange.lowest() || tick > tickRange.highest()) {
      throw new IllegalArgumentException(
          "tick "
              + tick
              + " is outside tick_range ["
              + tickRange.lowest()
              + ", "
              + tickRange.highest()
              + "]");
    }
    this.tick = tick;
    checkPrice(sqrtPriceX96, tick);
    this.ticks = List.copyOf(ticks);
    int[] index = new int[this.ticks.size()];
    BigInteger[] net = new BigInteger[index.length];
    for (int i = 0; i < index.length; i++) {
      Tick t = this.ticks.get(i);
      if (i > 0 && t.index() <= index[i - 1]) {
        throw new IllegalArgumentException(
            t.index() == index[i - 1]
                ? "tick " + t.index() + " is listed twice"
                : "ticks are not sorted by index: " + t.index() + " after " + index[i - 1]);
      }
      if (t.index() % tickSpacing != 0) {
        throw new IllegalArgumentException(
            "tick " + t.index() + " is not a multiple of tick_spacing " + tickSpacing);
      }
      if (t.index() < tickRange.lowest() || t.index() > tickRange.highest()) {
        throw new IllegalArgumentException(
            "tick "
                + t.index()
                + " is outside tick_range ["
                + tickRange.lowest()
                + ", "
                + tickRange.highest()
                + "]");
      }
      index[i] = t.index();
      net[i] = t.liquidityNet();
    }
    checkLiquidity(index, net);
    this.table = new TickTable(tickSpacing, index, net, tickRange.lowest(), tickRange.highest());
    this.limitDown =
        tickRange.lowest() == TickMath.MIN_TICK
            ? TickMath.MIN_SQRT_RATIO.add(BigInteger.ONE)
            : TickMath.sqrtRatioAtTick(tickRange.lowest());
    this.limitUp =
        tickRange.highest() == TickMath.MAX_TICK
            ? TickMath.MAX_SQRT_RATIO.subtract(BigInteger.ONE)
            : TickMath.sqrtRatioAtTick(tickRange.highest());
  }

  /** The fee in pips (millionths); the fee must be a whole number of them. */
  private static int pips(BigDecimal fee) {
    Objects.requireNonNull(fee, "fee");
    if (fee.signum() < 0 || fee.compareTo(BigDecimal.ONE) >= 0) {
      throw new IllegalArgumentException("fee must be in [0, 1), got " + fee.toPlainString());
    }
    BigDecimal p = fee.multiply(MILLION);
    if (p.stripTrailingZeros().scale() > 0) {
      throw new IllegalArgumentException(
          "fee "
              + fee.toPlainString()
              + " is not a whole number of pips (millionths), as a Uniswap V3 fee is");
    }
    return p.intValueExact();
  }

  /** The price must lie in its tick: {@code √P(tick) ≤ √P ≤ √P(tick+1)}. */
  private static void checkPrice(BigInteger sqrtPriceX96, int tick) {
    if (sqrtPriceX96.compareTo(TickMath.MIN_SQRT_RATIO) < 0
        || sqrtPriceX96.compareTo(TickMath.MAX_SQRT_RATIO) >= 0) {
      throw new IllegalArgumentException(
          "sqrt_price_x96 " + sqrtPriceX96 + " is outside the prices a pool can hold");
    }
    BigInteger low = TickMath.sqrtRatioAtTick(tick);
    // after a swap down that ends exactly on a crossed tick, the contract keeps tick = crossed − 1
    // with the price at the crossed tick: the upper bound is inclusive
    BigInteger high =
        tick < TickMath.MAX_TICK ? TickMath.sqrtRatioAtTick(tick + 1) : TickMath.MAX_SQRT_RATIO;
    if (sqrtPriceX96.compareTo(low) < 0 || sqrtPriceX96.compareTo(high) > 0) {
      throw new IllegalArgumentException(
          "sqrt_price_x96 "
              + sqrtPriceX96
              + " is not within tick "
              + tick
              + " (from "
              + low
              + " to "
              + high
              + ")");
    }
  }

  /**
   * Walking from the current liquidity across the listed ticks, down (subtracting each {@code
   * liquidityNet} at or below the tick) and up (adding those above), the liquidity never leaves
   * {@code [0, 2^128)}; when the range holds every tick a pool of this spacing can use, both walks
   * end at 0.
   */
  private void checkLiquidity(int[] index, BigInteger[] net) {
    int split = 0;
    while (split < index.length && index[split] <= tick) {
      split++;
    }
    BigInteger l = liquidity;
    for (int i = split - 1; i >= 0; i--) {
      l = l.subtract(net[i]);
      if (l.signum() < 0 || l.compareTo(MAX_UINT128) > 0) {
        throw new IllegalArgumentException(
            "liquidity_net does not add up to liquidity "
                + liquidity
                + ": below tick "
                + index[i]
                + " the liquidity would be "
                + l);
      }
    }
    BigInteger below = l;
    l = liquidity;
    for (int i = split; i < index.length; i++) {
      l = l.add(net[i]);
      if (l.signum() < 0 || l.compareTo(MAX_UINT128) > 0) {
        throw new IllegalArgumentException(
            "liquidity_net does not add up to liquidity "
                + liquidity
                + ": above tick "
                + index[i]
                + " the liquidity would be "
                + l);
      }
    }
    int minUsable = -(TickMath.MAX_TICK / tickSpacing) * tickSpacing;
    int maxUsable = (TickMath.MAX_TICK / tickSpacing) * tickSpacing;
    if (tickRange.lowest() <= minUsable && tickRange.highest() >= maxUsable) {
      if (below.signum() != 0 || l.signum() != 0) {
        throw new IllegalArgumentException(
            "liquidity_net does not add up to liquidity "
                + liquidity
                + " over the whole tick range: "
                + below
                + " would be left below the lowest tick and "
                + l
                + " above the highest");
      }
    }
  }

  // --- state

  @Override
  public String chain() {
    return chain;
  }

  @Override
  public String address() {
    return address;
  }

  @Override
  public String dex() {
    return dex;
  }

  @Override
  public PoolKind kind() {
    return PoolKind.CONCENTRATED;
  }

  @Override
  public Token token0() {
    return token0;
  }

  @Override
  public Token token1() {
    return token1;
  }

  @Override
  public BigDecimal fee() {
    return fee;
  }

  /** The fee in pips (millionths): 500, 3000, 10000. */
  public int feePips() {
    return feePips;
  }

  public int tickSpacing() {
    return tickSpacing;
  }

  /** {@code slot0.sqrtPriceX96}: {@code √price·2^96}, price in token1 per token0 smallest units. */
  public BigInteger sqrtPriceX96() {
    return sqrtPriceX96;
  }

  /** {@code slot0.tick}. */
  public int tick() {
    return tick;
  }

  /** The liquidity active at the current price. */
  public BigInteger liquidity() {
    return liquidity;
  }

  /** The initialized ticks within {@link #tickRange()}, sorted by index. */
  public List<Tick> ticks() {
    return ticks;
  }

  public TickRange tickRange() {
    return tickRange;
  }

  // --- exact swaps

  /**
   * The exact swap of {@code amountIn} smallest units, as the pool would do it at this state.
   *
   * @throws IllegalArgumentException if {@code amountIn} is not positive or is more than {@link
   *     #maxAmountIn} (the swap would leave the recorded tick range)
   */
  public V3Swap.Result swap(BigInteger amountIn, boolean zeroForOne) {
    return swap(amountIn, zeroForOne, false);
  }

  private V3Swap.Result swap(BigInteger amountIn, boolean zeroForOne, boolean wantTick) {
    Objects.requireNonNull(amountIn, "amountIn");
    if (amountIn.signum() <= 0) {
      throw new IllegalArgumentException("amount in must be positive, got " + amountIn);
    }
    BigInteger max = maxIn(zeroForOne);
    if (amountIn.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          amountIn
              + " smallest units of "
              + tokenIn(zeroForOne)
              + " would take "
              + this
              + " beyond its recorded tick range (at most "
              + max
              + ")");
    }
    return path(zeroForOne).swap(amountIn, wantTick);
  }

  /** Every step a swap can take that way, built on first use (one full swap to the edge). */
  private SwapPath path(boolean zeroForOne) {
    SwapPath p = zeroForOne ? pathDown : pathUp;
    if (p == null) {
      try {
        p =
            SwapPath.build(
                table,
                feePips,
                sqrtPriceX96,
                tick,
                liquidity,
                zeroForOne,
                zeroForOne ? limitDown : limitUp);
      } catch (V3Revert e) {
        throw new IllegalArgumentException(
            "the pool's state cannot be swapped through: " + e.getMessage(), e);
      }
      if (zeroForOne) {
        pathDown = p;
      } else {
        pathUp = p;
      }
    }
    return p;
  }

  /**
   * The pool after the swap of {@code amountIn}: the new price, tick and active liquidity, the same
   * ticks (a swap does not change them).
   */
  public ConcentratedPool afterSwap(BigInteger amountIn, boolean zeroForOne) {
    V3Swap.Result r = swap(amountIn, zeroForOne, true);
    return new ConcentratedPool(
        chain,
        address,
        dex,
        token0,
        token1,
        fee,
        tickSpacing,
        r.sqrtPriceX96(),
        r.tick(),
        r.liquidity(),
        ticks,
        tickRange);
  }

  @Override
  public BigInteger amountOut(BigInteger amountIn, boolean zeroForOne) {
    if (amountIn.signum() == 0) {
      return BigInteger.ZERO;
    }
    return swap(amountIn, zeroForOne).amountOut();
  }

  /** The same swap with a fee of 0 (stopping at the range's edge if it gets there first). */
  @Override
  public BigInteger amountOutWithoutFee(BigInteger amountIn, boolean zeroForOne) {
    if (amountIn.signum() == 0 || maxIn(zeroForOne).signum() == 0) {
      return BigInteger.ZERO;
    }
    SwapPath p = zeroForOne ? noFeeDown : noFeeUp;
    if (p == null) {
      p =
          SwapPath.build(
              table,
              0,
              sqrtPriceX96,
              tick,
              liquidity,
              zeroForOne,
              zeroForOne ? limitDown : limitUp);
      if (zeroForOne) {
        noFeeDown = p;
      } else {
        noFeeUp = p;
      }
    }
    return amountIn.compareTo(p.maxAmountIn()) >= 0
        ? p.swap(p.maxAmountIn(), false).amountOut()
        : p.swap(amountIn, false).amountOut();
  }

  @Override
  public BigDecimal priceAfter(BigInteger amountIn, boolean zeroForOne) {
    BigInteger s =
        amountIn.signum() == 0 ? sqrtPriceX96 : swap(amountIn, zeroForOne).sqrtPriceX96();
    return humanPrice(s);
  }

  /** Token1 per token0 in token units at a square-root price. */
  private BigDecimal humanPrice(BigInteger sqrtX96) {
    BigDecimal raw = new BigDecimal(sqrtX96.multiply(sqrtX96)).divide(Q192, MathContext.DECIMAL128);
    return Decimals.normalise(
        raw.scaleByPowerOfTen(token0.decimals() - token1.decimals()).round(MathContext.DECIMAL128));
  }

  /** The input that takes the price to the edge of the recorded tick range (fees included). */
  @Override
  public Optional<BigInteger> maxAmountIn(boolean zeroForOne) {
    return Optional.of(maxIn(zeroForOne));
  }

  private BigInteger maxIn(boolean zeroForOne) {
    boolean open =
        zeroForOne ? limitDown.compareTo(sqrtPriceX96) < 0 : limitUp.compareTo(sqrtPriceX96) > 0;
    return open ? path(zeroForOne).maxAmountIn() : BigInteger.ZERO;
  }

  @Override
  public int ticksCrossed(BigInteger amountIn, boolean zeroForOne) {
    return amountIn.signum() == 0 ? 0 : swap(amountIn, zeroForOne).initializedTicksCrossed();
  }

  // --- the curve in token units (double), for the search and the sizing

  /**
   * One constant-product piece per range between initialized ticks, on the range's virtual reserves
   * at its start: for token0 in at {@code √P = s}, {@code x = L/s}, {@code y = L·s}, rate {@code
   * γ·y/x}, curvature {@code γ/x}, capacity the gross input to the next tick {@code L·(1/s_next −
   * 1/s)/γ} (for token1 in, {@code x = L·s}, {@code y = L/s}, capacity {@code L·(s_next − s)/γ}),
   * decimals applied, {@code γ = 1 − fee}. Ranges without liquidity are skipped (the price jumps
   * across them for nothing); the last piece ends at the range's edge. Empty when no liquidity lies
   * that way within the range.
   */
  @Override
  public SwapCurve curve(boolean zeroForOne) {
    SwapCurve c = zeroForOne ? curveDown : curveUp;
    if (c == null) {
      c = buildCurve(zeroForOne);
      if (zeroForOne) {
        curveDown = c;
      } else {
        curveUp = c;
      }
    }
    return c;
  }

  private SwapCurve buildCurve(boolean zeroForOne) {
    double keep = (1_000_000 - feePips) / 1e6;
    double inScale = Math.pow(10, tokenIn(zeroForOne).decimals());
    double outScale = Math.pow(10, tokenOut(zeroForOne).decimals());
    List<double[]> pieces = new ArrayList<>();
    double s = sqrtPriceX96.doubleValue() / Q96;
    double l = liquidity.doubleValue();
    double edge = (zeroForOne ? limitDown : limitUp).doubleValue() / Q96;
    int n = table.size();
    int split = 0;
    while (split < n && table.index(split) <= tick) {
      split++;
    }
    int i = zeroForOne ? split - 1 : split;
    while (true) {
      boolean last = zeroForOne ? i < 0 : i >= n;
      double next = last ? edge : sqrtAt(table.index(i));
      if (zeroForOne ? next < edge : next > edge) {
        next = edge;
        last = true;
      }
      if (l > 0 && (zeroForOne ? next < s : next > s)) {
        double x = zeroForOne ? l / s : l * s;
        double y = zeroForOne ? l * s : l / s;
        double delta = zeroForOne ? l / next - l / s : l * (next - s);
        double in = x / inScale;
        double capacity = delta / keep / inScale;
        if (capacity > 0 && Double.isFinite(capacity)) {
          pieces.add(new double[] {keep * (y / outScale) / in, keep / in, capacity});
        }
      }
      if (last) {
        break;
      }
      double net = table.liquidityNet(i).doubleValue();
      l = zeroForOne ? l - net : l + net;
      if (l < 0) {
        l = 0;
      }
      s = next;
      i += zeroForOne ? -1 : 1;
    }
    double[] rate = new double[pieces.size()];
    double[] curvature = new double[pieces.size()];
    double[] capacity = new double[pieces.size()];
    for (int j = 0; j < rate.length; j++) {
      rate[j] = pieces.get(j)[0];
      curvature[j] = pieces.get(j)[1];
      capacity[j] = pieces.get(j)[2];
    }
    return new SwapCurve(rate, curvature, capacity);
  }

  private static double sqrtAt(int tick) {
    return Math.exp(tick * HALF_LN_BASE);
  }

  /** The first piece's rate (the current price after the fee when liquidity is active here). */
  @Override
  public double marginalRate(boolean zeroForOne) {
    SwapCurve c = curve(zeroForOne);
    return c.pieces() == 0 ? 0 : c.firstRate();
  }

  /** The token0 a swap of token1 in can take out of the recorded range, in token units. */
  @Override
  public double amount0() {
    return curve(false).totalOutput();
  }

  /** The token1 a swap of token0 in can take out of the recorded range, in token units. */
  @Override
  public double amount1() {
    return curve(true).totalOutput();
  }

  @Override
  public double price() {
    double s = sqrtPriceX96.doubleValue() / Q96;
    return s * s * Math.pow(10, token0.decimals() - token1.decimals());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConcentratedPool p
        && chain.equals(p.chain)
        && address.equals(p.address)
        && dex.equals(p.dex)
        && token0.equals(p.token0)
        && token1.equals(p.token1)
        && fee.equals(p.fee)
        && tickSpacing == p.tickSpacing
        && sqrtPriceX96.equals(p.sqrtPriceX96)
        && tick == p.tick
        && liquidity.equals(p.liquidity)
        && ticks.equals(p.ticks)
        && tickRange.equals(p.tickRange);
  }

  @Override
  public int hashCode() {
    return Objects.hash(chain, address, sqrtPriceX96, tick, liquidity);
  }

  @Override
  public String toString() {
    return dex
        + ":"
        + Addresses.shortForm(address, 4)
        + " "
        + token0
        + "/"
        + token1
        + " "
        + fee.multiply(BigDecimal.valueOf(100)).stripTrailingZeros().toPlainString()
        + "%";
  }
}
