package dev.arb.defi.chain;

import java.math.BigInteger;
import java.util.Objects;

/**
 * EIP-1559 fee caps of one transaction, in wei per gas.
 *
 * @param maxFeePerGas the most the sender pays per gas (base fee + tip), at least {@code
 *     maxPriorityFeePerGas}
 * @param maxPriorityFeePerGas the tip to the block producer
 */
public record Fees(BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {
  public Fees {
    Objects.requireNonNull(maxFeePerGas, "maxFeePerGas");
    Objects.requireNonNull(maxPriorityFeePerGas, "maxPriorityFeePerGas");
    if (maxPriorityFeePerGas.signum() < 0) {
      throw new IllegalArgumentException("maxPriorityFeePerGas must be >= 0");
    }
    if (maxFeePerGas.compareTo(maxPriorityFeePerGas) < 0) {
      throw new IllegalArgumentException(
          "maxFeePerGas "
              + maxFeePerGas
              + " is below maxPriorityFeePerGas "
              + maxPriorityFeePerGas);
    }
  }
}
