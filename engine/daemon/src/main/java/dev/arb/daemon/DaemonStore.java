package dev.arb.daemon;

import dev.arb.config.ArbConfig;
import dev.arb.engine.record.HistoryQuery;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.storage.BatchOpportunityWriter;
import dev.arb.storage.SqliteDatabase;
import dev.arb.storage.SqliteOpportunityRepository;
import java.util.List;

/**
 * The daemon's record store: {@code arb.db} opened once, with ONE batch writer for the daemon's
 * whole life. {@link #close} flushes every accepted record, then closes the database.
 */
final class DaemonStore implements AutoCloseable {
  private final SqliteDatabase db;
  private final SqliteOpportunityRepository repository;
  private final BatchOpportunityWriter writer;

  private DaemonStore(
      SqliteDatabase db, SqliteOpportunityRepository repository, BatchOpportunityWriter writer) {
    this.db = db;
    this.repository = repository;
    this.writer = writer;
  }

  static DaemonStore open(ArbConfig config) {
    SqliteDatabase db = SqliteDatabase.open(config.databaseFile(), config.storage().busyTimeout());
    try {
      SqliteOpportunityRepository repo = new SqliteOpportunityRepository(db);
      return new DaemonStore(
          db, repo, BatchOpportunityWriter.start(repo, db.file().toString(), config.storage()));
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  SqliteDatabase database() {
    return db;
  }

  SqliteOpportunityRepository repository() {
    return repository;
  }

  void record(OpportunityRecord r) {
    writer.record(r);
  }

  long accepted() {
    return writer.acceptedCount();
  }

  long written() {
    return writer.writtenCount();
  }

  List<OpportunityRecord> find(HistoryQuery q) {
    return repository.find(q);
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
