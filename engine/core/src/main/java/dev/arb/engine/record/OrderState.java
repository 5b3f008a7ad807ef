package dev.arb.engine.record;

import java.util.Locale;

/**
 * Where a live order stands in the journal: {@code intent} (written before it is sent) → {@code
 * sent} (the exchange acknowledged it) → one of the final states. {@code unknown} is not final: the
 * outcome could not be learned and reconciliation must ask the exchange again.
 */
public enum OrderState {
  /** Written, not yet sent (or sent without an answer). */
  INTENT(false),
  /** Acknowledged by the exchange with its order id; may still be open. */
  SENT(false),
  /** Filled in full. */
  FILLED(true),
  /** Filled in part, the rest cancelled. */
  PARTIAL(true),
  /** Nothing filled, cancelled (or expired). */
  CANCELLED(true),
  /** Refused by the exchange (or never sent because it could not be sized). */
  REJECTED(true),
  /** The outcome could not be learned (timeout, exchange down). */
  UNKNOWN(false);

  private final boolean terminal;

  OrderState(boolean terminal) {
    this.terminal = terminal;
  }

  /** Whether the order is settled: nothing about it can change any more. */
  public boolean terminal() {
    return terminal;
  }

  /** The stored form, e.g. {@code sent}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state stored as {@code code}. */
  public static OrderState of(String code) {
    return valueOf(code.trim().toUpperCase(Locale.ROOT));
  }
}
