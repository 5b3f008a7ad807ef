package dev.arb.defi.chain;

import java.math.BigInteger;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Hands out the nonces of one account: the first from the node's pending count, the next ones
 * locally, so concurrent senders get distinct nonces without a round trip each. {@link #resync}
 * makes the next call ask the node again (after "nonce too low", or when a transaction that took a
 * nonce never reached the node). Thread-safe.
 */
public final class NonceManager {
  private final Supplier<BigInteger> pendingCount;
  private BigInteger next;

  /**
   * @param pendingCount asks the node for the account's pending transaction count
   */
  public NonceManager(Supplier<BigInteger> pendingCount) {
    this.pendingCount = Objects.requireNonNull(pendingCount, "pendingCount");
  }

  /** The next nonce to use; never the same twice between resyncs. */
  public synchronized BigInteger next() {
    if (next == null) {
      next = pendingCount.get();
    }
    BigInteger n = next;
    next = next.add(BigInteger.ONE);
    return n;
  }

  /**
   * Gives back {@code nonce}, which the node refused (so it is still free), if it is the last one
   * handed out: the next call returns it again.
   *
   * @return whether it was taken back; {@code false} if later nonces were handed out meanwhile (or
   *     the count was resynchronised), in which case the caller must fill the gap itself or the
   *     later transactions stay queued behind it
   */
  public synchronized boolean release(BigInteger nonce) {
    if (next != null && next.equals(nonce.add(BigInteger.ONE))) {
      next = nonce;
      return true;
    }
    return false;
  }

  /** Forgets the local count: the next {@link #next} asks the node. */
  public synchronized void resync() {
    next = null;
  }
}
