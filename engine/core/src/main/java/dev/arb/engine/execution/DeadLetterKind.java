package dev.arb.engine.execution;

import dev.arb.engine.record.ExecutionResult;
import dev.arb.engine.record.ExecutionStatus;
import java.util.Locale;
import java.util.Optional;

/**
 * Why an execution went to the dead-letter queue: it did not end back in the start asset as
 * planned, and a person (or {@code arb dlq retry}) has to look at what is left.
 */
public enum DeadLetterKind {
  /** Something traded, then a leg was short or stopped; the unwind sold everything back. */
  CYCLE_FAILED,
  /** The unwind could not sell everything back: holdings in other assets are left. */
  UNWIND_INCOMPLETE,
  /** The first order was sent and filled nothing (rejected, no liquidity, no balance). */
  ORDER_FAILED,
  /** After a crash, an order that was in flight could not be reconciled with the exchange. */
  RECONCILE_UNKNOWN;

  /** The stored form, e.g. {@code cycle_failed}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The dead-letter kind of an execution, or empty when it needs none: executed in full, or stopped
   * by the re-check before any order was sent (the opportunity was simply gone).
   */
  public static Optional<DeadLetterKind> of(ExecutionResult r) {
    if (r.status() == ExecutionStatus.EXECUTED) {
      return Optional.empty();
    }
    if (r.status() == ExecutionStatus.STRANDED || !r.leftover().isEmpty()) {
      return Optional.of(UNWIND_INCOMPLETE);
    }
    if (r.traded() || !r.unwind().isEmpty()) {
      return Optional.of(CYCLE_FAILED);
    }
    if (!r.legs().isEmpty()) {
      return Optional.of(ORDER_FAILED);
    }
    // aborted before any order: the opportunity was gone. Any other way of not executing (a status
    // added later, such as a live failure) is kept.
    return r.status() == ExecutionStatus.ABORTED ? Optional.empty() : Optional.of(CYCLE_FAILED);
  }
}
