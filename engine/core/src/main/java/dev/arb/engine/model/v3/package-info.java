/**
 * Uniswap V3's swap arithmetic in integers, as the pool contract computes it: Q64.96 square-root
 * prices ({@link dev.arb.engine.model.v3.TickMath}), the amounts between two prices and the price
 * after an input ({@link dev.arb.engine.model.v3.SqrtPriceMath}), one swap step with its fee in
 * pips ({@link dev.arb.engine.model.v3.SwapMath}), 512-bit multiply-divide ({@link
 * dev.arb.engine.model.v3.FullMath}) and the swap loop over initialized ticks and tick-bitmap words
 * ({@link dev.arb.engine.model.v3.V3Swap} on a {@link dev.arb.engine.model.v3.TickTable}).
 *
 * <p>Written from the Uniswap V3 whitepaper and the contracts' documented behaviour (rounding
 * directions, overflow branches and reverts), not translated from their code. Every value is a
 * {@link java.math.BigInteger} holding the same number as the contract's {@code uint256}, {@code
 * uint160} or {@code uint128}; where the contract reverts these methods throw {@link
 * dev.arb.engine.model.v3.V3Revert}. No dependency on the rest of the model.
 */
package dev.arb.engine.model.v3;
