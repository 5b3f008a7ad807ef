package dev.arb.engine.record;

import java.util.Locale;

/** How an execution ended. */
public enum ExecutionStatus {
  /** Every leg filled as re-checked: the cycle is done, back in the start asset. */
  EXECUTED,
  /** Nothing traded: the re-check before the first leg, or the first order, found no trade. */
  ABORTED,
  /** A later leg was short or aborted; what was held was sold back to the start asset. */
  UNWOUND,
  /**
   * The unwind did not sell everything back: {@link ExecutionResult#leftover} says what is held.
   */
  STRANDED;

  /** The stored form, e.g. {@code executed}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
