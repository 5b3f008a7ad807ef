package dev.arb.engine.port;

/**
 * An open record store ({@code arb.db} by default): every repository over one database and ONE
 * batch recorder of opportunities for the store's whole life. The wiring opens it; {@link #close}
 * flushes everything the recorder accepted, then closes the database. Implementations are
 * thread-safe.
 */
public interface RecordStore extends AutoCloseable {

  /** Where the records are, for people (the database file). */
  String location();

  /**
   * What opening the store did that a person should know, one sentence each (e.g. records an
   * earlier process kept aside, written now); empty when nothing.
   */
  java.util.List<String> notes();

  /**
   * The batch recorder of opportunities, started on first use; whatever it accepted is written by
   * {@link #close}.
   */
  OpportunityRecorder recorder();

  /** Opportunity records, read and written directly. */
  OpportunityRepository opportunities();

  /**
   * Executions and the paper ledger; dead letters written through it record the risk limits the
   * store was opened with.
   */
  ExecutionRepository executions();

  /** The dead-letter queue. */
  DeadLetterRepository deadLetters();

  /** The live order journal. */
  OrderJournal orderJournal();

  /** The relayer's records. */
  RelayRecordStore relays();

  /**
   * Who may trade which account: the database server's locks when several processes share the
   * store, else every account is this process's. Closed with the store.
   */
  default AccountLocks accountLocks() {
    return AccountLocks.processLocal();
  }

  /**
   * The live order journal as a trader reconciles it: only the orders of accounts (exchanges) this
   * process holds the lock of, so that a daemon never resolves (cancels) another live daemon's
   * orders. Where this process holds every account, the whole journal.
   */
  default OrderJournal orderJournalOfHeldAccounts() {
    return orderJournal();
  }

  /** Flushes the recorder (when it was started), then closes the database. Idempotent. */
  @Override
  void close();
}
