package dev.arb.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The whole effective configuration of arb, immutable. Built only by {@link ConfigLoader} from
 * (highest first) command-line options, {@code ARB_*} environment variables, the config file and
 * {@code reference.conf}; every key is documented in {@code reference.conf} under {@code arb}.
 *
 * @param dataDir directory holding {@code arb.db} and other state ({@code arb.data-dir})
 * @param logging log level and format ({@code arb.logging})
 * @param storage record store and batch writer settings ({@code arb.storage})
 * @param scan defaults for {@code arb scan} and the daemon's scans ({@code arb.scan})
 * @param exchanges per-exchange settings by lower-case exchange name ({@code arb.exchanges})
 * @param http the daemon's status/control endpoint ({@code arb.http})
 * @param defi the on-chain side ({@code arb.defi})
 */
public record ArbConfig(
    Path dataDir,
    LoggingConfig logging,
    StorageConfig storage,
    ScanConfig scan,
    Map<String, ExchangeConfig> exchanges,
    HttpConfig http,
    DefiConfig defi) {

  public ArbConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(logging, "logging");
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(scan, "scan");
    exchanges = Map.copyOf(exchanges);
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(defi, "defi");
  }

  /** The SQLite database file of the records. */
  public Path databaseFile() {
    return dataDir.resolve("arb.db");
  }
}
