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
 * @param run the daemon's pace and stop bound ({@code arb.run})
 * @param alerts the daemon's webhook alerts ({@code arb.alerts})
 * @param paper paper trading balances ({@code arb.paper})
 * @param risk execution risk limits ({@code arb.risk})
 * @param trading how cycles are traded: paper or live, legs in turn or at once ({@code
 *     arb.trading})
 * @param chains EVM chains whose pools are read, by lower-case chain name ({@code arb.chains})
 * @param chat control of the daemon from a chat ({@code arb.chat})
 */
public record ArbConfig(
    Path dataDir,
    LoggingConfig logging,
    StorageConfig storage,
    ScanConfig scan,
    Map<String, ExchangeConfig> exchanges,
    HttpConfig http,
    DefiConfig defi,
    RunConfig run,
    AlertsConfig alerts,
    PaperConfig paper,
    RiskConfig risk,
    TradingConfig trading,
    Map<String, ChainConfig> chains,
    ChatConfig chat) {

  public ArbConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(logging, "logging");
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(scan, "scan");
    exchanges = Map.copyOf(exchanges);
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(defi, "defi");
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(alerts, "alerts");
    Objects.requireNonNull(paper, "paper");
    Objects.requireNonNull(risk, "risk");
    Objects.requireNonNull(trading, "trading");
    chains = Map.copyOf(chains);
    Objects.requireNonNull(chat, "chat");
  }

  /** The SQLite database file of the records. */
  public Path databaseFile() {
    return dataDir.resolve("arb.db");
  }
}
