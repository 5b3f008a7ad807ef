package dev.arb.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Record store settings ({@code arb.storage}, and {@code arb.instance}).
 *
 * @param batchSize the batch writer flushes after this many records (at least 1)
 * @param flushInterval ... or after this long, whichever comes first (positive)
 * @param queueCapacity records that may wait in memory; when full, producers wait (at least 1)
 * @param busyTimeout how long SQLite waits for a lock held by another connection; for PostgreSQL,
 *     how long to wait for a connection
 * @param postgres the shared PostgreSQL database ({@code arb.storage.url}); empty: SQLite in the
 *     data directory
 * @param instance this process's name, recorded on every row it writes ({@code arb.instance}, env
 *     {@code ARB_INSTANCE}, default the host name): letters, digits, {@code . _ -}, 1 to 63
 */
public record StorageConfig(
    int batchSize,
    Duration flushInterval,
    int queueCapacity,
    Duration busyTimeout,
    Optional<Postgres> postgres,
    String instance) {

  private static final Pattern INSTANCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  public StorageConfig {
    if (batchSize < 1 || queueCapacity < 1) {
      throw new IllegalArgumentException("batchSize and queueCapacity must be at least 1");
    }
    if (flushInterval.isNegative() || flushInterval.isZero() || busyTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "flushInterval must be positive, busyTimeout not negative");
    }
    Objects.requireNonNull(postgres, "postgres");
    if (!isInstanceName(instance)) {
      throw new IllegalArgumentException(
          "instance must be 1 to 63 letters, digits, '.', '_' or '-', got '" + instance + "'");
    }
  }

  /** SQLite settings, under this host's name. */
  public StorageConfig(
      int batchSize, Duration flushInterval, int queueCapacity, Duration busyTimeout) {
    this(batchSize, flushInterval, queueCapacity, busyTimeout, Optional.empty(), defaultInstance());
  }

  /**
   * A PostgreSQL record store ({@code arb.storage.url}).
   *
   * @param url {@code jdbc:postgresql://host[:port]/database}, without credentials
   * @param user where the login name is kept ({@code arb.storage.user}); empty: the OS user
   * @param password where the password is kept ({@code arb.storage.password}); empty: none
   * @param poolSize most connections open at once ({@code arb.storage.pool-size}, at least 2: one
   *     for the batch writer, one for everything else)
   */
  public record Postgres(
      String url, Optional<SecretRef> user, Optional<SecretRef> password, int poolSize) {
    public Postgres {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
      if (!url.startsWith("jdbc:postgresql://")) {
        throw new IllegalArgumentException("url must start with jdbc:postgresql://, got " + url);
      }
      if (poolSize < 2) {
        throw new IllegalArgumentException("poolSize must be at least 2, got " + poolSize);
      }
    }
  }

  /** Whether {@code name} may name an instance. */
  public static boolean isInstanceName(String name) {
    return name != null && INSTANCE.matcher(name).matches();
  }

  /**
   * This machine's host name as an instance name (characters an instance may not hold become {@code
   * -}), or {@code localhost} when it cannot be found.
   */
  public static String defaultInstance() {
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        host = "localhost";
      }
    }
    String name = host.trim().replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[._-]+", "");
    if (name.length() > 63) {
      name = name.substring(0, 63);
    }
    return isInstanceName(name) ? name : "localhost";
  }
}
