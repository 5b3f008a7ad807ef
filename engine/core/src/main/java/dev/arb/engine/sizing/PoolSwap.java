package dev.arb.engine.sizing;

import dev.arb.engine.model.Pool;
import dev.arb.engine.model.Token;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A pool leg's swap, in the pool's own integer arithmetic: what to send and what the pool pays, to
 * the smallest unit.
 *
 * @param pool the pool (its address, DEX and state at the snapshot's block)
 * @param zeroForOne whether token0 is spent for token1
 * @param amountIn smallest units of {@link #tokenIn()} sent, &gt; 0
 * @param amountOut smallest units of {@link #tokenOut()} the pool pays for it, &gt; 0
 */
public record PoolSwap(Pool pool, boolean zeroForOne, BigInteger amountIn, BigInteger amountOut) {
  public PoolSwap {
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(amountIn, "amountIn");
    Objects.requireNonNull(amountOut, "amountOut");
    if (amountIn.signum() <= 0 || amountOut.signum() <= 0) {
      throw new IllegalArgumentException("swap amounts must be positive");
    }
  }

  /** The token sent to the pool. */
  public Token tokenIn() {
    return pool.tokenIn(zeroForOne);
  }

  /** The token the pool pays. */
  public Token tokenOut() {
    return pool.tokenOut(zeroForOne);
  }

  /** {@link #amountIn()} in token units (decimals applied). */
  public BigDecimal amountInDecimal() {
    return tokenIn().human(amountIn);
  }

  /** {@link #amountOut()} in token units. */
  public BigDecimal amountOutDecimal() {
    return tokenOut().human(amountOut);
  }
}
