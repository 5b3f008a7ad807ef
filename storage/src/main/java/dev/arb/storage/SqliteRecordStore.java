package dev.arb.storage;

import dev.arb.config.ArbConfig;
import dev.arb.config.StorageConfig;
import dev.arb.engine.execution.RiskLimits;
import dev.arb.engine.port.DeadLetterRepository;
import dev.arb.engine.port.ExecutionRepository;
import dev.arb.engine.port.OpportunityRecorder;
import dev.arb.engine.port.OpportunityRepository;
import dev.arb.engine.port.OrderJournal;
import dev.arb.engine.port.RecordStore;
import dev.arb.engine.port.RelayRecordStore;
import java.nio.file.Files;
import java.util.Optional;

/**
 * The record store in SQLite: {@code arb.db} in the configured data directory (created, and
 * migrated, when opened), every repository over that one database, and ONE {@link
 * BatchOpportunityWriter} started on first use. {@link #close} flushes every accepted record, then
 * closes the database.
 */
public final class SqliteRecordStore implements RecordStore {
  private final SqliteDatabase db;
  private final StorageConfig storage;
  private final SqliteOpportunityRepository opportunities;
  private final SqliteExecutionRepository executions;
  private final SqliteDeadLetterRepository deadLetters;
  private final SqliteOrderJournal journal;
  private final SqliteRelayRecordStore relays;
  private BatchOpportunityWriter writer;
  private boolean closed;

  private SqliteRecordStore(SqliteDatabase db, StorageConfig storage, RiskLimits limits) {
    this.db = db;
    this.storage = storage;
    this.opportunities = new SqliteOpportunityRepository(db);
    this.executions = new SqliteExecutionRepository(db, limits);
    this.deadLetters = new SqliteDeadLetterRepository(db);
    this.journal = new SqliteOrderJournal(db);
    this.relays = new SqliteRelayRecordStore(db);
  }

  /**
   * Opens {@code config}'s database, creating it and applying migrations when needed.
   *
   * @throws dev.arb.error.StorageException when it cannot be opened
   */
  public static SqliteRecordStore open(ArbConfig config) {
    return over(
        SqliteDatabase.open(config.databaseFile(), config.storage().busyTimeout()),
        config.storage(),
        RiskLimits.of(config.risk()));
  }

  /**
   * A record store over an open database; closing the store closes it.
   *
   * @param storage the batch recorder's settings
   * @param limits the risk limits recorded in every dead letter's context (null: unknown)
   */
  public static SqliteRecordStore over(
      SqliteDatabase db, StorageConfig storage, RiskLimits limits) {
    return new SqliteRecordStore(db, storage, limits);
  }

  /**
   * Opens {@code config}'s database if it exists: commands that only read (or resolve what is
   * there) do not create an empty one.
   */
  public static Optional<SqliteRecordStore> openExisting(ArbConfig config) {
    if (!Files.exists(config.databaseFile())) {
      return Optional.empty();
    }
    return Optional.of(open(config));
  }

  @Override
  public String location() {
    return db.file().toString();
  }

  @Override
  public synchronized OpportunityRecorder recorder() {
    if (closed && writer == null) {
      throw new IllegalStateException("the record store " + location() + " is closed");
    }
    if (writer == null) {
      writer = BatchOpportunityWriter.start(opportunities, location(), storage);
    }
    return writer;
  }

  @Override
  public OpportunityRepository opportunities() {
    return opportunities;
  }

  @Override
  public ExecutionRepository executions() {
    return executions;
  }

  @Override
  public DeadLetterRepository deadLetters() {
    return deadLetters;
  }

  @Override
  public OrderJournal orderJournal() {
    return journal;
  }

  @Override
  public RelayRecordStore relays() {
    return relays;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (writer != null) {
        writer.close();
      }
    } finally {
      db.close();
    }
  }
}
