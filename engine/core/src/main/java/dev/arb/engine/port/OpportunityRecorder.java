package dev.arb.engine.port;

import dev.arb.engine.record.OpportunityRecord;
import java.util.Optional;

/**
 * Where the engine hands finished opportunities so that recording never slows a scan. A recorder
 * may write asynchronously; whatever {@link #record} accepted is durable after {@link #flush} or
 * {@link #close} returns: in the store, or kept in a spill next to it while the store cannot be
 * written (written there when it can again).
 */
public interface OpportunityRecorder extends AutoCloseable {

  /**
   * Accepts a record for writing. May block briefly when the recorder's queue is full
   * (back-pressure); never drops an accepted record.
   *
   * @throws IllegalStateException if the recorder is closed
   */
  void record(OpportunityRecord record);

  /** Blocks until everything accepted so far is written. */
  void flush();

  /** Records accepted so far. */
  long acceptedCount();

  /**
   * Records written to the store so far, in the order accepted (those that went through the spill
   * are written, in their order, before any accepted after them).
   */
  long writtenCount();

  /** Accepted records kept in the spill, not in the store yet (0 when none or without a spill). */
  long spilledCount();

  /**
   * Why the store cannot be written, for people: what failed, where, what to do, and where the
   * records are meanwhile; empty while writes succeed.
   */
  Optional<String> failure();

  /**
   * Tells {@code watcher}, at once and on the recorder's own thread, about every failed write and
   * every recovery; replaces the watcher set before.
   */
  void watch(Watcher watcher);

  /** Hears about write failures and recoveries (the daemon: health, metrics, alerts). */
  interface Watcher {
    /** A write failed; {@code reason} as {@link #failure()} says it. */
    void failed(String reason);

    /** Writes succeed again after failing; {@code note} says what came back. */
    void recovered(String note);
  }

  /** Writes everything accepted, then releases resources. Idempotent. */
  @Override
  void close();
}
