package dev.arb.xchange;

import dev.arb.engine.resilience.CircuitBreaker;
import dev.arb.engine.resilience.Fault;
import dev.arb.engine.resilience.Retry;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exchange's REST calls: each through the exchange's {@link Retry} (its request budget,
 * retries, and circuit breaker), the last failure kept for health output, and the messages that say
 * what failed. Used under the venue's lock.
 */
final class VenueCalls {
  private static final Logger LOG = LoggerFactory.getLogger(VenueCalls.class);

  private final String name;
  private final Retry retry;
  private final CircuitBreaker breaker;
  private String lastError;

  /**
   * @param name the exchange, for messages
   * @param retry its retries within its budget, guarded by {@code breaker}
   * @param breaker its circuit breaker
   */
  VenueCalls(String name, Retry retry, CircuitBreaker breaker) {
    this.name = name;
    this.retry = retry.withBreaker(breaker);
    this.breaker = breaker;
  }

  /**
   * Makes one call; a failure is kept as the last error, {@code what} (such as {@code
   * "kraken:BTC/USD: GET /0/public/Depth?pair=XXBTZUSD"}) and the fault.
   */
  <T> Retry.Outcome<T> call(String what, Callable<T> call) throws InterruptedException {
    Retry.Outcome<T> o = retry.call(call);
    if (!o.ok() && o.fault().kind() != Fault.Kind.CIRCUIT_OPEN) {
      lastError = what + " " + o.fault().message();
      LOG.debug("{}: {}", name, lastError);
    }
    return o;
  }

  /** Whether requests may be sent (the breaker is not open). */
  boolean allows() {
    return breaker.allows();
  }

  /** While the exchange is held down, when it is tried again. */
  Optional<Instant> retryAt() {
    return breaker.retryAt();
  }

  /** The latest failure, for status output. */
  Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  /** {@code " (after 4 attempts)"} for a fault that was retried, else nothing. */
  String retriedNote(Fault fault) {
    return fault.retryable() ? " (after " + retry.policy().maxAttempts() + " attempts)" : "";
  }

  /** The exchange is held down: since when it failed, and until when. */
  String downMessage() {
    return name
        + ": exchange down after repeated failures"
        + (lastError == null ? "" : " (last: " + lastError + ")")
        + breaker.retryAt().map(t -> "; retried after " + t).orElse("");
  }
}
