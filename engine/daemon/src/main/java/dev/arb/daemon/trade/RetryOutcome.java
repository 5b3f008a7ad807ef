package dev.arb.daemon.trade;

import dev.arb.engine.model.Asset;
import dev.arb.engine.record.ExecutionStatus;
import dev.arb.engine.record.Holding;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What the retry of a dead letter did: an expected outcome, as a value. */
public sealed interface RetryOutcome {

  /** The retried dead letter's id. */
  long deadLetter();

  /**
   * Something was traded: the dead letter is {@code retried}.
   *
   * @param executionId the retry's execution
   * @param status how that execution ended
   * @param realized its realized profit in {@code start}
   * @param leftover what it still holds outside {@code start}
   * @param newDeadLetter its own dead letter, when it did not end as planned either
   * @param note the resolution note
   */
  record Retried(
      long deadLetter,
      long executionId,
      ExecutionStatus status,
      BigDecimal realized,
      Asset start,
      List<Holding> leftover,
      Optional<Long> newDeadLetter,
      String note)
      implements RetryOutcome {
    public Retried {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(realized, "realized");
      Objects.requireNonNull(start, "start");
      leftover = List.copyOf(leftover);
      Objects.requireNonNull(newDeadLetter, "newDeadLetter");
      Objects.requireNonNull(note, "note");
    }
  }

  /**
   * Nothing was traded and no execution stored: the dead letter stays {@code open} with {@code
   * error} as its newest error.
   *
   * @param why what stopped it, for people
   * @param error the error now stored with the dead letter ({@code retry at <time>: <why>})
   */
  record KeptOpen(long deadLetter, String why, String error) implements RetryOutcome {
    public KeptOpen {
      Objects.requireNonNull(why, "why");
      Objects.requireNonNull(error, "error");
    }
  }

  /**
   * The re-run cycle was stored as an execution but traded nothing: the dead letter stays {@code
   * open}.
   *
   * @param executionId the stored execution
   * @param reason why nothing traded
   */
  record NothingTraded(long deadLetter, long executionId, String reason) implements RetryOutcome {
    public NothingTraded {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
