package dev.arb.engine.resilience;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What went wrong with one outside call, as the adapter that made it classified its library's
 * exception.
 *
 * @param kind the class of failure; {@link Kind#retryable()} ones are tried again
 * @param status the HTTP status, 0 if none was received
 * @param retryAfter how long the server asked to wait, if it said
 * @param message a short description for people (no stack trace, no class names of arb's)
 */
public record Fault(Kind kind, int status, Optional<Duration> retryAfter, String message) {

  /** Classes of failure. */
  public enum Kind {
    /** No answer within the timeout. */
    TIMEOUT(true, "timed out"),
    /** The server asked to slow down (HTTP 429 and the like). */
    RATE_LIMITED(true, "rate limited"),
    /** The server failed (HTTP 5xx). */
    SERVER_ERROR(true, "server error"),
    /** The connection could not be made or broke. */
    CONNECTION(true, "cannot connect"),
    /** An answer arrived that is not in the service's format. */
    MALFORMED(false, "malformed response"),
    /** The service answered no (HTTP 4xx, an error in the answer). */
    REJECTED(false, "request rejected"),
    /** Not sent: the circuit breaker holds the service down. */
    CIRCUIT_OPEN(false, "not sent"),
    /** Anything else. */
    OTHER(false, "failed");

    private final boolean retryable;
    private final String what;

    Kind(boolean retryable, String what) {
      this.retryable = retryable;
      this.what = what;
    }

    /** Whether a call failing this way is worth repeating. */
    public boolean retryable() {
      return retryable;
    }
  }

  public Fault {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(retryAfter, "retryAfter");
    Objects.requireNonNull(message, "message");
  }

  /**
   * A fault whose message is the kind's words, the status and the detail: {@code server error (HTTP
   * 502): Bad Gateway}.
   *
   * @param detail what the library said, for people; may be empty
   */
  public static Fault of(Kind kind, int status, Optional<Duration> retryAfter, String detail) {
    String d = detail == null ? "" : detail.replaceAll("\\s+", " ").trim();
    if (d.length() > 200) {
      d = d.substring(0, 200) + "...";
    }
    return new Fault(
        kind,
        status,
        retryAfter,
        kind.what + (status > 0 ? " (HTTP " + status + ")" : "") + (d.isEmpty() ? "" : ": " + d));
  }

  /** A fault of {@code kind} without status or Retry-After. */
  public static Fault of(Kind kind, String detail) {
    return of(kind, 0, Optional.empty(), detail);
  }

  /** Whether a call failing this way is worth repeating. */
  public boolean retryable() {
    return kind.retryable();
  }

  /** The same fault with {@code more} added to its message. */
  public Fault explained(String more) {
    return new Fault(kind, status, retryAfter, message + more);
  }
}
