package dev.arb.defi.gas;

import dev.arb.defi.chain.Fees;
import java.math.BigInteger;
import java.util.Objects;

/**
 * What the gas oracle advises for the next transaction, in wei per gas.
 *
 * @param nextBaseFee base fee of the next block, as the node reported it
 * @param tip priority fee: median of the chosen reward percentile over the window
 * @param maxFeePerGas what to offer at most: the base fee after {@code blocksAhead} full blocks
 *     (+12.5 % each) plus the tip, lowered to the cap if it exceeds it
 * @param trend direction of the base fee over the window
 * @param capped whether the cap lowered {@code maxFeePerGas}
 * @param affordable whether the cap still covers the next base fee plus the tip; if not, a
 *     transaction priced at the cap would wait, and nothing should be sent
 */
public record GasQuote(
    BigInteger nextBaseFee,
    BigInteger tip,
    BigInteger maxFeePerGas,
    Trend trend,
    boolean capped,
    boolean affordable) {

  /** Direction of the base fee from the oldest block of the window to the next block. */
  public enum Trend {
    RISING,
    FLAT,
    FALLING
  }

  public GasQuote {
    Objects.requireNonNull(nextBaseFee, "nextBaseFee");
    Objects.requireNonNull(tip, "tip");
    Objects.requireNonNull(maxFeePerGas, "maxFeePerGas");
    Objects.requireNonNull(trend, "trend");
  }

  /** The fees to put in a transaction: tip no higher than the max fee. */
  public Fees fees() {
    return new Fees(maxFeePerGas, tip.min(maxFeePerGas));
  }
}
