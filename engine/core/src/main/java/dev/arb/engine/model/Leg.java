package dev.arb.engine.model;

import java.util.Objects;

/**
 * One step of a cycle: a taker trade on a book market, or a swap through a pool.
 *
 * @param tradable where: a {@link Market} (its book is in the snapshot) or a {@link Pool}
 * @param side {@link Side#SELL}: base → quote (a book's bids; a pool's token0 → token1); {@link
 *     Side#BUY}: quote → base (a book's asks; a pool's token1 → token0)
 */
public record Leg(Tradable tradable, Side side) {
  public Leg {
    Objects.requireNonNull(tradable, "tradable");
    Objects.requireNonNull(side, "side");
  }

  /** Whether this leg swaps through a pool rather than trading on a book. */
  public boolean isPool() {
    return tradable instanceof Pool;
  }

  /**
   * The book market of a book leg.
   *
   * @throws IllegalStateException for a pool leg: code that trades on exchanges only (order
   *     execution, the paper trader) never receives one
   */
  public Market market() {
    if (tradable instanceof Market m) {
      return m;
    }
    throw new IllegalStateException("leg " + this + " swaps through a pool, not an order book");
  }

  /**
   * The pool of a pool leg.
   *
   * @throws IllegalStateException for a book leg
   */
  public Pool pool() {
    if (tradable instanceof Pool p) {
      return p;
    }
    throw new IllegalStateException("leg " + this + " trades on an order book, not a pool");
  }

  /** The asset spent. */
  public Asset from() {
    return side == Side.SELL ? tradable.base() : tradable.quote();
  }

  /** The asset received. */
  public Asset to() {
    return side == Side.SELL ? tradable.quote() : tradable.base();
  }

  /** The asset spent as a person reads it: a token's symbol, else the asset code. */
  public String fromName() {
    return tradable instanceof Pool p ? p.tokenIn(side == Side.SELL).symbol() : from().code();
  }

  /** The asset received as a person reads it: a token's symbol, else the asset code. */
  public String toName() {
    return tradable instanceof Pool p ? p.tokenOut(side == Side.SELL).symbol() : to().code();
  }

  /** The venue: the exchange of a book leg, the chain of a pool leg. */
  public String exchange() {
    return tradable.venue();
  }

  /**
   * {@code BTC->USD@kraken}; a pool leg by symbols and pool: {@code USDC->WETH@uniswap-v2:0xB4e1…}.
   */
  @Override
  public String toString() {
    if (tradable instanceof Pool p) {
      boolean zeroForOne = side == Side.SELL;
      return p.tokenIn(zeroForOne)
          + "->"
          + p.tokenOut(zeroForOne)
          + "@"
          + p.dex()
          + ":"
          + Addresses.shortForm(p.address(), 4);
    }
    return from() + "->" + to() + "@" + tradable.venue();
  }
}
