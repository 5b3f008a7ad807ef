package dev.arb.cli;

import dev.arb.config.ArbConfig;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.storage.BatchOpportunityWriter;
import dev.arb.storage.SqliteDatabase;
import dev.arb.storage.SqliteOpportunityRepository;
import java.util.List;

/**
 * The record store of a command that records: opens {@code arb.db} in the configured data directory
 * (creating it and applying migrations), writes through the batch writer, and on close flushes
 * everything accepted before closing the database.
 */
final class RecordSink implements AutoCloseable {
  private final SqliteDatabase db;
  private final BatchOpportunityWriter writer;

  private RecordSink(SqliteDatabase db, BatchOpportunityWriter writer) {
    this.db = db;
    this.writer = writer;
  }

  static RecordSink open(ArbConfig config) {
    SqliteDatabase db = SqliteDatabase.open(config.databaseFile(), config.storage().busyTimeout());
    try {
      SqliteOpportunityRepository repo = new SqliteOpportunityRepository(db);
      return new RecordSink(
          db, BatchOpportunityWriter.start(repo, db.file().toString(), config.storage()));
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  void recordAll(List<OpportunityRecord> records) {
    for (OpportunityRecord r : records) {
      writer.record(r);
    }
  }

  /** How many records were written so far. */
  long written() {
    return writer.writtenCount();
  }

  String file() {
    return db.file().toString();
  }

  @Override
  public void close() {
    try {
      writer.close();
    } finally {
      db.close();
    }
  }
}
