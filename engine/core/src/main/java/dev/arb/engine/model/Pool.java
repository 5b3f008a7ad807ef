package dev.arb.engine.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;

/**
 * A liquidity pool on a chain: a market whose rate depends on the size of the trade. It carries its
 * state at the snapshot's block, so a pool value is a market and its "book" at once. Each kind
 * prices swaps in the contract's own integer arithmetic ({@link #amountOut}) and describes the same
 * function in token units for the search and the sizing ({@link #curve}).
 *
 * <p>Sides: a {@link Side#SELL} leg spends token0 for token1 (the contract's {@code zeroForOne}), a
 * {@link Side#BUY} leg spends token1 for token0. Graph nodes are (chain, token address).
 */
public sealed interface Pool extends Tradable permits ConstantProductPool, ConcentratedPool {
  /** Lower-case chain name. */
  String chain();

  /** The pool contract's address, lower-case. */
  String address();

  /** Which DEX it belongs to ({@code uniswap-v2}, {@code sushiswap}), lower-case. */
  String dex();

  /** Its curve. */
  PoolKind kind();

  Token token0();

  Token token1();

  @Override
  default String venue() {
    return chain();
  }

  @Override
  default String id() {
    return chain() + ":" + address();
  }

  @Override
  default Asset base() {
    return token0().asset();
  }

  @Override
  default Asset quote() {
    return token1().asset();
  }

  /** The token a swap spends: token0 when {@code zeroForOne}. */
  default Token tokenIn(boolean zeroForOne) {
    return zeroForOne ? token0() : token1();
  }

  /** The token a swap pays: token1 when {@code zeroForOne}. */
  default Token tokenOut(boolean zeroForOne) {
    return zeroForOne ? token1() : token0();
  }

  /**
   * What the pool pays, in smallest units, for {@code amountIn} smallest units of the input token,
   * exactly as the contract computes it (rounding as it does).
   *
   * @param amountIn &ge; 0
   */
  BigInteger amountOut(BigInteger amountIn, boolean zeroForOne);

  /**
   * The most input, in smallest units, that the pool's known state can price: a concentrated pool's
   * input that takes the price to the edge of its recorded tick range. Empty when any input can be
   * priced (a constant-product pool).
   */
  default Optional<BigInteger> maxAmountIn(boolean zeroForOne) {
    return Optional.empty();
  }

  /**
   * Initialized ticks the swap of {@code amountIn} crosses (each costs gas on chain); 0 for a
   * constant-product pool.
   */
  default int ticksCrossed(BigInteger amountIn, boolean zeroForOne) {
    return 0;
  }

  /**
   * What the pool would pay for the same swap without its fee: {@code amountOutWithoutFee −
   * amountOut} is the fee's cost in the output token.
   */
  BigInteger amountOutWithoutFee(BigInteger amountIn, boolean zeroForOne);

  /**
   * The pool's marginal price after that swap, token1 per token0 in token units, before the fee
   * (the price the next trade starts from).
   */
  BigDecimal priceAfter(BigInteger amountIn, boolean zeroForOne);

  /**
   * Units of the output token per unit of the input token for a vanishing trade, after the fee, in
   * token units: the graph edge's rate.
   */
  double marginalRate(boolean zeroForOne);

  /** The swap's output as a function of its input in token units, after the fee (double). */
  SwapCurve curve(boolean zeroForOne);

  /**
   * How much token0 the pool holds, in token units: a constant-product pool's reserve; for a
   * concentrated pool, the token0 a swap can take out of its recorded tick range.
   */
  double amount0();

  /** How much token1 the pool holds, in token units (as {@link #amount0()}). */
  double amount1();

  /** The marginal price of token0 in token1, in token units, before the fee. */
  double price();
}
