package dev.arb.config;

import java.time.Duration;

/**
 * Record store settings ({@code arb.storage}).
 *
 * @param batchSize the batch writer flushes after this many records (at least 1)
 * @param flushInterval ... or after this long, whichever comes first (positive)
 * @param queueCapacity records that may wait in memory; when full, producers wait (at least 1)
 * @param busyTimeout how long SQLite waits for a lock held by another connection
 */
public record StorageConfig(
    int batchSize, Duration flushInterval, int queueCapacity, Duration busyTimeout) {
  public StorageConfig {
    if (batchSize < 1 || queueCapacity < 1) {
      throw new IllegalArgumentException("batchSize and queueCapacity must be at least 1");
    }
    if (flushInterval.isNegative() || flushInterval.isZero() || busyTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "flushInterval must be positive, busyTimeout not negative");
    }
  }
}
