package dev.arb.storage;

import dev.arb.config.PrivateFiles;
import dev.arb.config.StorageConfig;
import dev.arb.error.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The arb database file: opened with the pragmas arb relies on and migrated to the newest schema
 * this binary knows. Thread-safe; every {@link #jdbi()} handle is its own SQLite connection.
 *
 * <p>Settings, and why:
 *
 * <ul>
 *   <li>{@code journal_mode=WAL}: readers (e.g. {@code arb history}) never block the writer and the
 *       writer never blocks readers. The file comes with {@code arb.db-wal} and {@code arb.db-shm}
 *       next to it while open.
 *   <li>{@code synchronous=NORMAL}: in WAL mode a commit has been written to the WAL file (the
 *       operating system's cache) before it returns, so a committed transaction survives the
 *       process being killed (even with SIGKILL); only a power loss or OS crash can lose the last
 *       few commits, never corrupt the file. {@code FULL} would add an fsync per commit for that
 *       case, which a record store of opportunities does not need.
 *   <li>{@code busy_timeout}: another process holding the write lock is waited for this long.
 *   <li>Transactions are {@code BEGIN IMMEDIATE}: a writer takes the write lock up front, so the
 *       busy timeout applies and two writers cannot deadlock upgrading read locks.
 * </ul>
 *
 * <p>The data directory it creates is {@code 0700}, the database {@code 0600} (see {@link
 * PrivateFiles}).
 *
 * <p>One connection is kept open for the lifetime of this object so that the WAL is not
 * checkpointed and deleted after every short-lived handle; {@link #close()} releases it.
 */
public final class SqliteDatabase extends Database {

  private final Path file;
  private final Jdbi jdbi;
  private final Connection keeper;

  private SqliteDatabase(Path file, Jdbi jdbi, Connection keeper, String instance) {
    super(instance);
    this.file = file;
    this.jdbi = jdbi;
    this.keeper = keeper;
  }

  /**
   * Opens (creating the file and its parent directories if needed) and migrates the database.
   *
   * @param file the database file, e.g. {@code ~/.local/share/arb/arb.db}
   * @param busyTimeout how long to wait for a lock held by another connection
   * @throws StorageException if the file cannot be opened or created, or its schema is newer than
   *     this binary knows
   */
  public static SqliteDatabase open(Path file, Duration busyTimeout) {
    return open(file, busyTimeout, StorageConfig.defaultInstance());
  }

  /**
   * As {@link #open(Path, Duration)}, recording {@code instance} on every row written through it.
   *
   * @param instance this process's name ({@code arb.instance})
   */
  public static SqliteDatabase open(Path file, Duration busyTimeout, String instance) {
    return open(file, busyTimeout, Migrations.standard(), Clock.systemUTC(), instance);
  }

  static SqliteDatabase open(Path file, Duration busyTimeout, Migrations migrations, Clock clock) {
    return open(file, busyTimeout, migrations, clock, StorageConfig.defaultInstance());
  }

  private static SqliteDatabase open(
      Path file, Duration busyTimeout, Migrations migrations, Clock clock, String instance) {
    Path abs = file.toAbsolutePath().normalize();
    Path dir = abs.getParent();
    try {
      PrivateFiles.directories(dir);
    } catch (IOException | SecurityException e) {
      throw new StorageException(
          "could not create data directory "
              + dir
              + " for "
              + abs.getFileName()
              + ": "
              + e
              + "; create it or use another --data-dir",
          e);
    }
    if (Files.isDirectory(abs)) {
      throw new StorageException(
          "could not open " + abs + ": it is a directory; move it away or use another --data-dir");
    }
    ownerOnly(abs);
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    config.enforceForeignKeys(true);
    SQLiteDataSource ds = new SQLiteDataSource(config);
    ds.setUrl("jdbc:sqlite:" + abs);
    Connection keeper;
    try {
      keeper = ds.getConnection();
      // a connection holds the WAL open (and so keeps it from being deleted when another one
      // closes) only once it has read: read once
      try (java.sql.Statement st = keeper.createStatement();
          java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master")) {
        rs.next();
      } catch (SQLException e) {
        keeper.close();
        throw e;
      }
    } catch (SQLException e) {
      throw StorageErrors.map("open", abs.toString(), e);
    }
    Jdbi jdbi = configured(Jdbi.create(ds));
    return migrated(new SqliteDatabase(abs, jdbi, keeper, instance), migrations, clock);
  }

  /**
   * The database is its owner's only: a new file is created {@code 0600} before SQLite opens it
   * (SQLite gives {@code -wal} and {@code -shm} the database's mode); existing looser modes are
   * warned about, with the {@code chmod} to run.
   */
  private static void ownerOnly(Path abs) {
    try {
      PrivateFiles.file(abs);
    } catch (IOException e) {
      // SQLite's own open says what is wrong, in its terms
      return;
    }
    PrivateFiles.warnIfShared(abs.resolveSibling(abs.getFileName() + "-wal"));
    PrivateFiles.warnIfShared(abs.resolveSibling(abs.getFileName() + "-shm"));
  }

  /** The absolute database file. */
  public Path file() {
    return file;
  }

  @Override
  public String location() {
    return file.toString();
  }

  @Override
  Jdbi jdbi() {
    return jdbi;
  }

  @Override
  Dialect dialect() {
    return Dialect.SQLITE;
  }

  /**
   * Runs SQLite's own consistency check.
   *
   * @return {@code "ok"} for a sound file, else SQLite's list of problems
   */
  public String integrityCheck() {
    try {
      List<String> rows =
          jdbi.withHandle(h -> h.createQuery("PRAGMA integrity_check").mapTo(String.class).list());
      return String.join("\n", rows);
    } catch (JdbiException e) {
      throw StorageErrors.map("check", location(), e);
    }
  }

  /** Releases the kept connection; the last connection to close checkpoints the WAL. */
  @Override
  public void close() {
    try {
      keeper.close();
    } catch (SQLException e) {
      throw StorageErrors.map("close", location(), e);
    }
  }

  @Override
  public String toString() {
    return "SqliteDatabase[" + file + "]";
  }
}
