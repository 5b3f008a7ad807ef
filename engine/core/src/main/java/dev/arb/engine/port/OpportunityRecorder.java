package dev.arb.engine.port;

import dev.arb.engine.record.OpportunityRecord;

/**
 * Where the engine hands finished opportunities so that recording never slows a scan. A recorder
 * may write asynchronously; whatever {@link #record} accepted is durable after {@link #flush} or
 * {@link #close} returns.
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

  /** Records written so far (always a prefix of the accepted ones, in order). */
  long writtenCount();

  /** Writes everything accepted, then releases resources. Idempotent. */
  @Override
  void close();
}
