package dev.arb.engine.record;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One dead letter: an execution that did not end as planned, kept with its full context until a
 * person retries or drops it.
 *
 * @param id store id, &gt; 0
 * @param createdAt when it was written (with its execution)
 * @param executionId the execution it belongs to
 * @param detectedAt detection time of the opportunity the execution traded
 * @param kind why it is here ({@link dev.arb.engine.execution.DeadLetterKind#code()}, e.g. {@code
 *     unwind_incomplete})
 * @param error what went wrong, for a person
 * @param context everything needed to retry or judge it, as JSON: mode, plan, fills, unwind,
 *     leftover holdings, exchanges, the risk limits at the time
 * @param status open, retried or dropped
 * @param resolvedAt when it was retried or dropped
 * @param resolution what the retry did, or why it was dropped
 */
public record DeadLetter(
    long id,
    Instant createdAt,
    long executionId,
    Instant detectedAt,
    String kind,
    String error,
    String context,
    DeadLetterStatus status,
    Optional<Instant> resolvedAt,
    Optional<String> resolution) {
  public DeadLetter {
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(detectedAt, "detectedAt");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(resolvedAt, "resolvedAt");
    Objects.requireNonNull(resolution, "resolution");
  }
}
