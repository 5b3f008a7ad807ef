package dev.arb.engine.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A constant-product pool ({@code x·y = k}, fee on the input): Uniswap V2 and its forks (SushiSwap,
 * PancakeSwap-style), at one block.
 *
 * @param chain lower-case chain name
 * @param address the pair contract, lower-case
 * @param dex lower-case DEX name ({@code uniswap-v2})
 * @param token0 the pair's token0 (the lower address on Uniswap V2; not checked)
 * @param token1 the pair's token1, another token on the same chain
 * @param reserve0 token0 reserve in smallest units, {@code 0 < r < 2^112} (a pair stores uint112)
 * @param reserve1 token1 reserve in smallest units, {@code 0 < r < 2^112}
 * @param fee swap fee as a fraction, {@code 0 ≤ fee < 1} ({@code 0.003}; {@code 0.0025} on
 *     PancakeSwap), applied exactly as {@link ConstantProductMath#fee}
 */
public record ConstantProductPool(
    String chain,
    String address,
    String dex,
    Token token0,
    Token token1,
    BigInteger reserve0,
    BigInteger reserve1,
    BigDecimal fee)
    implements Pool {
  /** One more than the largest reserve a pair can store ({@code uint112}). */
  public static final BigInteger RESERVE_LIMIT = BigInteger.ONE.shiftLeft(112);

  private static final double[] POW10 = new double[Token.MAX_DECIMALS + 1];

  static {
    for (int i = 0; i < POW10.length; i++) {
      POW10[i] = Double.parseDouble("1e" + i);
    }
  }

  public ConstantProductPool {
    chain = Chains.name(chain);
    address = Addresses.normalise(address);
    Objects.requireNonNull(dex, "dex");
    dex = dex.trim().toLowerCase(Locale.ROOT);
    if (dex.isEmpty()) {
      throw new IllegalArgumentException("dex must not be blank");
    }
    Objects.requireNonNull(token0, "token0");
    Objects.requireNonNull(token1, "token1");
    if (!token0.chain().equals(chain) || !token1.chain().equals(chain)) {
      throw new IllegalArgumentException("the pool's tokens must be on " + chain);
    }
    if (token0.asset().equals(token1.asset())) {
      throw new IllegalArgumentException("token0 and token1 must differ");
    }
    reserve0 = reserve(reserve0, "reserve0");
    reserve1 = reserve(reserve1, "reserve1");
    ConstantProductMath.fee(fee);
    fee = Decimals.normalise(fee);
  }

  private static BigInteger reserve(BigInteger r, String name) {
    Objects.requireNonNull(r, name);
    if (r.signum() <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + r);
    }
    if (r.compareTo(RESERVE_LIMIT) >= 0) {
      throw new IllegalArgumentException(name + " " + r + " does not fit a uint112");
    }
    return r;
  }

  @Override
  public PoolKind kind() {
    return PoolKind.CONSTANT_PRODUCT;
  }

  /** The reserve of the token a swap spends. */
  public BigInteger reserveIn(boolean zeroForOne) {
    return zeroForOne ? reserve0 : reserve1;
  }

  /** The reserve of the token a swap pays. */
  public BigInteger reserveOut(boolean zeroForOne) {
    return zeroForOne ? reserve1 : reserve0;
  }

  @Override
  public BigInteger amountOut(BigInteger amountIn, boolean zeroForOne) {
    return ConstantProductMath.amountOut(
        amountIn, reserveIn(zeroForOne), reserveOut(zeroForOne), fee);
  }

  @Override
  public BigInteger amountOutWithoutFee(BigInteger amountIn, boolean zeroForOne) {
    return ConstantProductMath.amountOut(
        amountIn, reserveIn(zeroForOne), reserveOut(zeroForOne), BigDecimal.ZERO);
  }

  /** After the swap the pair holds {@code R_in + in} and {@code R_out − out} (the fee stays). */
  @Override
  public BigDecimal priceAfter(BigInteger amountIn, boolean zeroForOne) {
    BigInteger out = amountOut(amountIn, zeroForOne);
    BigInteger in = reserveIn(zeroForOne).add(amountIn);
    BigInteger left = reserveOut(zeroForOne).subtract(out);
    BigInteger r0 = zeroForOne ? in : left;
    BigInteger r1 = zeroForOne ? left : in;
    return Decimals.normalise(token1.human(r1).divide(token0.human(r0), MathContext.DECIMAL128));
  }

  /** {@code (R_out / R_in)·(1 − fee)} in token units. */
  @Override
  public double marginalRate(boolean zeroForOne) {
    double keep = keep();
    return zeroForOne ? keep * amount1() / amount0() : keep * amount0() / amount1();
  }

  // 1 − fee as a double by fee: a snapshot has a handful of fees and thousands of pools, and
  // BigDecimal.doubleValue goes through text
  private static final Map<BigDecimal, Double> KEEP = new ConcurrentHashMap<>();

  /** {@code 1 − fee}, the double nearest to it. */
  private double keep() {
    Double k = KEEP.get(fee);
    if (k == null) {
      k = BigDecimal.ONE.subtract(fee).doubleValue();
      if (KEEP.size() < 1024) {
        KEEP.put(fee, k);
      }
    }
    return k;
  }

  @Override
  public SwapCurve curve(boolean zeroForOne) {
    double keep = keep();
    return zeroForOne
        ? SwapCurve.constantProduct(amount0(), amount1(), keep)
        : SwapCurve.constantProduct(amount1(), amount0(), keep);
  }

  @Override
  public double amount0() {
    return reserve0.doubleValue() / POW10[token0.decimals()];
  }

  @Override
  public double amount1() {
    return reserve1.doubleValue() / POW10[token1.decimals()];
  }

  @Override
  public double price() {
    return amount1() / amount0();
  }

  @Override
  public String toString() {
    return dex + ":" + Addresses.shortForm(address, 4) + " " + token0 + "/" + token1;
  }
}
