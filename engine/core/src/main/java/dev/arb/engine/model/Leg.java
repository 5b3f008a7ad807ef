package dev.arb.engine.model;

import java.util.Objects;

/**
 * One step of a cycle: a taker trade on a market.
 *
 * @param market where
 * @param side {@link Side#SELL}: base → quote at the bids; {@link Side#BUY}: quote → base at the
 *     asks
 */
public record Leg(Market market, Side side) {
  public Leg {
    Objects.requireNonNull(market, "market");
    Objects.requireNonNull(side, "side");
  }

  /** The asset spent. */
  public Asset from() {
    return side == Side.SELL ? market.base() : market.quote();
  }

  /** The asset received. */
  public Asset to() {
    return side == Side.SELL ? market.quote() : market.base();
  }

  public String exchange() {
    return market.exchange();
  }

  @Override
  public String toString() {
    return from() + "->" + to() + "@" + market.exchange();
  }
}
