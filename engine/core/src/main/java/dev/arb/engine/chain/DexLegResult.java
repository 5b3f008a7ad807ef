package dev.arb.engine.chain;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * What a swap from inventory did ({@link DexLegs#swap}).
 *
 * @param done whether it swapped (mined and succeeded, or a simulation that succeeded); {@code
 *     false}: it reverted, in simulation or on chain, and moved nothing but gas
 * @param amountIn what it spent of the input token, smallest unit (0 when not done)
 * @param amountOut what it received of the output token, smallest unit: the holder's balance change
 *     in the transaction's block, to the wei (a simulation: what the call returned)
 * @param txHash the transaction, when one was sent
 * @param block the block it was mined in, when mined
 * @param gasUsed gas it used (0 when nothing was mined)
 * @param gasSpentWei what the gas cost (0 when nothing was mined)
 * @param note why it was not done, or how it was done ({@code simulated ...}), for people
 */
public record DexLegResult(
    boolean done,
    BigInteger amountIn,
    BigInteger amountOut,
    Optional<String> txHash,
    Optional<Long> block,
    BigInteger gasUsed,
    BigInteger gasSpentWei,
    String note) {
  public DexLegResult {
    Objects.requireNonNull(amountIn, "amountIn");
    Objects.requireNonNull(amountOut, "amountOut");
    Objects.requireNonNull(txHash, "txHash");
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(gasUsed, "gasUsed");
    Objects.requireNonNull(gasSpentWei, "gasSpentWei");
    Objects.requireNonNull(note, "note");
    if (amountIn.signum() < 0 || amountOut.signum() < 0) {
      throw new IllegalArgumentException("amounts must not be negative");
    }
    if (!done && (amountIn.signum() != 0 || amountOut.signum() != 0)) {
      throw new IllegalArgumentException("a swap not done moved nothing");
    }
  }

  /** A swap not done (reverted in simulation or on chain), with why. */
  public static DexLegResult missed(
      Optional<String> txHash,
      Optional<Long> block,
      BigInteger gasUsed,
      BigInteger gasSpentWei,
      String why) {
    return new DexLegResult(
        false, BigInteger.ZERO, BigInteger.ZERO, txHash, block, gasUsed, gasSpentWei, why);
  }
}
