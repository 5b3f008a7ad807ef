package dev.arb.engine.port;

import dev.arb.engine.record.Fill;
import dev.arb.engine.record.OrderRequest;

/**
 * Places taker orders. Paper and live adapters implement it; nothing else in the execution path
 * differs between them. An order that cannot be filled (no liquidity within the limit price, not
 * enough balance, venue rejection) is an empty or partial {@link Fill}, not an exception;
 * exceptions are for failures to learn the outcome (e.g. the venue is unreachable).
 *
 * <p>With {@code arb.trading.legs = concurrent} the legs of a cycle are placed from several threads
 * at once: implementations must be thread-safe.
 */
public interface OrderExecutor {

  /** Places the order and returns what filled, immediate-or-cancel. */
  Fill execute(OrderRequest request);
}
