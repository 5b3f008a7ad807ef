package dev.arb.engine.record;

import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;

/**
 * What a relayer has spent in one UTC day, from its records: the requests that counted (accepted,
 * mined or reverted, not refused) and their wei, per signer and in total. Wei is what was paid, or
 * the reservation of a request whose fate is unknown.
 *
 * @param bySigner per signer (lower-case address): requests and wei
 * @param totalWei all signers together
 */
public record RelaySpending(Map<String, Signer> bySigner, BigInteger totalWei) {
  /** One signer's day: how many requests counted and what they cost. */
  public record Signer(int requests, BigInteger wei) {
    public Signer {
      Objects.requireNonNull(wei, "wei");
    }
  }

  /** Nothing spent. */
  public static final RelaySpending NONE = new RelaySpending(Map.of(), BigInteger.ZERO);

  public RelaySpending {
    bySigner = Map.copyOf(bySigner);
    Objects.requireNonNull(totalWei, "totalWei");
  }
}
