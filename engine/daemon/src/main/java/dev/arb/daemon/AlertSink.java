package dev.arb.daemon;

import java.time.Duration;

/** Where alerts go. Never blocks the caller; a full or dead sink drops (and counts) alerts. */
public interface AlertSink extends AutoCloseable {

  /**
   * Hands over an alert for delivery.
   *
   * @return false if it was dropped (queue full, or closed)
   */
  boolean offer(Alert alert);

  /** Stops accepting, delivers what is queued for at most {@code bound}, then gives up. */
  void close(Duration bound);

  @Override
  default void close() {
    close(Duration.ZERO);
  }

  /** Alerts off. */
  AlertSink NONE =
      new AlertSink() {
        @Override
        public boolean offer(Alert alert) {
          return false;
        }

        @Override
        public void close(Duration bound) {
          // nothing to deliver
        }
      };
}
