package dev.arb.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import dev.arb.error.ConfigException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Loads {@link ArbConfig}. Precedence, highest first: {@code overrides} (command-line options,
 * keyed by full path such as {@code arb.data-dir}), environment ({@code ARB_*}), the config file
 * ({@code file}, else {@code $ARB_CONFIG}), {@code reference.conf}.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /**
   * Loads and validates.
   *
   * @param file config file given on the command line, if any
   * @param env the process environment (passed in so tests control it)
   * @param overrides values from command-line options by full key path
   * @throws ConfigException listing every problem found
   */
  public static LoadedConfig load(
      Optional<Path> file, Map<String, String> env, Map<String, String> overrides) {
    Optional<Path> chosen = file.or(() -> Optional.ofNullable(env.get("ARB_CONFIG")).map(Path::of));
    Config fileConfig = ConfigFactory.empty();
    if (chosen.isPresent()) {
      Path p = chosen.get();
      if (!Files.isRegularFile(p)) {
        throw new ConfigException(
            "config: file " + p + " does not exist or is not a file; check --config or ARB_CONFIG");
      }
      try {
        fileConfig =
            ConfigFactory.parseFile(
                p.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
      } catch (com.typesafe.config.ConfigException e) {
        throw new ConfigException("config: cannot parse " + p + ": " + e.getMessage(), e);
      }
    }
    Map<String, Object> envValues = new LinkedHashMap<>();
    putIfSet(envValues, env, "ARB_DATA_DIR", "arb.data-dir");
    putIfSet(envValues, env, "ARB_LOG_LEVEL", "arb.logging.level");
    putIfSet(envValues, env, "ARB_LOG_FORMAT", "arb.logging.format");
    putIfSet(envValues, env, "ARB_HTTP_PORT", "arb.http.port");
    putIfSet(envValues, env, "ARB_DEFI_RPC_URL", "arb.defi.rpc-url");
    Config merged =
        ConfigFactory.parseMap(overrides, "command line")
            .withFallback(ConfigFactory.parseMap(envValues, "environment"))
            .withFallback(fileConfig)
            .withFallback(ConfigFactory.defaultReference(ConfigLoader.class.getClassLoader()))
            .resolve();
    return new LoadedConfig(toTyped(merged.getConfig("arb"), env), merged, chosen);
  }

  private static void putIfSet(
      Map<String, Object> target, Map<String, String> env, String var, String key) {
    String v = env.get(var);
    if (v != null && !v.isBlank()) {
      target.put(key, v);
    }
  }

  private static ArbConfig toTyped(Config c, Map<String, String> env) {
    Path dataDir = c.getIsNull("data-dir") ? defaultDataDir(env) : Path.of(c.getString("data-dir"));
    LoggingConfig logging =
        new LoggingConfig(
            c.getString("logging.level").toUpperCase(java.util.Locale.ROOT),
            LoggingConfig.LogFormat.valueOf(
                c.getString("logging.format").toUpperCase(java.util.Locale.ROOT)));
    StorageConfig storage =
        new StorageConfig(
            c.getInt("storage.batch-size"),
            c.getDuration("storage.flush-interval"),
            c.getInt("storage.queue-capacity"),
            c.getDuration("storage.busy-timeout"));
    ScanConfig scan =
        new ScanConfig(
            c.getInt("scan.max-length"),
            c.getInt("scan.top"),
            c.getDouble("scan.min-profit-bp"),
            c.getStringList("scan.start-assets"),
            c.getIsNull("scan.amount")
                ? Optional.empty()
                : Optional.of(new BigDecimal(c.getString("scan.amount"))),
            c.getIsNull("scan.max-age")
                ? Optional.<Duration>empty()
                : Optional.of(c.getDuration("scan.max-age")));
    HttpConfig http =
        new HttpConfig(
            c.getBoolean("http.enabled"),
            c.getString("http.host"),
            c.getInt("http.port"),
            secret(c, "http.token"));
    DefiConfig defi =
        new DefiConfig(
            c.getIsNull("defi.rpc-url")
                ? Optional.empty()
                : Optional.of(c.getString("defi.rpc-url")),
            c.getLong("defi.chain-id"),
            c.getIsNull("defi.keystore")
                ? Optional.empty()
                : Optional.of(Path.of(c.getString("defi.keystore"))),
            secret(c, "defi.keystore-password"));
    return new ArbConfig(dataDir, logging, storage, scan, Map.of(), http, defi);
  }

  private static Optional<SecretRef> secret(Config c, String path) {
    if (!c.hasPath(path)) {
      return Optional.empty();
    }
    Config s = c.getConfig(path);
    if (s.hasPath("env")) {
      return Optional.of(new SecretRef.Env(s.getString("env")));
    }
    if (s.hasPath("file")) {
      return Optional.of(new SecretRef.File(Path.of(s.getString("file"))));
    }
    return Optional.empty();
  }

  /** {@code $XDG_DATA_HOME/arb}, else {@code ~/.local/share/arb}. */
  public static Path defaultDataDir(Map<String, String> env) {
    String xdg = env.get("XDG_DATA_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "arb");
    }
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    return Path.of(home, ".local", "share", "arb");
  }
}
