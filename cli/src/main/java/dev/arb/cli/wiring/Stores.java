package dev.arb.cli.wiring;

import dev.arb.config.ArbConfig;
import dev.arb.engine.port.RecordStore;
import dev.arb.storage.SqliteRecordStore;
import java.util.Optional;

/** Which record store the commands and the daemon use: SQLite in the configured data directory. */
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
}
