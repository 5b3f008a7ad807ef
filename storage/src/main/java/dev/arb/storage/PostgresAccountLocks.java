package dev.arb.storage;

import dev.arb.engine.port.AccountLocks;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/**
 * {@link AccountLocks} as PostgreSQL session advisory locks, one per account, held on a connection
 * of their own (outside the pool) for as long as this process trades. When the process dies, its
 * connection ends and the server frees its locks; another daemon configured for the account then
 * gets it from {@link #tryAcquire} (and must reconcile the account's journal before trading).
 *
 * <p>The lock key is the first 64 bits of SHA-256 of {@code "arb account " + account}, in the
 * one-key space (the write lock of {@link Dialect#POSTGRESQL} uses the two-key space). If the lock
 * connection is lost, {@link #holds} says so and every lock is gone: the caller stops trading.
 */
public final class PostgresAccountLocks implements AccountLocks {
  private final PostgresDatabase db;
  private final Set<String> held = new HashSet<>();
  private Connection session;

  /**
   * @param db the shared database whose server keeps the locks
   */
  public PostgresAccountLocks(PostgresDatabase db) {
    this.db = db;
  }

  @Override
  public synchronized boolean tryAcquire(String account) {
    if (held.contains(account) && alive()) {
      return true;
    }
    try {
      Connection c = session();
      try (PreparedStatement st = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
        st.setLong(1, key(account));
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          boolean got = rs.getBoolean(1);
          if (got) {
            held.add(account);
          }
          return got;
        }
      }
    } catch (SQLException e) {
      dropSession();
      throw StorageErrors.map(
          "take the trading lock of account " + account + " in", db.location(), e);
    }
  }

  @Override
  public synchronized boolean holds(String account) {
    return held.contains(account) && alive();
  }

  @Override
  public synchronized void release(String account) {
    if (!held.remove(account) || session == null) {
      return;
    }
    try (PreparedStatement st = session.prepareStatement("SELECT pg_advisory_unlock(?)")) {
      st.setLong(1, key(account));
      st.executeQuery().close();
    } catch (SQLException e) {
      dropSession(); // the session's end frees whatever it held
    }
  }

  /**
   * Lets every account go: unlocked on the server before the session closes, so that another
   * daemon's {@link #tryAcquire} right after this returns gets them (a closed connection's locks
   * are freed only once the server has noticed, a few milliseconds later).
   */
  @Override
  public synchronized void close() {
    if (!held.isEmpty() && session != null) {
      try (PreparedStatement st = session.prepareStatement("SELECT pg_advisory_unlock_all()")) {
        st.executeQuery().close();
      } catch (SQLException e) {
        // the session's end frees them
      }
    }
    held.clear();
    dropSession();
  }

  /** The lock key of {@code account}. */
  static long key(String account) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(("arb account " + account).getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(d, 0, 8).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java", e);
    }
  }

  /** Whether the session still stands; if not, every lock went with it. */
  private boolean alive() {
    try {
      if (session != null && session.isValid(2)) {
        return true;
      }
    } catch (SQLException e) {
      // treated as lost below
    }
    held.clear();
    dropSession();
    return false;
  }

  private Connection session() throws SQLException {
    if (session == null || session.isClosed()) {
      session = db.dedicatedConnection();
      session.setAutoCommit(true);
    }
    return session;
  }

  private void dropSession() {
    if (session != null) {
      try {
        session.close();
      } catch (SQLException e) {
        // closing a broken connection: nothing more to free
      }
      session = null;
    }
  }

  @Override
  public String toString() {
    return "PostgresAccountLocks[" + db.location() + ", held " + held + "]";
  }
}
