package dev.arb.engine.chain;

import dev.arb.engine.sizing.TradePlan;
import java.time.Instant;
import java.util.List;

/**
 * Port: executes DEX-only sized cycles on one chain (a flash loan through the cycle's pools). An
 * attempt is simulated at the latest block and sent only when the simulated profit less gas, valued
 * in the start token, is at least the configured margin; a sent transaction is followed block by
 * block until it is mined, replaced or dropped. Expected outcomes are values ({@link DexAttempt});
 * a failing node is a {@link dev.arb.error.ChainException}.
 */
public interface DexExecutor {

  /**
   * Attempts {@code plan} (every leg a pool of {@code view}'s chain).
   *
   * @param send whether a transaction may be sent; {@code false} decides and records only
   * @return the attempt: rejected (with the reason and the gas figure), or pending (sent, its
   *     outcome comes from {@link #settle})
   */
  DexAttempt attempt(TradePlan plan, ChainView view, Instant detectedAt, boolean send);

  /**
   * Follows the pending transactions at {@code view}'s block: the mined ones are finished (executed
   * or failed), the ones not mined for too many blocks are replaced or dropped.
   *
   * @return the attempts finished now
   */
  List<DexAttempt> settle(ChainView view);

  /** Pools (lower-case addresses) of the transactions still pending. */
  List<String> busyPools();
}
