package dev.arb.storage;

import dev.arb.error.StorageException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Maps JDBC/Jdbi failures to {@link StorageException}s that say what, where and what to do. */
final class StorageErrors {
  private StorageErrors() {}

  /**
   * @param action what was being done, e.g. {@code "write records to"}
   * @param file the database file
   * @param e the library exception (any cause chain)
   */
  static StorageException map(String action, Path file, Throwable e) {
    if (e instanceof StorageException se) {
      return se;
    }
    SQLException sql = findSql(e);
    String detail = sql != null ? sql.getMessage() : String.valueOf(e.getMessage());
    return new StorageException(
        "could not " + action + " " + file + ": " + detail + "; " + advice(sql), e);
  }

  /**
   * Whether waiting may cure the failure: another connection held a lock. A read-only or full
   * database, an I/O error or a damaged file stay as they are until someone acts.
   */
  static boolean isTransient(Throwable e) {
    SQLException sql = findSql(e);
    if (!(sql instanceof SQLiteException s)) {
      return true; // not SQLite's own verdict (e.g. a test's fake): retry as before
    }
    return switch (s.getResultCode()) {
      case SQLITE_BUSY,
          SQLITE_BUSY_SNAPSHOT,
          SQLITE_BUSY_RECOVERY,
          SQLITE_BUSY_TIMEOUT,
          SQLITE_LOCKED,
          SQLITE_LOCKED_SHAREDCACHE,
          SQLITE_LOCKED_VTAB ->
          true;
      default -> false;
    };
  }

  private static SQLException findSql(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        return s;
      }
    }
    return null;
  }

  private static String advice(SQLException sql) {
    SQLiteErrorCode code = sql instanceof SQLiteException s ? s.getResultCode() : null;
    if (code == null) {
      return "run with -v for details";
    }
    switch (code) {
      case SQLITE_BUSY:
      case SQLITE_BUSY_SNAPSHOT:
      case SQLITE_BUSY_RECOVERY:
      case SQLITE_LOCKED:
        return "another process held the database lock longer than arb.storage.busy-timeout;"
            + " stop it or raise the timeout";
      case SQLITE_CANTOPEN:
      case SQLITE_CANTOPEN_ISDIR:
      case SQLITE_CANTOPEN_NOTEMPDIR:
      case SQLITE_PERM:
      case SQLITE_AUTH:
        return "check that the path is a file in a writable directory, or use another --data-dir";
      case SQLITE_READONLY:
      case SQLITE_READONLY_DIRECTORY:
      case SQLITE_READONLY_CANTLOCK:
      case SQLITE_READONLY_RECOVERY:
      case SQLITE_READONLY_ROLLBACK:
      case SQLITE_READONLY_DBMOVED:
        return "the database or its directory is read-only; fix the permissions or use another"
            + " --data-dir";
      case SQLITE_FULL:
        return "the disk is full; free some space";
      case SQLITE_NOTADB:
      case SQLITE_CORRUPT:
      case SQLITE_CORRUPT_VTAB:
        return "the file is not an arb database or is damaged; move it away or use another"
            + " --data-dir";
      default:
        return "run with -v for details";
    }
  }
}
