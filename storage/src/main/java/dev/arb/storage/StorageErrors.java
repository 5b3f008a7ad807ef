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
    return map(action, file.toString(), e);
  }

  /**
   * @param action what was being done, e.g. {@code "write records to"}
   * @param location the database (file or URL), as {@link Database#location()}
   * @param e the library exception (any cause chain)
   */
  static StorageException map(String action, String location, Throwable e) {
    if (e instanceof StorageException se) {
      return se;
    }
    SQLException sql = findSql(e);
    String detail = sql != null ? sql.getMessage() : String.valueOf(e.getMessage());
    return new StorageException(
        "could not " + action + " " + location + ": " + detail + "; " + advice(sql), e);
  }

  /**
   * Whether waiting may cure the failure: another connection held a lock. A read-only or full
   * database, an I/O error or a damaged file stay as they are until someone acts.
   */
  static boolean isTransient(Throwable e) {
    SQLException sql = findSql(e);
    if (sql != null && !(sql instanceof SQLiteException) && sql.getSQLState() != null) {
      return transientState(sql.getSQLState());
    }
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

  /**
   * PostgreSQL's (SQLSTATE) verdict: a lost or refused connection (class 08), a server shutting
   * down (57P01-57P03), too many connections or another resource short for now (class 53), a
   * serialization failure or deadlock (40001, 40P01), a lock wait cut short (55P03) pass; a bad
   * statement, a missing table, a refused login or a constraint do not.
   */
  private static boolean transientState(String state) {
    return state.startsWith("08")
        || state.startsWith("53")
        || state.startsWith("57P")
        || state.equals("40001")
        || state.equals("40P01")
        || state.equals("55P03");
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
      return sql == null || sql.getSQLState() == null
          ? "run with -v for details"
          : serverAdvice(sql.getSQLState());
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

  /** What to do about a PostgreSQL failure, by its SQLSTATE. */
  private static String serverAdvice(String state) {
    if (state.startsWith("08")) {
      return "check that the PostgreSQL server in arb.storage.url is running and reachable";
    }
    if (state.startsWith("28")) {
      return "check the user and password that arb.storage.user and arb.storage.password point to";
    }
    if (state.equals("3D000")) {
      return "create the database named in arb.storage.url (createdb), or fix the URL";
    }
    if (state.startsWith("42501")) {
      return "grant the arb user the rights to create tables in the database's schema";
    }
    if (state.startsWith("53")) {
      return "the server is short of connections, memory or disk; free some or lower"
          + " arb.storage.pool-size";
    }
    if (state.startsWith("57P")) {
      return "the server is shutting down or restarting; start it again";
    }
    return "run with -v for details";
  }
}
