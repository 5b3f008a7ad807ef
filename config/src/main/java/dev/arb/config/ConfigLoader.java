package dev.arb.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigResolver;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import dev.arb.config.LoggingConfig.LogFormat;
import dev.arb.error.ConfigException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads {@link ArbConfig}. Precedence, highest first: {@code overrides} (command-line options,
 * keyed by full path such as {@code arb.data-dir}), the {@code ARB_*} environment overrides listed
 * in {@link ArbEnv#OVERRIDES}, the config file ({@code file}, else {@code $ARB_CONFIG}), {@code
 * reference.conf}. Every value keeps its origin, so each problem names the key, the bad value, what
 * is allowed and where the value came from; all problems are reported together.
 */
public final class ConfigLoader {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

  private static final Pattern EXCHANGE_NAME = Pattern.compile("[a-z][a-z0-9-]*");
  private static final Pattern MARKET = Pattern.compile("[A-Za-z0-9.]+/[A-Za-z0-9.]+");
  private static final Pattern ASSET = Pattern.compile("[A-Za-z0-9.]+");
  private static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

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
    Optional<Path> chosen = chooseFile(file, env);
    Config fileConfig = chosen.map(ConfigLoader::parseFile).orElse(ConfigFactory.empty());

    Config envLayer = ConfigFactory.empty();
    List<String> envUsed = new ArrayList<>();
    for (ArbEnv.EnvOverride o : ArbEnv.OVERRIDES) {
      String v = env.get(o.variable());
      if (v != null && !v.isBlank()) {
        envLayer =
            envLayer.withValue(
                o.key(),
                ConfigValueFactory.fromAnyRef(v, ConfigOrigins.ENVIRONMENT + o.variable()));
        envUsed.add(o.variable());
      }
    }
    Config cliLayer = ConfigFactory.empty();
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      cliLayer =
          cliLayer.withValue(
              e.getKey(), ConfigValueFactory.fromAnyRef(e.getValue(), ConfigOrigins.COMMAND_LINE));
    }
    LOG.debug(
        "config: file {}, environment overrides {}, command-line overrides {}",
        chosen.map(Path::toString).orElse("(none)"),
        envUsed,
        new TreeSet<>(overrides.keySet()));

    Config reference =
        ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), "reference.conf");
    Config merged;
    try {
      merged =
          cliLayer
              .withFallback(envLayer)
              .withFallback(fileConfig)
              .withFallback(reference)
              .resolve(
                  ConfigResolveOptions.defaults()
                      .setUseSystemEnvironment(false)
                      .appendResolver(new EnvResolver(env)));
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException(
          "config: cannot resolve a ${...} substitution: "
              + cleanMessage(e)
              + " ("
              + ConfigOrigins.where(e.origin())
              + ")");
    }

    ConfigReader r = new ConfigReader(merged.root());
    ArbConfig config = bind(r, env);
    r.reportUnknownKeys();
    if (!r.problems().isEmpty()) {
      throw new ConfigException(r.problems());
    }
    if (config == null) {
      throw new IllegalStateException(
          "reference.conf with the defaults of arb is not on the class path");
    }
    return new LoadedConfig(config, merged, chosen);
  }

  private static Optional<Path> chooseFile(Optional<Path> file, Map<String, String> env) {
    if (file.isPresent()) {
      return Optional.of(file.get().toAbsolutePath().normalize());
    }
    String fromEnv = env.get(ArbEnv.CONFIG_FILE);
    if (fromEnv == null || fromEnv.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(Path.of(fromEnv).toAbsolutePath().normalize());
  }

  private static Config parseFile(Path p) {
    if (!Files.isRegularFile(p)) {
      throw new ConfigException(
          "config: file " + p + " does not exist or is not a file; check --config or ARB_CONFIG");
    }
    if (!Files.isReadable(p)) {
      throw new ConfigException("config: file " + p + " is not readable by this user");
    }
    try {
      return ConfigFactory.parseFile(
          p.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (com.typesafe.config.ConfigException e) {
      String line =
          e.origin() != null && e.origin().lineNumber() > 0
              ? " line " + e.origin().lineNumber()
              : "";
      // The library's exception is not attached: its message may quote a secret pasted in the
      // wrong place, and the cause would reach the debug log.
      throw new ConfigException(
          "config: cannot parse " + p + line + ": " + cleanMessage(e) + "; fix the HOCON syntax");
    }
  }

  /**
   * The library's message without its origin prefix, and with quoted text removed: a parse error
   * may quote the offending token, which could be a secret pasted in the wrong place.
   */
  private static String cleanMessage(com.typesafe.config.ConfigException e) {
    String m = String.valueOf(e.getMessage());
    ConfigOrigin o = e.origin();
    if (o != null && m.startsWith(o.description() + ": ")) {
      m = m.substring(o.description().length() + 2);
    }
    return m.replaceAll("'[^']*'", "'...'").replaceAll("\"[^\"]*\"", "\"...\"");
  }

  /** {@code arb.storage.url} and its login: empty for SQLite, null when there were problems. */
  private static Optional<StorageConfig.Postgres> postgres(ConfigReader r) {
    String allowed = "a PostgreSQL JDBC URL such as jdbc:postgresql://db.example:5432/arb";
    String url = r.string("arb.storage.url", true, allowed);
    Optional<SecretRef> user = r.secret("arb.storage.user");
    Optional<SecretRef> password = r.secret("arb.storage.password");
    int poolSize =
        r.intIn("arb.storage.pool-size", 2, Integer.MAX_VALUE, "a whole number of at least 2");
    if (url == null) {
      return Optional.empty();
    }
    if (!url.startsWith("jdbc:postgresql://") || url.length() == "jdbc:postgresql://".length()) {
      r.note(
          "arb.storage.url",
          r.value("arb.storage.url").origin(),
          "must be " + allowed + " (the value given is not shown: it may hold a password)");
      return null;
    }
    if (url.toLowerCase(Locale.ROOT).contains("password")) {
      r.note(
          "arb.storage.url",
          r.value("arb.storage.url").origin(),
          "must not carry a password (the URL is printed and logged); set arb.storage.password"
              + " = { env = \"ARB_PG_PASSWORD\" } instead and remove it from the URL");
      return null;
    }
    return Optional.of(new StorageConfig.Postgres(url, user, password, Math.max(2, poolSize)));
  }

  /** {@code arb.instance}, default the host name; null when it is not a valid name. */
  private static String instance(ConfigReader r) {
    String allowed = "a name of 1 to 63 letters, digits, '.', '_' or '-' (such as tokyo-1)";
    String name = r.string("arb.instance", true, allowed);
    if (name == null) {
      return r.value("arb.instance") != null && !isNullValue(r, "arb.instance")
          ? null
          : StorageConfig.defaultInstance();
    }
    if (!StorageConfig.isInstanceName(name)) {
      r.problem("arb.instance", r.value("arb.instance"), allowed);
      return null;
    }
    return name;
  }

  private static boolean isNullValue(ConfigReader r, String path) {
    var v = r.value(path);
    return v == null || v.valueType() == ConfigValueType.NULL;
  }

  /** Reads the typed tree; null when there were problems (they are in {@code r}). */
  private static ArbConfig bind(ConfigReader r, Map<String, String> env) {
    Path dataDir = r.path("arb.data-dir", true);

    String level = r.choice("arb.logging.level", LEVELS, "one of " + String.join(", ", LEVELS));
    String format = r.choice("arb.logging.format", List.of("text", "json"), "text or json");

    int batchSize =
        r.intIn("arb.storage.batch-size", 1, Integer.MAX_VALUE, "a whole number of at least 1");
    Duration flushInterval =
        r.duration(
            "arb.storage.flush-interval",
            Duration.ZERO,
            true,
            false,
            "a positive duration such as 200ms or 1s");
    int queueCapacity =
        r.intIn("arb.storage.queue-capacity", 1, Integer.MAX_VALUE, "a whole number of at least 1");
    Duration busyTimeout =
        r.duration(
            "arb.storage.busy-timeout",
            Duration.ZERO,
            false,
            false,
            "a duration of 0 or more such as 5s");

    Optional<StorageConfig.Postgres> postgres = postgres(r);
    String instance = instance(r);

    int maxLength = r.intIn("arb.scan.max-length", 2, 10, "a whole number between 2 and 10");
    int top = r.intIn("arb.scan.top", 1, Integer.MAX_VALUE, "a whole number of at least 1");
    double minProfitBp = r.number("arb.scan.min-profit-bp", "a number of basis points");
    List<String> startAssets =
        r.stringList(
            "arb.scan.start-assets", ASSET, "a list of asset codes such as [\"USD\", \"BTC\"]");
    BigDecimal amount =
        r.decimal(
            "arb.scan.amount",
            BigDecimal.ZERO,
            null,
            true,
            "a positive decimal such as \"0.5\", or null");
    Duration maxAge =
        r.duration(
            "arb.scan.max-age",
            Duration.ZERO,
            true,
            true,
            "a positive duration such as 5s, or null");
    Map<String, TransferConfig> transfers = TransfersSection.read(r);

    Map<String, ExchangeConfig> exchanges = exchanges(r);

    boolean httpEnabled = r.bool("arb.http.enabled", true);
    String httpHost = r.string("arb.http.host", false, "a host name or IP address");
    int port = r.intIn("arb.http.port", 0, 65535, "a port between 0 and 65535");
    Optional<SecretRef> token = r.secret("arb.http.token");

    Duration runInterval =
        r.duration(
            "arb.run.interval", Duration.ZERO, true, false, "a positive duration such as 1s");
    Duration shutdownTimeout =
        r.duration(
            "arb.run.shutdown-timeout",
            Duration.ZERO,
            true,
            false,
            "a positive duration such as 20s");
    Duration retention =
        r.duration(
            "arb.run.retention",
            Duration.ZERO,
            true,
            true,
            "a positive duration such as 30d, or null to keep every record");
    String runWait = r.choice("arb.run.wait", List.of("phased", "spin"), "phased or spin");
    Optional<SecretRef> webhook = r.secret("arb.alerts.webhook");
    String alertFormat =
        r.choice(
            "arb.alerts.format",
            List.of("generic", "slack", "discord"),
            "generic, slack or discord");
    double alertMinBp = r.number("arb.alerts.min-profit-bp", "a number of basis points");
    Duration alertTimeout =
        r.duration(
            "arb.alerts.timeout", Duration.ZERO, true, false, "a positive duration such as 5s");
    Duration exchangeDownAfter =
        r.duration(
            "arb.alerts.exchange-down-after",
            Duration.ZERO,
            true,
            false,
            "a positive duration such as 2m");

    PaperConfig paper = paper(r);
    RiskConfig risk = risk(r);
    String legs =
        r.choice(
            "arb.trading.legs", List.of("sequential", "concurrent"), "sequential or concurrent");
    String tradingMode = r.choice("arb.trading.mode", List.of("paper", "live"), "paper or live");
    Duration orderTimeout =
        r.duration(
            "arb.trading.order-timeout",
            Duration.ZERO,
            true,
            false,
            "a positive duration such as 10s");
    Duration orderPoll =
        r.duration(
            "arb.trading.poll-interval",
            Duration.ZERO,
            true,
            false,
            "a positive duration such as 250ms");

    String rpcUrl = r.url("arb.defi.rpc-url", List.of("http", "https", "ws", "wss"));
    Long chainId = r.integer("arb.defi.chain-id", 1, Long.MAX_VALUE, "a chain id of at least 1");
    Path keystore = r.path("arb.defi.keystore", true);
    Optional<SecretRef> keystorePassword = r.secret("arb.defi.keystore-password");
    BigDecimal maxFeeGwei = maxFeeGwei(r);
    Duration receiptTimeout =
        r.duration(
            "arb.defi.receipt-timeout",
            Duration.ZERO,
            true,
            false,
            "a positive duration such as 5m");
    Duration replaceAfter =
        r.duration(
            "arb.defi.replace-after",
            Duration.ZERO,
            true,
            true,
            "a positive duration such as 1m, or null (never replace)");
    int maxReplacements =
        r.intIn(
            "arb.defi.max-replacements",
            0,
            DefiConfig.MAX_REPLACEMENTS_LIMIT,
            "a whole number from 0 to " + DefiConfig.MAX_REPLACEMENTS_LIMIT);
    Optional<RelayerConfig> relayer = relayer(r);
    BigDecimal minProfitMargin =
        r.decimal(
            "arb.defi.min-profit-margin",
            BigDecimal.ZERO,
            null,
            false,
            "a decimal of the chain's native token of 0 or more, such as 0.001 (ETH on Ethereum)");
    Map<String, ChainConfig> chains = ChainsSection.read(r);
    ChatConfig chat = ChatSection.read(r);

    if (!r.problems().isEmpty()
        || level == null
        || format == null
        || flushInterval == null
        || busyTimeout == null
        || postgres == null
        || instance == null
        || httpHost == null
        || runInterval == null
        || shutdownTimeout == null
        || runWait == null
        || alertFormat == null
        || alertTimeout == null
        || exchangeDownAfter == null
        || chainId == null
        || maxFeeGwei == null
        || receiptTimeout == null
        || risk == null
        || legs == null
        || tradingMode == null
        || orderTimeout == null
        || orderPoll == null
        || chat == null) {
      return null;
    }
    return new ArbConfig(
        dataDir == null ? defaultDataDir(env) : dataDir,
        new LoggingConfig(level, LogFormat.valueOf(format.toUpperCase(Locale.ROOT))),
        new StorageConfig(batchSize, flushInterval, queueCapacity, busyTimeout, postgres, instance),
        new ScanConfig(
            maxLength,
            top,
            minProfitBp,
            startAssets,
            Optional.ofNullable(amount),
            Optional.ofNullable(maxAge),
            transfers),
        exchanges,
        new HttpConfig(httpEnabled, httpHost, port, token),
        new DefiConfig(
            Optional.ofNullable(rpcUrl),
            chainId,
            Optional.ofNullable(keystore),
            keystorePassword,
            maxFeeGwei,
            receiptTimeout,
            Optional.ofNullable(replaceAfter),
            maxReplacements,
            relayer,
            minProfitMargin == null ? DefiConfig.DEFAULT_MIN_PROFIT_MARGIN : minProfitMargin),
        new RunConfig(
            runInterval,
            shutdownTimeout,
            Optional.ofNullable(retention),
            RunConfig.Wait.valueOf(runWait.toUpperCase(Locale.ROOT))),
        new AlertsConfig(
            webhook,
            AlertsConfig.Format.valueOf(alertFormat.toUpperCase(Locale.ROOT)),
            alertMinBp,
            alertTimeout,
            exchangeDownAfter),
        paper,
        risk,
        new TradingConfig(
            TradingConfig.Mode.valueOf(tradingMode.toUpperCase(Locale.ROOT)),
            TradingConfig.Legs.valueOf(legs.toUpperCase(Locale.ROOT)),
            orderTimeout,
            orderPoll),
        chains,
        chat);
  }

  private static PaperConfig paper(ConfigReader r) {
    Duration latency =
        r.duration(
            "arb.paper.latency",
            Duration.ZERO,
            false,
            false,
            "a duration of 0 or more such as 0 or 200ms");
    BigDecimal slippage =
        r.decimal(
            "arb.paper.slippage-bp",
            BigDecimal.ZERO,
            null,
            false,
            "a number of basis points of 0 or more such as 2");
    BigDecimal defaultBalance =
        r.decimal(
            "arb.paper.default-balance",
            BigDecimal.ZERO,
            null,
            false,
            "an amount of 0 or more such as \"1000\" (0: none)");
    PaperConfig balances = paperBalances(r);
    return new PaperConfig(
        balances.balances(),
        latency == null ? Duration.ZERO : latency,
        slippage == null ? BigDecimal.ZERO : slippage,
        defaultBalance == null ? BigDecimal.ZERO : defaultBalance.stripTrailingZeros());
  }

  private static PaperConfig paperBalances(ConfigReader r) {
    Map<String, Map<String, BigDecimal>> out = new LinkedHashMap<>();
    r.openContainer("arb.paper.balances");
    ConfigValue all = r.value("arb.paper.balances");
    if (all == null || all.valueType() == ConfigValueType.NULL) {
      return new PaperConfig(out);
    }
    if (all.valueType() != ConfigValueType.OBJECT) {
      r.problem(
          "arb.paper.balances",
          all,
          "an object by exchange, such as { kraken { USD = \"1000\" } }");
      return new PaperConfig(out);
    }
    for (String name : new TreeSet<>(((ConfigObject) all).keySet())) {
      String p = "arb.paper.balances." + name;
      ConfigValue v = ((ConfigObject) all).get(name);
      if (!EXCHANGE_NAME.matcher(name).matches()) {
        r.note(
            p,
            v.origin(),
            "is not a valid exchange name: use lower-case letters, digits and -, such as kraken");
        continue;
      }
      if (v.valueType() != ConfigValueType.OBJECT) {
        r.problem(p, v, "an object of amounts by asset, such as { USD = \"1000\" }");
        continue;
      }
      Map<String, BigDecimal> assets = new LinkedHashMap<>();
      for (String asset : new TreeSet<>(((ConfigObject) v).keySet())) {
        String ap = p + "." + asset;
        if (!ASSET.matcher(asset).matches()) {
          r.note(
              ap, ((ConfigObject) v).get(asset).origin(), "is not a valid asset code such as USD");
          continue;
        }
        BigDecimal amount =
            r.decimal(ap, BigDecimal.ZERO, null, true, "a positive decimal such as \"1000\"");
        if (amount != null) {
          assets.put(asset.toUpperCase(Locale.ROOT), amount);
        }
      }
      out.put(name, assets);
    }
    return new PaperConfig(out);
  }

  private static RiskConfig risk(ConfigReader r) {
    BigDecimal maxTrade =
        r.decimal(
            "arb.risk.max-trade-notional",
            BigDecimal.ZERO,
            null,
            true,
            "a positive decimal such as \"1000\", or null");
    BigDecimal maxDaily =
        r.decimal(
            "arb.risk.max-daily-notional",
            BigDecimal.ZERO,
            null,
            true,
            "a positive decimal such as \"10000\", or null");
    BigDecimal minProfit =
        r.decimal("arb.risk.min-profit", BigDecimal.ZERO, null, false, "a decimal of 0 or more");
    BigDecimal buffer =
        r.decimal(
            "arb.risk.slippage-buffer-bp",
            BigDecimal.ZERO,
            null,
            false,
            "a number of basis points of 0 or more");
    Duration maxAge =
        r.duration(
            "arb.risk.max-data-age",
            Duration.ZERO,
            true,
            true,
            "a positive duration such as 2s, or null");
    BigDecimal lossLimit =
        r.decimal(
            "arb.risk.daily-loss-limit",
            BigDecimal.ZERO,
            null,
            true,
            "a positive decimal such as \"50\", or null");
    Long maxOpen =
        r.integer(
            "arb.risk.max-open-cycles",
            1,
            Integer.MAX_VALUE,
            "a whole number of at least 1 (cycles in progress at once)");
    if (minProfit == null || buffer == null || maxOpen == null) {
      return null;
    }
    return new RiskConfig(
        Optional.ofNullable(maxTrade),
        Optional.ofNullable(maxDaily),
        minProfit,
        buffer,
        Optional.ofNullable(maxAge),
        Optional.ofNullable(lossLimit),
        maxOpen.intValue());
  }

  private static final java.util.regex.Pattern ADDRESS =
      java.util.regex.Pattern.compile("0x[0-9a-fA-F]{40}");
  private static final java.util.regex.Pattern ALLOW_ENTRY =
      java.util.regex.Pattern.compile("0x[0-9a-fA-F]{40}(:0x[0-9a-fA-F]{8})?");

  /**
   * {@code arb.defi.relayer}: on when {@code forwarder} is set, which then needs at least one
   * {@code allow} entry; every limit is checked whether or not it is on.
   */
  private static Optional<RelayerConfig> relayer(ConfigReader r) {
    String p = "arb.defi.relayer.";
    String forwarder = r.string(p + "forwarder", true, "a contract address (0x and 40 hex digits)");
    if (forwarder != null && !ADDRESS.matcher(forwarder).matches()) {
      r.problem(
          p + "forwarder", r.value(p + "forwarder"), "a contract address (0x and 40 hex digits)");
      forwarder = null;
    }
    List<String> allow =
        r.stringList(
            p + "allow",
            ALLOW_ENTRY,
            "a list of \"0xTARGET\" or \"0xTARGET:0xSELECTOR\" (4-byte function selector)");
    BigInteger gas = positiveInteger(r, p + "max-request-gas");
    BigInteger perRequest = positiveInteger(r, p + "max-wei-per-request");
    BigInteger perSigner = positiveInteger(r, p + "max-wei-per-signer");
    BigInteger total = positiveInteger(r, p + "max-wei-total");
    Long requests =
        r.integer(p + "max-requests-per-signer", 1, Integer.MAX_VALUE, "a positive whole number");
    Duration minValidity =
        r.duration(
            p + "min-validity",
            Duration.ZERO,
            false,
            false,
            "a duration of 0 or more, such as 30s");
    if (forwarder == null) {
      return Optional.empty();
    }
    if (allow.isEmpty()) {
      r.problem(
          p + "allow",
          r.value(p + "allow"),
          "at least one target when arb.defi.relayer.forwarder is set (the relayer pays for"
              + " nothing else)");
      return Optional.empty();
    }
    if (gas == null
        || perRequest == null
        || perSigner == null
        || total == null
        || requests == null
        || minValidity == null) {
      return Optional.empty();
    }
    return Optional.of(
        new RelayerConfig(
            forwarder.toLowerCase(Locale.ROOT),
            allow.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList(),
            gas,
            perRequest,
            perSigner,
            total,
            requests.intValue(),
            minValidity));
  }

  /** A positive whole number of any size (wei), as a HOCON number or a string of digits. */
  private static BigInteger positiveInteger(ConfigReader r, String key) {
    BigDecimal d =
        r.decimal(key, BigDecimal.ZERO, null, true, "a positive whole number (wei or gas)");
    if (d == null) {
      return null;
    }
    try {
      return d.toBigIntegerExact();
    } catch (ArithmeticException e) {
      r.problem(key, r.value(key), "a positive whole number (wei or gas)");
      return null;
    }
  }

  /** {@code arb.defi.max-fee-gwei}: a positive decimal of gwei that is a whole number of wei. */
  private static BigDecimal maxFeeGwei(ConfigReader r) {
    String key = "arb.defi.max-fee-gwei";
    String allowed =
        "a positive number of gwei with at most 9 decimals (whole wei), such as 300 or 0.1";
    BigDecimal gwei = r.decimal(key, BigDecimal.ZERO, null, true, allowed);
    ConfigValue v = r.value(key);
    if (gwei == null) {
      if (v != null) {
        r.problem(key, v, allowed); // HOCON null; a bad value was already reported
      }
      return v == null ? DefiConfig.DEFAULT_MAX_FEE_GWEI : null;
    }
    if (gwei.stripTrailingZeros().scale() > 9) {
      r.problem(key, v, allowed);
      return null;
    }
    return gwei;
  }

  private static Map<String, ExchangeConfig> exchanges(ConfigReader r) {
    Map<String, ExchangeConfig> out = new LinkedHashMap<>();
    r.openContainer("arb.exchanges");
    ConfigValue all = r.value("arb.exchanges");
    if (all == null || all.valueType() == ConfigValueType.NULL) {
      return out;
    }
    if (all.valueType() != ConfigValueType.OBJECT) {
      r.problem("arb.exchanges", all, "an object of exchanges by name, such as { kraken { } }");
      return out;
    }
    for (String name : new TreeSet<>(((ConfigObject) all).keySet())) {
      String p = "arb.exchanges." + name;
      ConfigValue v = ((ConfigObject) all).get(name);
      if (!EXCHANGE_NAME.matcher(name).matches()) {
        r.note(
            p,
            v.origin(),
            "is not a valid exchange name: use lower-case letters, digits and -, such as kraken");
        continue;
      }
      if (v.valueType() != ConfigValueType.OBJECT) {
        r.problem(p, v, "an object such as { enabled = true, markets = [\"BTC/USD\"] }");
        continue;
      }
      boolean enabled = r.bool(p + ".enabled", true);
      List<String> markets =
          r.stringList(p + ".markets", MARKET, "a list of markets such as [\"BTC/USD\"]");
      BigDecimal takerFee =
          r.decimal(
              p + ".taker-fee",
              BigDecimal.ZERO,
              new BigDecimal("0.1"),
              false,
              "between 0 and 0.1 (a fraction: 0.0026 is 0.26 %), or null");
      String baseUrl = r.url(p + ".base-url", List.of("http", "https"));
      Optional<SecretRef> apiKey = r.secret(p + ".api-key");
      Optional<SecretRef> apiSecret = r.secret(p + ".api-secret");
      if (apiKey.isPresent() != apiSecret.isPresent()) {
        String given = apiKey.isPresent() ? ".api-key" : ".api-secret";
        String missing = apiKey.isPresent() ? ".api-secret" : ".api-key";
        ConfigValue g = r.value(p + given);
        r.note(
            p + missing,
            g.origin(),
            "is missing while "
                + p
                + given
                + " is set; give both (or neither for public data only)");
      }
      List<String> assets =
          r.stringList(p + ".assets", ASSET, "a list of asset codes such as [\"BTC\", \"USD\"]");
      int maxMarkets =
          maxMarketsOrDefault(
              r.integer(p + ".max-markets", 1, 10_000, "a whole number between 1 and 10000"));
      Duration maxBookAge =
          r.duration(
              p + ".max-book-age", Duration.ZERO, true, false, "a positive duration such as 10s");
      BigDecimal rateLimit =
          r.decimal(
              p + ".rate-limit",
              BigDecimal.ZERO,
              new BigDecimal("1000"),
              true,
              "a number of requests per second above 0 and at most 1000, or null");
      Duration requestTimeout =
          r.duration(
              p + ".request-timeout",
              Duration.ZERO,
              true,
              false,
              "a positive duration such as 10s");
      Duration metadataTtl =
          r.duration(
              p + ".metadata-ttl", Duration.ZERO, true, false, "a positive duration such as 24h");
      BigDecimal minVolume24h =
          r.decimal(
              p + ".min-volume-24h",
              BigDecimal.ZERO,
              null,
              false,
              "a number of at least 0 (24h volume in the quote asset), or null");
      boolean streaming = r.bool(p + ".streaming", false);
      String wsUrl = r.url(p + ".ws-url", List.of("ws", "wss"));
      String api =
          r.choice(
              p + ".api",
              List.of("exchange", "advanced-trade"),
              "exchange or advanced-trade (Coinbase: which of its APIs arb speaks)");
      out.put(
          name,
          new ExchangeConfig(
              name,
              enabled,
              markets,
              Optional.ofNullable(takerFee),
              Optional.ofNullable(baseUrl),
              apiKey,
              apiSecret,
              assets,
              maxMarkets,
              maxBookAge == null ? ExchangeConfig.DEFAULT_MAX_BOOK_AGE : maxBookAge,
              Optional.ofNullable(rateLimit),
              requestTimeout == null ? ExchangeConfig.DEFAULT_REQUEST_TIMEOUT : requestTimeout,
              metadataTtl == null ? ExchangeConfig.DEFAULT_METADATA_TTL : metadataTtl,
              Optional.ofNullable(minVolume24h),
              streaming,
              Optional.ofNullable(wsUrl),
              Optional.ofNullable(api)));
    }
    return out;
  }

  private static int maxMarketsOrDefault(Long maxMarkets) {
    return maxMarkets == null ? ExchangeConfig.DEFAULT_MAX_MARKETS : maxMarkets.intValue();
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

  /** Resolves {@code ${VAR}} substitutions from the given environment, not the process's. */
  private static final class EnvResolver implements ConfigResolver {
    private final Map<String, String> env;
    private final ConfigResolver fallback;

    EnvResolver(Map<String, String> env) {
      this(env, null);
    }

    private EnvResolver(Map<String, String> env, ConfigResolver fallback) {
      this.env = env;
      this.fallback = fallback;
    }

    @Override
    public ConfigValue lookup(String path) {
      String v = env.get(path);
      if (v != null) {
        return ConfigValueFactory.fromAnyRef(v, ConfigOrigins.ENVIRONMENT + path);
      }
      return fallback == null ? null : fallback.lookup(path);
    }

    @Override
    public ConfigResolver withFallback(ConfigResolver f) {
      return new EnvResolver(env, fallback == null ? f : fallback.withFallback(f));
    }
  }
}
