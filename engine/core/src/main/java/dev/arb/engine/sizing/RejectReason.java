package dev.arb.engine.sizing;

/** Why a cycle was not sized into a plan. */
public enum RejectReason {
  /** No balance of the start asset to trade with (amount &le; 0). */
  NO_BALANCE,
  /** A leg's book side is empty: nothing to trade against. */
  NO_LIQUIDITY,
  /** The marginal end-per-start rate is &le; 1 at any size: no profit at any amount. */
  NO_PROFIT,
  /** After rounding to lot sizes a leg is zero or below its market's minimum amount/notional. */
  BELOW_MINIMUM,
  /** The exactly re-priced, rounded plan makes no profit (rounding ate it). */
  UNPROFITABLE_AFTER_ROUNDING,
  /** The best profit of a cycle with pool legs does not beat the gas its swaps cost. */
  UNPROFITABLE_AFTER_GAS,
  /** A gas price was given but the gas cannot be valued in the start asset (no price path). */
  GAS_NOT_VALUED
}
