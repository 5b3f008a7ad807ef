package dev.arb.engine.chain;

import dev.arb.engine.sizing.PoolSwap;
import java.math.BigInteger;
import java.util.List;

/**
 * Port: swaps on one chain from inventory, no loan: the DEX legs of a CEX–DEX cycle traded as
 * inventory (the chain's tokens held by the flash-loan contract, or the wallet). Expected outcomes
 * are values ({@link DexLegResult}: a revert is a missed leg); a failing node is a {@link
 * dev.arb.error.ChainException}. Called from several threads at once: implementations must be
 * thread-safe.
 */
public interface DexLegs {

  /**
   * Sells {@code swaps.get(0).amountIn()} of the first swap's input token along {@code swaps}
   * (consecutive pool legs of one chain), requiring at least {@code minOut} of the last swap's
   * output token.
   *
   * @param send {@code true}: send a transaction and wait for it to be mined; {@code false}
   *     (paper): simulate it with {@code eth_call} at the latest block, send nothing
   */
  DexLegResult swap(List<PoolSwap> swaps, BigInteger minOut, boolean send);
}
