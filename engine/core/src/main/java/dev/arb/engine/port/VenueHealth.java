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
 * @param feed where the books come from: the exchange's WebSocket stream, or REST polling (also
 *     while a configured stream is down or resynchronising)
 * @param stream the order-book stream's own counters where the exchange streams, else empty
 */
public record VenueHealth(
    String exchange,
    State state,
    int books,
    int problems,
    Optional<String> lastError,
    Optional<Instant> retryAt,
    Feed feed,
    Optional<Stream> stream) {

  /**
   * How an exchange's order-book stream is doing, as of the latest poll.
   *
   * @param connected whether the WebSocket connection is open
   * @param reconnects connections opened again after a drop or a failed attempt, since start
   * @param gaps missed updates detected (checksum mismatch, sequence gap, crossed book), each
   *     followed by a resynchronisation from a new snapshot, since start
   * @param lastMessageAt local time the latest book message arrived, or empty if none yet
   */
  public record Stream(
      boolean connected, long reconnects, long gaps, Optional<Instant> lastMessageAt) {
    public Stream {
      Objects.requireNonNull(lastMessageAt, "lastMessageAt");
      if (reconnects < 0 || gaps < 0) {
        throw new IllegalArgumentException("stream counts must not be negative");
      }
    }
  }

  /** Where an exchange's books come from. */
  public enum Feed {
    /** REST polling. */
    POLL,
    /** The exchange's WebSocket stream, for at least one market. */
    STREAM;

    /** Lower-case name for output. */
    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

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
    Objects.requireNonNull(feed, "feed");
    Objects.requireNonNull(stream, "stream");
    if (books < 0 || problems < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }

  /** Health of an exchange without a stream's counters. */
  public VenueHealth(
      String exchange,
      State state,
      int books,
      int problems,
      Optional<String> lastError,
      Optional<Instant> retryAt,
      Feed feed) {
    this(exchange, state, books, problems, lastError, retryAt, feed, Optional.empty());
  }

  /** Health of an exchange whose books are polled over REST. */
  public VenueHealth(
      String exchange,
      State state,
      int books,
      int problems,
      Optional<String> lastError,
      Optional<Instant> retryAt) {
    this(exchange, state, books, problems, lastError, retryAt, Feed.POLL);
  }
}
