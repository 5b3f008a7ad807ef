package dev.arb.xchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchange.exceptions.RateLimitExceededException;
import si.mazi.rescu.HttpResponseAware;
import si.mazi.rescu.HttpStatusException;

/**
 * What went wrong with one request, classified from whatever XChange and its HTTP client threw.
 *
 * @param kind the class of failure
 * @param status the HTTP status, 0 if none was received
 * @param retryAfter the server's Retry-After, if it sent one
 * @param message a short description for people
 */
public record Fault(Kind kind, int status, Optional<Duration> retryAfter, String message) {

  /** Classes of failure; {@link #retryable()} ones are tried again with backoff. */
  public enum Kind {
    TIMEOUT(true),
    RATE_LIMITED(true),
    SERVER_ERROR(true),
    CONNECTION(true),
    MALFORMED(false),
    REJECTED(false),
    OTHER(false);

    private final boolean retryable;

    Kind(boolean retryable) {
      this.retryable = retryable;
    }

    /** Whether a request failing this way is worth repeating. */
    public boolean retryable() {
      return retryable;
    }
  }

  /** Classifies a failure by walking its cause chain. */
  public static Fault of(Throwable t) {
    int status = 0;
    Optional<Duration> retryAfter = Optional.empty();
    Kind kind = null;
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof HttpStatusException h && h.getHttpStatusCode() > 0 && status == 0) {
        status = h.getHttpStatusCode();
      }
      if (c instanceof HttpResponseAware r && retryAfter.isEmpty()) {
        retryAfter = retryAfter(r.getResponseHeaders());
      }
      if (kind == null) {
        if (c instanceof SocketTimeoutException || c instanceof InterruptedIOException) {
          kind = Kind.TIMEOUT;
        } else if (c instanceof ConnectException || c instanceof UnknownHostException) {
          kind = Kind.CONNECTION;
        } else if (c instanceof SocketException) {
          kind = Kind.CONNECTION;
        } else if (c instanceof RateLimitExceededException) {
          kind = Kind.RATE_LIMITED;
        } else if (c instanceof JsonProcessingException) {
          kind = Kind.MALFORMED;
        }
      }
    }
    if (status == 429 || status == 418) {
      kind = Kind.RATE_LIMITED;
    } else if (status >= 500) {
      kind = Kind.SERVER_ERROR;
    } else if (status >= 400 && kind == null) {
      kind = Kind.REJECTED;
    } else if (status >= 200 && status < 300 && (kind == null || kind == Kind.OTHER)) {
      // a success status whose body could not be read into the exchange's format
      kind = Kind.MALFORMED;
      status = 0;
    }
    if (kind == null) {
      kind = Kind.OTHER;
    }
    return new Fault(kind, status, retryAfter, describe(kind, status, t));
  }

  private static String describe(Kind kind, int status, Throwable t) {
    String what =
        switch (kind) {
          case TIMEOUT -> "timed out";
          case RATE_LIMITED -> "rate limited";
          case SERVER_ERROR -> "server error";
          case CONNECTION -> "cannot connect";
          case MALFORMED -> "malformed response";
          case REJECTED -> "request rejected";
          case OTHER -> "failed";
        };
    String detail = rootMessage(t);
    return what
        + (status > 0 ? " (HTTP " + status + ")" : "")
        + (detail.isEmpty() ? "" : ": " + detail);
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    m = m.replaceAll("\\s+", " ").trim();
    return m.length() > 200 ? m.substring(0, 200) + "..." : m;
  }

  /** Retry-After as seconds (the HTTP-date form is not used by these venues and is ignored). */
  static Optional<Duration> retryAfter(Map<String, List<String>> headers) {
    if (headers == null) {
      return Optional.empty();
    }
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() != null
          && e.getKey().toLowerCase(Locale.ROOT).equals("retry-after")
          && e.getValue() != null
          && !e.getValue().isEmpty()) {
        try {
          long s = Long.parseLong(e.getValue().get(0).trim());
          return s >= 0 ? Optional.of(Duration.ofSeconds(s)) : Optional.empty();
        } catch (NumberFormatException | DateTimeParseException x) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }
}
