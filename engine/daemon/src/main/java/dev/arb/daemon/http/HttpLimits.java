package dev.arb.daemon.http;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds that keep {@link NettyHttpServer} up when clients misbehave.
 *
 * @param headTimeout a request head (request line and headers) must be complete this long after the
 *     connection opened or the previous answer was sent; else 408 (or a silent close when nothing
 *     was sent)
 * @param bodyTimeout a body must be complete this long after its head; else 408
 * @param writeTimeout an answer must be taken by the client within this; else the connection is
 *     closed
 * @param lingerTimeout after an answer that ends a connection while the client may still be
 *     sending, what it sends is read and dropped for at most this long, so that it reads the answer
 *     instead of a reset
 * @param maxRequestLine longest request line, bytes (414 above)
 * @param maxHeaderBytes most header bytes of one request (431 above)
 * @param maxConnections most open connections; at the limit the connection that has waited longest
 *     for a request makes room
 * @param maxConnectionsPerClient most open connections from one address; a connection over it is
 *     answered 429 and closed
 * @param maxPipelined most requests read ahead on one connection while one is handled
 * @param probeThreads handler threads of {@link Lane#PROBE}
 * @param readThreads handler threads of {@link Lane#READ}
 * @param controlThreads handler threads of {@link Lane#CONTROL}
 * @param queuePerLane requests waiting per lane before 503
 */
public record HttpLimits(
    Duration headTimeout,
    Duration bodyTimeout,
    Duration writeTimeout,
    Duration lingerTimeout,
    int maxRequestLine,
    int maxHeaderBytes,
    int maxConnections,
    int maxConnectionsPerClient,
    int maxPipelined,
    int probeThreads,
    int readThreads,
    int controlThreads,
    int queuePerLane) {
  public HttpLimits {
    for (Duration d : new Duration[] {headTimeout, bodyTimeout, writeTimeout, lingerTimeout}) {
      Objects.requireNonNull(d, "timeout");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("HTTP timeouts must be positive, got " + d);
      }
    }
    if (maxRequestLine < 64 || maxHeaderBytes < 256) {
      throw new IllegalArgumentException(
          "request line limit must be at least 64 and header limit at least 256 bytes");
    }
    if (maxConnections < 2
        || maxConnectionsPerClient < 1
        || maxConnectionsPerClient > maxConnections) {
      throw new IllegalArgumentException(
          "connection limits must satisfy 1 <= per client <= total, total >= 2; got "
              + maxConnectionsPerClient
              + " and "
              + maxConnections);
    }
    if (maxPipelined < 1
        || probeThreads < 1
        || readThreads < 1
        || controlThreads < 1
        || queuePerLane < 1) {
      throw new IllegalArgumentException("pipelining, threads and queues must be at least 1");
    }
  }

  /** The daemon's limits. */
  public static HttpLimits defaults() {
    return new HttpLimits(
        Duration.ofSeconds(10),
        Duration.ofSeconds(10),
        Duration.ofSeconds(10),
        Duration.ofSeconds(2),
        4096,
        8192,
        512,
        16,
        16,
        1,
        4,
        2,
        64);
  }

  /** Threads of {@code lane}. */
  int threads(Lane lane) {
    return switch (lane) {
      case PROBE -> probeThreads;
      case READ -> readThreads;
      case CONTROL -> controlThreads;
    };
  }
}
