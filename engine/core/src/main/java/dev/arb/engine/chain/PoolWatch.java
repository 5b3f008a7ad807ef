package dev.arb.engine.chain;

/**
 * Port: one chain's pools kept current block by block. Each {@link #advance} follows the chain from
 * the block held to the latest one: the pools whose events appeared are updated (exactly from the
 * event where it carries the whole new state, else read again at that block), a reorg (a parent
 * hash that is not the one held) reads the affected pools again. Not safe for several threads.
 */
public interface PoolWatch extends AutoCloseable {

  /** The chain's name. */
  String chain();

  /**
   * Follows the chain to its latest block.
   *
   * @return the pools as of that block
   * @throws dev.arb.error.ChainException if the node fails or answers wrong (the state held is
   *     kept; the next call tries again from it)
   */
  ChainView advance();

  /**
   * Waits for news from the chain at most {@code max}: a new block pushed by the node where the
   * watch has a subscription to them, else simply {@code max} (polling).
   *
   * @return whether a new block was announced before {@code max} ran out
   */
  default boolean awaitNews(java.time.Duration max) throws InterruptedException {
    Thread.sleep(max.toMillis());
    return false;
  }

  @Override
  void close();
}
