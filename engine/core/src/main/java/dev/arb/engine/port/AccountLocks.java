package dev.arb.engine.port;

/**
 * Who may trade an account (an exchange and its key, or a wallet): a process trades an account only
 * while it holds the account's lock, so that two daemons sharing one record store never trade one
 * account at once. With the default SQLite store one process holds the data directory and so every
 * account; with PostgreSQL the lock is the server's (an advisory lock of this process's session),
 * which the server frees when the process dies.
 *
 * <p>Taking over: a process that gets the lock of an account another process traded must resolve
 * that account's journal (the orders left in flight, by the {@code Reconciler}) before it trades.
 */
public interface AccountLocks extends AutoCloseable {

  /**
   * Takes the lock of {@code account} if no other process holds it; never waits.
   *
   * @param account a stable name for the account, such as {@code kraken} or {@code kraken:<key
   *     fingerprint>}
   * @return true when this process holds it now (also when it held it already)
   */
  boolean tryAcquire(String account);

  /**
   * Whether this process still holds {@code account}'s lock: checked before each trade, since a
   * lost connection to the server loses the lock with it.
   */
  boolean holds(String account);

  /** Lets {@code account} go (nothing when not held). */
  void release(String account);

  /** Lets every account go. */
  @Override
  void close();

  /**
   * Locks for a store only this process writes (SQLite: the process holding the data directory):
   * every account is this process's, at once.
   */
  static AccountLocks processLocal() {
    java.util.Set<String> held = java.util.concurrent.ConcurrentHashMap.newKeySet();
    return new AccountLocks() {
      @Override
      public boolean tryAcquire(String account) {
        held.add(account);
        return true;
      }

      @Override
      public boolean holds(String account) {
        return held.contains(account);
      }

      @Override
      public void release(String account) {
        held.remove(account);
      }

      @Override
      public void close() {
        held.clear();
      }
    };
  }
}
