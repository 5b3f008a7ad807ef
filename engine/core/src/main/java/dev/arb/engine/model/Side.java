package dev.arb.engine.model;

/** The direction of a taker trade on a market {@code base/quote}. */
public enum Side {
  /** Spend quote, receive base, walking the asks (rate {@code (1/ask)·(1−fee)}). */
  BUY,
  /** Spend base, receive quote, walking the bids (rate {@code bid·(1−fee)}). */
  SELL
}
