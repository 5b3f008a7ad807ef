package dev.arb.engine.port;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How one exchange is doing, for scan output and the daemon status.
 *
 * @param exchange lower-case exchange name
 * @param state up (all books fetched), degraded (some markets failed) or down (circuit open: no
 *     requests until {@code retryAt})
 * @param books valid, fresh books in the latest snapshot
 * @param problems markets left out of the latest snapshot
 * @param lastError the latest failure, with the endpoint, or empty
 * @param retryAt when a down exchange is tried again, or empty
 */
public record VenueHealth(
    String exchange,
    State state,
    int books,
    int problems,
    Optional<String> lastError,
    Optional<Instant> retryAt) {

  /** Exchange states. */
  public enum State {
    UP,
    DEGRADED,
    DOWN;

    /** Lower-case name for output. */
    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public VenueHealth {
    Objects.requireNonNull(exchange, "exchange");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(lastError, "lastError");
    Objects.requireNonNull(retryAt, "retryAt");
    if (books < 0 || problems < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }
}
