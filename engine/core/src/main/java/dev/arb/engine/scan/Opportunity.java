package dev.arb.engine.scan;

import dev.arb.engine.model.Cycle;
import dev.arb.engine.record.OpportunityStatus;
import dev.arb.engine.sizing.SizingOutcome;
import dev.arb.engine.sizing.TradePlan;
import java.util.Objects;
import java.util.Optional;

/**
 * One cycle found by a scan, with its sizing and the verdict.
 *
 * @param rank 1 for the best top-of-book return
 * @param cycle the cycle, starting at its start asset
 * @param sizing the sized plan or why sizing rejected it
 * @param status {@link OpportunityStatus#SIZED} or {@link OpportunityStatus#REJECTED}
 * @param reason why it was rejected, empty when sized
 */
public record Opportunity(
    int rank,
    Cycle cycle,
    SizingOutcome sizing,
    OpportunityStatus status,
    Optional<String> reason) {
  public Opportunity {
    Objects.requireNonNull(cycle, "cycle");
    Objects.requireNonNull(sizing, "sizing");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    if (status == OpportunityStatus.REJECTED && reason.isEmpty()) {
      throw new IllegalArgumentException("a rejected opportunity needs a reason");
    }
  }

  /** The sized plan, if sizing produced one (even when a later rule rejected it). */
  public Optional<TradePlan> plan() {
    return sizing instanceof SizingOutcome.Sized s ? Optional.of(s.plan()) : Optional.empty();
  }
}
