package dev.arb.daemon.http;

/**
 * The handler pool a request runs on. Each lane has its own threads and queue, so requests of one
 * kind can never keep another kind waiting: many slow reads cannot delay the kill switch.
 */
public enum Lane {
  /** Liveness probes ({@code /health}): cheap, never block. */
  PROBE,
  /** Everything else for everyone: status, records, metrics. */
  READ,
  /** Authenticated control requests. */
  CONTROL
}
