package dev.arb.storage;

import dev.arb.error.StorageException;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.NoTemplateEngine;

/**
 * A migrated record database, SQLite ({@link SqliteDatabase}) or PostgreSQL ({@link
 * PostgresDatabase}): every repository in this package runs over either, with the differences of
 * the two SQL dialects kept in {@link Dialect}.
 *
 * <p>Every row a repository writes carries {@link #instance()}, the name of the arb process that
 * wrote it, so that several daemons can share one PostgreSQL database and still tell their rows
 * apart.
 */
public abstract sealed class Database implements AutoCloseable
    permits SqliteDatabase, PostgresDatabase {

  private final String instance;

  Database(String instance) {
    if (instance == null || instance.isBlank() || instance.length() > 200) {
      throw new IllegalArgumentException(
          "an instance name must be 1 to 200 characters, got '" + instance + "'");
    }
    this.instance = instance;
  }

  /** Jdbi over this database; callers map {@link JdbiException} with {@link #location()}. */
  abstract Jdbi jdbi();

  /** The SQL dialect of this database. */
  abstract Dialect dialect();

  /**
   * Where the database is, safe to print: the SQLite file, or the PostgreSQL URL (it holds no
   * password: those are secret references).
   */
  public abstract String location();

  /** The name of this arb process recorded on every row it writes ({@code arb.instance}). */
  public String instance() {
    return instance;
  }

  /**
   * Runs {@code callback} in one write transaction: on SQLite a {@code BEGIN IMMEDIATE}
   * transaction, on PostgreSQL one that first takes the database's write lock. Either way the
   * callback is the only writer to the record tables until it commits, so reading a maximum and
   * writing after it, or checking for a row and inserting it, cannot race another process.
   */
  <R, X extends Exception> R inTransaction(HandleCallback<R, X> callback) throws X {
    return jdbi()
        .inTransaction(
            h -> {
              dialect().lockForWrite(h);
              return callback.withHandle(h);
            });
  }

  /** The schema version the database is at (0 for none). */
  public int schemaVersion() {
    try {
      return jdbi().withHandle(h -> Migrations.currentVersion(h, dialect()));
    } catch (JdbiException e) {
      throw StorageErrors.map("read the schema version of", location(), e);
    }
  }

  /** Closes the database (its kept connection or its pool). */
  @Override
  public abstract void close();

  /** Jdbi with arb's column mappers, no templates. */
  static Jdbi configured(Jdbi jdbi) {
    jdbi.setTemplateEngine(new NoTemplateEngine());
    jdbi.installPlugin(new ArbColumns());
    return jdbi;
  }

  /** Migrates {@code db} with {@code migrations}; on failure closes it and rethrows mapped. */
  static <D extends Database> D migrated(D db, Migrations migrations, java.time.Clock clock) {
    try {
      migrations.apply(db, clock);
    } catch (RuntimeException e) {
      db.close();
      throw e instanceof StorageException ? e : StorageErrors.map("migrate", db.location(), e);
    }
    return db;
  }
}
