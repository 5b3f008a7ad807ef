package dev.arb.engine.sizing;

import dev.arb.engine.model.Cycle;
import java.util.Objects;

/** The result of sizing one cycle: a sized plan, or a rejection with its reason. */
public sealed interface SizingOutcome permits SizingOutcome.Sized, SizingOutcome.Rejected {

  /** The cycle that was sized. */
  Cycle cycle();

  /** A profitable plan, rounded and exactly re-priced. */
  record Sized(TradePlan plan) implements SizingOutcome {
    public Sized {
      Objects.requireNonNull(plan, "plan");
    }

    @Override
    public Cycle cycle() {
      return plan.cycle();
    }
  }

  /**
   * No plan.
   *
   * @param cycle the cycle
   * @param reason the kind of rejection
   * @param detail one line a person can read: what and where (leg, market, amounts)
   */
  record Rejected(Cycle cycle, RejectReason reason, String detail) implements SizingOutcome {
    public Rejected {
      Objects.requireNonNull(cycle, "cycle");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
