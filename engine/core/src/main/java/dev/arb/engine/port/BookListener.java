package dev.arb.engine.port;

import dev.arb.engine.model.OrderBook;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a streaming {@link MarketDataSource} pushes each market's new full book the moment it
 * arrives (the streaming runner's event queue). Called on the source's own threads, in arrival
 * order per market; it must only enqueue.
 */
@FunctionalInterface
public interface BookListener {

  /**
   * A market's new full book, valid (sorted, not crossed), exact as the exchange sent it.
   *
   * @param exchangeTime the exchange's time of the message, if it gave one
   * @param receivedAt the wall-clock time the message arrived
   * @param receivedNanos {@link System#nanoTime()} when it arrived, for tick-to-decision latency
   */
  void book(OrderBook book, Optional<Instant> exchangeTime, Instant receivedAt, long receivedNanos);
}
