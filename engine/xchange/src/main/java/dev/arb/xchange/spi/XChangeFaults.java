package dev.arb.xchange.spi;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.arb.engine.resilience.Fault;
import dev.arb.engine.resilience.Fault.Kind;
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
 * The edge where XChange's exceptions (its {@code ExchangeException}s, rescu's HTTP status
 * exceptions, the JDK's socket exceptions, Jackson's parse errors) become arb's {@link Fault}: the
 * class of failure, the HTTP status, the server's Retry-After and a message for people. No library
 * exception leaves the adapter: calls run through a {@link dev.arb.engine.resilience.Retry} with
 * this classifier, and what fails is reported as a value or a {@code VenueException}.
 */
public final class XChangeFaults {
  private XChangeFaults() {}

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
        kind = kindOf(c);
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
    return Fault.of(kind == null ? Kind.OTHER : kind, status, retryAfter, rootMessage(t));
  }

  private static Kind kindOf(Throwable c) {
    if (c instanceof SocketTimeoutException || c instanceof InterruptedIOException) {
      return Kind.TIMEOUT;
    }
    if (c instanceof ConnectException
        || c instanceof UnknownHostException
        || c instanceof SocketException) {
      return Kind.CONNECTION;
    }
    if (c instanceof RateLimitExceededException) {
      return Kind.RATE_LIMITED;
    }
    if (c instanceof JsonProcessingException) {
      return Kind.MALFORMED;
    }
    return null;
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
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
