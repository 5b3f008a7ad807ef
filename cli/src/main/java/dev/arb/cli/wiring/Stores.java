package dev.arb.cli.wiring;

import dev.arb.config.ArbConfig;
import dev.arb.engine.port.RecordStore;
import dev.arb.storage.DataDirLock;
import dev.arb.storage.SqliteRecordStore;
import java.util.Optional;

/**
 * Which record store the commands and the daemon use: SQLite in the configured data directory.
 *
 * <p>Who may write what while {@code arb run} holds the data directory: the daemon holds it for its
 * whole life ({@link #claim}); so does {@code arb dlq retry}, which trades and shares the paper
 * ledger and the order journal with the daemon, and is refused while one runs (exit 2, naming its
 * PID). Commands that only read ({@code history}, {@code status}, {@code dlq list/show}) or only
 * append or resolve single rows ({@code scan --record}, {@code dlq drop}) open the store without
 * the claim: SQLite (WAL, busy timeout) serialises their writes with the daemon's, and they never
 * run the start-up recovery, which only the holder does.
 */
public final class Stores {
  private Stores() {}

  /** Opens the record store of {@code cfg}, creating it (and migrating it) when needed. */
  public static RecordStore open(ArbConfig cfg) {
    return SqliteRecordStore.open(cfg);
  }

  /** Opens the record store of {@code cfg} if it exists (commands that only read or resolve). */
  public static Optional<RecordStore> openExisting(ArbConfig cfg) {
    return SqliteRecordStore.openExisting(cfg).map(s -> s);
  }

  /**
   * Claims {@code cfg}'s data directory for this process until {@link Claim#close()}.
   *
   * @throws dev.arb.error.DataDirInUseException when another process holds it (exit 2)
   */
  public static Claim claim(ArbConfig cfg) {
    return new Claim(cfg, DataDirLock.acquire(cfg.dataDir()));
  }

  /**
   * This process's claim on a data directory: the stores it opens may recover what an earlier
   * process left (records in flight, records kept in the spill) and keep what the database refuses
   * in the spill. Closing it lets the directory go; the stores close on their own.
   */
  public static final class Claim implements AutoCloseable {
    private final ArbConfig cfg;
    private final DataDirLock lock;

    private Claim(ArbConfig cfg, DataDirLock lock) {
      this.cfg = cfg;
      this.lock = lock;
    }

    /** Opens the record store, creating it when needed. */
    public RecordStore open() {
      return SqliteRecordStore.open(cfg, lock);
    }

    /** Opens the record store if it exists. */
    public Optional<RecordStore> openExisting() {
      return SqliteRecordStore.openExisting(cfg, lock).map(s -> s);
    }

    @Override
    public void close() {
      lock.close();
    }
  }
}
