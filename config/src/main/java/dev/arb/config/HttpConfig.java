package dev.arb.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The daemon's HTTP status/control endpoint ({@code arb.http}).
 *
 * @param enabled whether {@code arb run} serves it
 * @param host address to bind, 127.0.0.1 by default
 * @param port TCP port (0 picks a free one)
 * @param token where the bearer token for control routes is kept; empty disables control routes
 */
public record HttpConfig(boolean enabled, String host, int port, Optional<SecretRef> token) {
  public HttpConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(token, "token");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
    }
  }
}
