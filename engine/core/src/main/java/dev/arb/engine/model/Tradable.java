package dev.arb.engine.model;

import java.math.BigDecimal;

/**
 * A market of either kind: a way to turn one asset into another on one venue. An order book on an
 * exchange ({@link Market}, its state in an {@link OrderBook}) or a liquidity pool on a chain
 * ({@link Pool}, which carries its state). A {@link Leg} trades on one; search and sizing handle
 * both.
 */
public sealed interface Tradable permits Market, Pool {
  /** Unique within a snapshot: {@code kraken:BTC/USD}, {@code ethereum:0xb4e16d…}. */
  String id();

  /** The exchange (book) or chain (pool) name, lower-case: the venue half of a graph node. */
  String venue();

  /** Spent by a {@link Side#SELL} leg (a book's base, a pool's token0). */
  Asset base();

  /** Received by a {@link Side#SELL} leg (a book's quote, a pool's token1). */
  Asset quote();

  /** The fee as a fraction, {@code 0 ≤ fee < 1}: a book's taker fee, a pool's swap fee. */
  BigDecimal fee();
}
