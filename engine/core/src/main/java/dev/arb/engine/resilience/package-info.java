/**
 * The one retry, rate-limit and circuit-breaker implementation of every call arb makes to the
 * outside world: exchanges (arb-xchange), JSON-RPC nodes (arb-defi) and webhooks (arb-daemon). A
 * pure policy: it sends nothing itself and imports no I/O library. The adapter that makes a call
 * says what a failure means ({@link dev.arb.engine.resilience.Fault}, classified from its library's
 * exceptions); {@link dev.arb.engine.resilience.Retry} runs the call within a request budget
 * ({@link dev.arb.engine.resilience.TokenBucket}), retries what is worth retrying with bounded
 * backoff ({@link dev.arb.engine.resilience.Backoff}), honours the server's Retry-After up to a
 * limit, and feeds a {@link dev.arb.engine.resilience.CircuitBreaker}. Clocks and waits are
 * injected ({@link dev.arb.engine.resilience.Sleeper}), so tests run on fake time.
 *
 * <p>What must never be repeated stays with the caller: an order placement is sent once ({@link
 * dev.arb.engine.resilience.Retry#once()}) and looked up by its client id; a signed transaction is
 * handed over again only as the very same bytes.
 */
package dev.arb.engine.resilience;
