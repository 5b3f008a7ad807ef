package dev.arb.engine.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An L2 order book of one market at one moment. A valid book: bids strictly descending, asks
 * strictly ascending, and not crossed (best bid &lt; best ask). Either side may be empty (no edge
 * is built for an empty side). Raw exchange data is checked by the reader before a book is built,
 * so that bad markets are reported and left out rather than thrown.
 *
 * @param market the market
 * @param bids buy orders, best (highest) first
 * @param asks sell orders, best (lowest) first
 * @param observedAt when the exchange produced this state (or when it was received, if the exchange
 *     gives no time)
 */
public record OrderBook(
    Market market, List<BookLevel> bids, List<BookLevel> asks, Instant observedAt) {

  public OrderBook {
    Objects.requireNonNull(market, "market");
    bids = List.copyOf(bids);
    asks = List.copyOf(asks);
    Objects.requireNonNull(observedAt, "observedAt");
    String problem = problem(bids, asks);
    if (problem != null) {
      throw new IllegalArgumentException(market.id() + ": " + problem);
    }
  }

  /**
   * What is wrong with these sides, or {@code null} if they make a valid book. Readers call this to
   * report bad markets instead of throwing.
   */
  public static String problem(List<BookLevel> bids, List<BookLevel> asks) {
    for (int i = 1; i < bids.size(); i++) {
      if (bids.get(i).price().compareTo(bids.get(i - 1).price()) >= 0) {
        return "bids not strictly descending at level " + i;
      }
    }
    for (int i = 1; i < asks.size(); i++) {
      if (asks.get(i).price().compareTo(asks.get(i - 1).price()) <= 0) {
        return "asks not strictly ascending at level " + i;
      }
    }
    if (!bids.isEmpty()
        && !asks.isEmpty()
        && bids.get(0).price().compareTo(asks.get(0).price()) >= 0) {
      return "crossed book: best bid "
          + bids.get(0).price().toPlainString()
          + " >= best ask "
          + asks.get(0).price().toPlainString();
    }
    return null;
  }
}
