package dev.arb.storage;

import dev.arb.config.ArbConfig;
import dev.arb.config.SecretResolver;
import dev.arb.config.StorageConfig;
import dev.arb.engine.execution.RiskLimits;
import dev.arb.engine.port.AccountLocks;
import dev.arb.engine.port.DeadLetterRepository;
import dev.arb.engine.port.ExecutionRepository;
import dev.arb.engine.port.OpportunityRecorder;
import dev.arb.engine.port.OpportunityRepository;
import dev.arb.engine.port.OrderJournal;
import dev.arb.engine.port.RecordStore;
import dev.arb.engine.port.RelayRecordStore;
import dev.arb.error.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record store: by default SQLite, {@code arb.db} in the configured data directory (created,
 * and migrated, when opened); with {@code arb.storage.url} set, a PostgreSQL database several arb
 * processes share (see {@link PostgresDatabase}). Every repository over that one database, and ONE
 * {@link BatchOpportunityWriter} started on first use. {@link #close} flushes every accepted
 * record, then closes the database.
 *
 * <p>Opened by the process holding the data directory ({@link #open(ArbConfig, DataDirLock)}: the
 * daemon, {@code arb dlq retry}), the store also keeps what the database refuses in a {@link
 * SpillJournal} next to it, replays a spill left by an earlier process when it opens, and may mark
 * records left in flight failed. Opened without the lock ({@code arb history}, {@code arb scan
 * --record}) it does neither: it only reads, or appends through SQLite's own locking, and a write
 * that keeps failing is reported to the person who ran the command.
 */
public final class SqliteRecordStore implements RecordStore {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteRecordStore.class);

  private final Database db;
  private final StorageConfig storage;
  private final SpillJournal spill;
  private final List<String> notes = new ArrayList<>();
  private final SqliteOpportunityRepository opportunities;
  private final SqliteExecutionRepository executions;
  private final SqliteDeadLetterRepository deadLetters;
  private final SqliteOrderJournal journal;
  private final SqliteRelayRecordStore relays;
  private BatchOpportunityWriter writer;
  private AccountLocks locks;
  private boolean closed;

  private SqliteRecordStore(
      Database db, StorageConfig storage, RiskLimits limits, Path spillNextTo) {
    this.db = db;
    this.storage = storage;
    this.opportunities = new SqliteOpportunityRepository(db, spillNextTo != null);
    this.spill =
        spillNextTo != null
            ? new SpillJournal(spillNextTo, opportunities::saveOnce, Clock.systemUTC())
            : null;
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
    return over(database(config), config.storage(), RiskLimits.of(config.risk()));
  }

  /** Opens the database {@code config} names: its PostgreSQL URL, else its SQLite file. */
  private static Database database(ArbConfig config) {
    StorageConfig s = config.storage();
    if (s.postgres().isPresent()) {
      StorageConfig.Postgres pg = s.postgres().get();
      SecretResolver secrets = new SecretResolver(System.getenv());
      return PostgresDatabase.open(
          pg.url(),
          pg.user().map(ref -> secrets.resolve("arb.storage.user", ref)),
          pg.password().map(ref -> secrets.resolve("arb.storage.password", ref)),
          pg.poolSize(),
          s.busyTimeout(),
          s.instance());
    }
    return SqliteDatabase.open(config.databaseFile(), s.busyTimeout(), s.instance());
  }

  /**
   * Where the records a database refuses are kept: next to the SQLite file, or for PostgreSQL in
   * the data directory ({@code postgres.spill.jsonl}).
   */
  private static Path spillNextTo(ArbConfig config, Database db) {
    return db instanceof SqliteDatabase sqlite
        ? sqlite.file()
        : config.dataDir().toAbsolutePath().normalize().resolve("postgres");
  }

  /**
   * Opens {@code config}'s database for the process holding its data directory: records the
   * database refuses are kept in its spill, and a spill an earlier process left is written to the
   * database now (when it can be; else by the batch writer later).
   *
   * @param lock this process's claim on {@code config}'s data directory
   * @throws dev.arb.error.StorageException when it cannot be opened, or its spill is damaged
   */
  public static SqliteRecordStore open(ArbConfig config, DataDirLock lock) {
    Path dir = config.dataDir().toAbsolutePath().normalize();
    if (!lock.dir().equals(dir) || !DataDirLock.heldHere(dir)) {
      throw new IllegalArgumentException(lock + " is not a held lock on " + dir);
    }
    Database db = database(config);
    SqliteRecordStore store =
        new SqliteRecordStore(
            db, config.storage(), RiskLimits.of(config.risk()), spillNextTo(config, db));
    try {
      store.replaySpill();
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    return store;
  }

  /** Writes what an earlier process kept in the spill; a damaged spill stops the opening. */
  private void replaySpill() {
    long kept = spill.records(); // reads every line: a damaged one throws here
    if (kept == 0) {
      return;
    }
    try {
      long n = spill.replay();
      notes.add(
          n
              + " records from "
              + spill.file()
              + " (kept there while the database could not be written) are in the database now");
    } catch (StorageException e) {
      LOG.warn(
          "{} records kept in {} cannot be written yet: {}", kept, spill.file(), e.getMessage());
      notes.add(
          kept
              + " records kept in "
              + spill.file()
              + " wait for the database to be writable: "
              + e.getMessage());
    }
  }

  /**
   * A record store over an open database; closing the store closes it.
   *
   * @param storage the batch recorder's settings
   * @param limits the risk limits recorded in every dead letter's context (null: unknown)
   */
  public static SqliteRecordStore over(Database db, StorageConfig storage, RiskLimits limits) {
    return new SqliteRecordStore(db, storage, limits, null);
  }

  /**
   * Opens {@code config}'s database if it exists: commands that only read (or resolve what is
   * there) do not create an empty one.
   */
  public static Optional<SqliteRecordStore> openExisting(ArbConfig config) {
    if (config.storage().postgres().isEmpty() && !Files.exists(config.databaseFile())) {
      return Optional.empty();
    }
    return Optional.of(open(config));
  }

  /** As {@link #openExisting(ArbConfig)}, for the process holding the data directory. */
  public static Optional<SqliteRecordStore> openExisting(ArbConfig config, DataDirLock lock) {
    if (config.storage().postgres().isEmpty() && !Files.exists(config.databaseFile())) {
      return Optional.empty();
    }
    return Optional.of(open(config, lock));
  }

  @Override
  public String location() {
    return db.location();
  }

  /** The database under this store. */
  public Database database() {
    return db;
  }

  @Override
  public synchronized OpportunityRecorder recorder() {
    if (closed && writer == null) {
      throw new IllegalStateException("the record store " + location() + " is closed");
    }
    if (writer == null) {
      writer = BatchOpportunityWriter.start(opportunities, location(), storage, spill);
    }
    return writer;
  }

  /**
   * PostgreSQL: one advisory lock per account on a session of its own; SQLite: every account is
   * this process's (the data directory is).
   */
  @Override
  public synchronized AccountLocks accountLocks() {
    if (locks == null) {
      locks =
          db instanceof PostgresDatabase pg
              ? new PostgresAccountLocks(pg)
              : AccountLocks.processLocal();
    }
    return locks;
  }

  /**
   * The order journal as an account's new owner reconciles it: only the unresolved orders of
   * accounts (named by exchange) this process holds the lock of, whichever instance sent them.
   */
  @Override
  public OrderJournal orderJournalOfHeldAccounts() {
    if (!db.dialect().shared()) {
      return journal; // this process holds the data directory, and so every account
    }
    return new HeldAccountsJournal(journal, accountLocks());
  }

  @Override
  public List<String> notes() {
    return List.copyOf(notes);
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
      if (locks != null) {
        locks.close();
      }
      db.close();
    }
  }
}
