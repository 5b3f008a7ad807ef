package dev.arb.engine.chain;

import dev.arb.engine.record.OpportunityRecord;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt at a DEX-only cycle.
 *
 * @param outcome where it stands
 * @param record the attempt as recorded in {@code arb history} (empty while pending)
 * @param pools the cycle's pools, lower-case addresses, in hop order
 * @param txHash the transaction, once sent
 * @param block the block it was mined in, once mined
 * @param gasUsed gas the transaction used, once mined
 * @param gasSpentWei what the gas cost, wei, once mined (0 for nothing mined)
 */
public record DexAttempt(
    Outcome outcome,
    Optional<OpportunityRecord> record,
    List<String> pools,
    Optional<String> txHash,
    Optional<Long> block,
    Optional<BigInteger> gasUsed,
    BigInteger gasSpentWei) {

  /** Where an attempt stands. */
  public enum Outcome {
    /** Sent, not mined yet. */
    PENDING,
    /** Mined and succeeded; its realised profit is the owner's balance change. */
    EXECUTED,
    /** Not sent: simulation reverted, profit below gas and margin, or no lender. */
    REJECTED,
    /** Sent and reverted on chain, or dropped after not being mined. */
    FAILED;

    /** The metric label: lower case. */
    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public DexAttempt {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(record, "record");
    pools = List.copyOf(pools);
    Objects.requireNonNull(txHash, "txHash");
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(gasUsed, "gasUsed");
    Objects.requireNonNull(gasSpentWei, "gasSpentWei");
    if (outcome != Outcome.PENDING && record.isEmpty()) {
      throw new IllegalArgumentException("a finished attempt has its record");
    }
  }
}
