package dev.arb.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.arb.error.ConfigException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  private static final Map<String, String> ENV = Map.of("HOME", "/home/tester");

  @TempDir Path dir;

  private Path file(String content) throws IOException {
    Path p = dir.resolve("arb.conf");
    Files.writeString(p, content);
    return p;
  }

  private static LoadedConfig load(Path file, Map<String, String> env, Map<String, String> cli) {
    return ConfigLoader.load(Optional.ofNullable(file), env, cli);
  }

  private static List<String> problems(Path file, Map<String, String> env) {
    return catchThrowableOfType(
            ConfigException.class,
            () -> ConfigLoader.load(Optional.ofNullable(file), env, Map.of()))
        .problems();
  }

  private static Map<String, String> env(String... kv) {
    Map<String, String> m = new HashMap<>(ENV);
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  // --- defaults and precedence

  @Test
  void defaultsComeFromReferenceConf() {
    ArbConfig c = load(null, ENV, Map.of()).config();
    assertThat(c.dataDir()).isEqualTo(Path.of("/home/tester/.local/share/arb"));
    assertThat(c.databaseFile()).isEqualTo(Path.of("/home/tester/.local/share/arb/arb.db"));
    assertThat(c.logging().level()).isEqualTo("INFO");
    assertThat(c.logging().format()).isEqualTo(LoggingConfig.LogFormat.TEXT);
    assertThat(c.storage())
        .isEqualTo(new StorageConfig(100, Duration.ofMillis(200), 10000, Duration.ofSeconds(5)));
    assertThat(c.scan().maxLength()).isEqualTo(5);
    assertThat(c.scan().amount()).isEmpty();
    assertThat(c.exchanges()).isEmpty();
    assertThat(c.http().port()).isEqualTo(8742);
    assertThat(c.http().token()).contains(new SecretRef.Env("ARB_HTTP_TOKEN"));
    assertThat(c.defi().chainId()).isEqualTo(137);
    assertThat(c.defi().keystorePassword()).contains(new SecretRef.Env("ARB_KEYSTORE_PASSWORD"));
  }

  @Test
  void xdgDataHomeDecidesDefaultDataDir() {
    ArbConfig c = load(null, env("XDG_DATA_HOME", "/xdg"), Map.of()).config();
    assertThat(c.dataDir()).isEqualTo(Path.of("/xdg/arb"));
  }

  @Test
  void fileOverridesDefaults() throws IOException {
    Path f = file("arb { storage.batch-size = 7, data-dir = \"/from/file\" }");
    ArbConfig c = load(f, ENV, Map.of()).config();
    assertThat(c.storage().batchSize()).isEqualTo(7);
    assertThat(c.storage().queueCapacity()).isEqualTo(10000);
    assertThat(c.dataDir()).isEqualTo(Path.of("/from/file"));
  }

  @Test
  void arbConfigEnvNamesTheFileWhenNoOptionGiven() throws IOException {
    Path f = file("arb.scan.top = 3");
    ArbConfig c = load(null, env("ARB_CONFIG", f.toString()), Map.of()).config();
    assertThat(c.scan().top()).isEqualTo(3);
  }

  @Test
  void configOptionWinsOverArbConfigEnv() throws IOException {
    Path f = file("arb.scan.top = 3");
    Path other = dir.resolve("other.conf");
    Files.writeString(other, "arb.scan.top = 4");
    LoadedConfig l = load(f, env("ARB_CONFIG", other.toString()), Map.of());
    assertThat(l.config().scan().top()).isEqualTo(3);
    assertThat(l.file()).contains(f.toAbsolutePath());
  }

  @Test
  void environmentOverridesFile() throws IOException {
    Path f = file("arb { data-dir = \"/from/file\", http.port = 9000, logging.level = DEBUG }");
    ArbConfig c =
        load(f, env("ARB_DATA_DIR", "/from/env", "ARB_HTTP_PORT", "9100"), Map.of()).config();
    assertThat(c.dataDir()).isEqualTo(Path.of("/from/env"));
    assertThat(c.http().port()).isEqualTo(9100);
    assertThat(c.logging().level()).isEqualTo("DEBUG");
  }

  @Test
  void everyDocumentedEnvOverrideSetsItsKey() {
    ArbConfig c =
        load(
                null,
                env(
                    "ARB_DATA_DIR", "/e",
                    "ARB_LOG_LEVEL", "warn",
                    "ARB_LOG_FORMAT", "json",
                    "ARB_HTTP_HOST", "0.0.0.0",
                    "ARB_HTTP_PORT", "1",
                    "ARB_RUN_INTERVAL", "250ms",
                    "ARB_DEFI_RPC_URL", "http://127.0.0.1:8545",
                    "ARB_DEFI_CHAIN_ID", "31337",
                    "ARB_INSTANCE", "tokyo-1"),
                Map.of())
            .config();
    assertThat(c.dataDir()).isEqualTo(Path.of("/e"));
    assertThat(c.logging().level()).isEqualTo("WARN");
    assertThat(c.logging().format()).isEqualTo(LoggingConfig.LogFormat.JSON);
    assertThat(c.http().host()).isEqualTo("0.0.0.0");
    assertThat(c.http().port()).isEqualTo(1);
    assertThat(c.defi().rpcUrl()).contains("http://127.0.0.1:8545");
    assertThat(c.defi().chainId()).isEqualTo(31337);
    assertThat(c.run().interval()).isEqualTo(java.time.Duration.ofMillis(250));
    assertThat(c.storage().instance()).isEqualTo("tokyo-1");
    assertThat(ArbEnv.OVERRIDES).hasSize(9);
  }

  @Test
  void otherEnvironmentVariablesChangeNothing() {
    ArbConfig c =
        load(null, env("ARB_STORAGE_BATCH_SIZE", "5", "arb.scan.top", "2"), Map.of()).config();
    assertThat(c.storage().batchSize()).isEqualTo(100);
    assertThat(c.scan().top()).isEqualTo(10);
  }

  @Test
  void commandLineOverridesEnvironment() {
    ArbConfig c =
        load(
                null,
                env("ARB_DATA_DIR", "/from/env", "ARB_LOG_FORMAT", "text"),
                Map.of("arb.data-dir", "/from/cli", "arb.logging.format", "json"))
            .config();
    assertThat(c.dataDir()).isEqualTo(Path.of("/from/cli"));
    assertThat(c.logging().format()).isEqualTo(LoggingConfig.LogFormat.JSON);
  }

  @Test
  void substitutionsResolveFromGivenEnvironmentOnly() throws IOException {
    Path f = file("arb.data-dir = ${BASE}/arb\narb.http.host = ${?UNSET_VAR_XYZ}");
    ArbConfig c = load(f, env("BASE", "/srv"), Map.of()).config();
    assertThat(c.dataDir()).isEqualTo(Path.of("/srv/arb"));
    assertThat(c.http().host()).isEqualTo("127.0.0.1");
  }

  // --- exchanges and secret references

  @Test
  void parsesExchanges() throws IOException {
    Path f =
        file(
            """
            arb.exchanges {
              kraken {
                markets = ["BTC/USD", "ETH/BTC"]
                taker-fee = 0.0026
                base-url = "http://127.0.0.1:8089"
                api-key = { env = "ARB_KRAKEN_API_KEY" }
                api-secret = { file = "/etc/arb/kraken.secret" }
              }
              bitstamp { enabled = false }
            }
            """);
    Map<String, ExchangeConfig> ex = load(f, ENV, Map.of()).config().exchanges();
    assertThat(ex).containsOnlyKeys("kraken", "bitstamp");
    ExchangeConfig k = ex.get("kraken");
    assertThat(k.name()).isEqualTo("kraken");
    assertThat(k.enabled()).isTrue();
    assertThat(k.markets()).containsExactly("BTC/USD", "ETH/BTC");
    assertThat(k.takerFee()).contains(new BigDecimal("0.0026"));
    assertThat(k.baseUrl()).contains("http://127.0.0.1:8089");
    assertThat(k.apiKey()).contains(new SecretRef.Env("ARB_KRAKEN_API_KEY"));
    assertThat(k.apiSecret()).contains(new SecretRef.File(Path.of("/etc/arb/kraken.secret")));
    ExchangeConfig b = ex.get("bitstamp");
    assertThat(b.enabled()).isFalse();
    assertThat(b.markets()).isEmpty();
    assertThat(b.apiKey()).isEmpty();
  }

  @Test
  void parsesMinVolume24hExactlyAndDefaultsToNoFilter() throws IOException {
    Path f =
        file(
            """
            arb.exchanges {
              binance { assets = ["BTC", "ETH"], min-volume-24h = 12.50000000000000001 }
              kraken { }
            }
            """);
    Map<String, ExchangeConfig> ex = load(f, ENV, Map.of()).config().exchanges();
    assertThat(ex.get("binance").minVolume24h()).contains(new BigDecimal("12.50000000000000001"));
    assertThat(ex.get("binance").assets()).containsExactly("BTC", "ETH");
    assertThat(ex.get("kraken").minVolume24h()).isEmpty();
  }

  @Test
  void parsesStreamingAndWsUrlAndDefaultsToPolling() throws IOException {
    Path f =
        file(
            """
            arb.exchanges {
              kraken { streaming = true, ws-url = "ws://127.0.0.1:9001/" }
              bitstamp { }
            }
            """);
    Map<String, ExchangeConfig> ex = load(f, ENV, Map.of()).config().exchanges();
    assertThat(ex.get("kraken").streaming()).isTrue();
    assertThat(ex.get("kraken").wsUrl()).contains("ws://127.0.0.1:9001/");
    assertThat(ex.get("bitstamp").streaming()).isFalse();
    assertThat(ex.get("bitstamp").wsUrl()).isEmpty();
  }

  @Test
  void apiChoosesCoinbaseAdvancedTradeAndDefaultsToTheExchangesOwn() throws IOException {
    Path f =
        file(
            """
            arb.exchanges {
              coinbase { api = advanced-trade }
              kraken { }
            }
            """);
    Map<String, ExchangeConfig> ex = load(f, ENV, Map.of()).config().exchanges();
    assertThat(ex.get("coinbase").api()).contains("advanced-trade");
    assertThat(ex.get("kraken").api()).isEmpty();
    Path bad = file("arb.exchanges.coinbase {\n  api = retail\n}");
    assertThat(problems(bad, ENV))
        .singleElement()
        .asString()
        .startsWith("config: arb.exchanges.coinbase.api must be exchange or advanced-trade")
        .contains("line 2");
  }

  @Test
  void httpWsUrlIsAProblemWithItsLine() throws IOException {
    Path f = file("arb.exchanges.kraken {\n  ws-url = \"https://ws.kraken.com\"\n}");
    assertThat(problems(f, ENV))
        .containsExactly(
            "config: arb.exchanges.kraken.ws-url must be a URL starting with ws://, wss://, got"
                + " \"https://ws.kraken.com\" (in "
                + f.toAbsolutePath()
                + " line 2)");
  }

  @Test
  void negativeMinVolume24hIsAProblemWithItsLine() throws IOException {
    Path f = file("arb.exchanges.binance {\n  min-volume-24h = -1\n}");
    assertThat(problems(f, ENV))
        .containsExactly(
            "config: arb.exchanges.binance.min-volume-24h must be a number of at least 0 (24h"
                + " volume in the quote asset), or null, got -1 (in "
                + f.toAbsolutePath()
                + " line 2)");
  }

  @Test
  void fileSecretRefInFileReplacesDefaultEnvRef() throws IOException {
    Path f = file("arb.http.token = { file = \"/etc/arb/token\" }");
    assertThat(load(f, ENV, Map.of()).config().http().token())
        .contains(new SecretRef.File(Path.of("/etc/arb/token")));
  }

  @Test
  void nullSecretRefTurnsItOff() throws IOException {
    Path f = file("arb.http.token = null");
    assertThat(load(f, ENV, Map.of()).config().http().token()).isEmpty();
  }

  // --- validation

  @Test
  void reportsEveryProblemWithKeyValueAllowedFileAndLine() throws IOException {
    Path f =
        file(
            """
            arb {
              storage {
                batch-size = 0
              }
              exchanges.kraken {
                taker-fee = 1.5
              }
              http.port = 70000
            }
            """);
    List<String> p = problems(f, ENV);
    String at = f.toAbsolutePath().toString();
    assertThat(p)
        .containsExactly(
            "config: arb.storage.batch-size must be a whole number of at least 1, got 0 (in "
                + at
                + " line 3)",
            "config: arb.exchanges.kraken.taker-fee must be between 0 and 0.1 (a fraction: 0.0026"
                + " is 0.26 %), or null, got 1.5 (in "
                + at
                + " line 6)",
            "config: arb.http.port must be a port between 0 and 65535, got 70000 (in "
                + at
                + " line 8)");
  }

  @Test
  void wrongTypesAreProblemsNotCrashes() throws IOException {
    Path f =
        file(
            """
            arb.storage.batch-size = "lots"
            arb.storage.flush-interval = "soon"
            arb.scan.start-assets = "USD"
            arb.http.enabled = maybe
            arb.logging = "debug"
            arb.scan.amount = -1
            """);
    List<String> p = problems(f, ENV);
    assertThat(p).hasSize(6);
    assertThat(p.get(0)).startsWith("config: arb.logging must be an object { ... }, got \"debug\"");
    assertThat(p)
        .anySatisfy(
            s ->
                assertThat(s)
                    .startsWith("config: arb.storage.batch-size must be a whole number")
                    .contains("got \"lots\"")
                    .endsWith("line 1)"))
        .anySatisfy(s -> assertThat(s).contains("arb.storage.flush-interval must be a positive"))
        .anySatisfy(s -> assertThat(s).contains("arb.scan.start-assets must be a list"))
        .anySatisfy(s -> assertThat(s).contains("arb.http.enabled must be true or false"))
        .anySatisfy(s -> assertThat(s).contains("arb.scan.amount must be a positive decimal"));
  }

  @Test
  void checksEveryRange() throws IOException {
    Path f =
        file(
            """
            arb.storage.queue-capacity = 0
            arb.storage.flush-interval = 0ms
            arb.scan.max-length = 11
            arb.scan.top = 0
            arb.logging.level = LOUD
            arb.logging.format = xml
            arb.defi.chain-id = 0
            arb.defi.rpc-url = "ftp://node"
            """);
    List<String> p = problems(f, ENV);
    assertThat(p)
        .hasSize(8)
        .anySatisfy(s -> assertThat(s).startsWith("config: arb.storage.queue-capacity"))
        .anySatisfy(s -> assertThat(s).startsWith("config: arb.storage.flush-interval"))
        .anySatisfy(
            s ->
                assertThat(s)
                    .startsWith(
                        "config: arb.scan.max-length must be a whole"
                            + " number between 2 and 10, got 11"))
        .anySatisfy(s -> assertThat(s).startsWith("config: arb.scan.top"))
        .anySatisfy(
            s ->
                assertThat(s)
                    .startsWith(
                        "config: arb.logging.level must be one of TRACE, DEBUG, INFO, WARN, ERROR,"
                            + " got \"LOUD\""))
        .anySatisfy(
            s -> assertThat(s).startsWith("config: arb.logging.format must be text or json"))
        .anySatisfy(s -> assertThat(s).startsWith("config: arb.defi.chain-id"))
        .anySatisfy(s -> assertThat(s).startsWith("config: arb.defi.rpc-url"));
  }

  @Test
  void boundaryValuesAreAccepted() throws IOException {
    Path f =
        file(
            """
            arb.scan.max-length = 2
            arb.http.port = 0
            arb.exchanges.kraken.taker-fee = 0.1
            arb.scan.amount = "0.00000001"
            """);
    ArbConfig c = load(f, ENV, Map.of()).config();
    assertThat(c.scan().maxLength()).isEqualTo(2);
    assertThat(c.http().port()).isZero();
    assertThat(c.exchanges().get("kraken").takerFee()).contains(new BigDecimal("0.1"));
    assertThat(c.scan().amount()).contains(new BigDecimal("0.00000001"));
  }

  @Test
  void decimalsKeepEveryDigitWritten() throws IOException {
    Path f = file("arb.scan.amount = 0.123456789012345678901");
    assertThat(load(f, ENV, Map.of()).config().scan().amount())
        .contains(new BigDecimal("0.123456789012345678901"));
  }

  @Test
  void nonObjectArbIsOneProblem() throws IOException {
    Path f = file("arb = 5");
    assertThat(problems(f, ENV))
        .containsExactly(
            "config: arb must be an object { ... }, got 5 (in " + f.toAbsolutePath() + " line 1)");
  }

  @Test
  void badEnvironmentValueNamesTheVariable() {
    List<String> p = problems(null, env("ARB_HTTP_PORT", "http", "ARB_LOG_LEVEL", "chatty"));
    assertThat(p)
        .containsExactly(
            "config: arb.logging.level must be one of TRACE, DEBUG, INFO, WARN, ERROR, got"
                + " \"chatty\" (from environment ARB_LOG_LEVEL)",
            "config: arb.http.port must be a port between 0 and 65535, got \"http\" (from"
                + " environment ARB_HTTP_PORT)");
  }

  @Test
  void aPostgresUrlWithSecretReferencesSelectsPostgres() throws IOException {
    Path f =
        file(
            "arb { instance = virginia-2, storage { url = \"jdbc:postgresql://db.internal:5432/arb\","
                + " user = { env = ARB_PG_USER }, password = { file = \"/etc/arb/pg\" },"
                + " pool-size = 6 } }");
    StorageConfig s = load(f, ENV, Map.of()).config().storage();
    assertThat(s.instance()).isEqualTo("virginia-2");
    StorageConfig.Postgres pg = s.postgres().orElseThrow();
    assertThat(pg.url()).isEqualTo("jdbc:postgresql://db.internal:5432/arb");
    assertThat(pg.user()).contains(new SecretRef.Env("ARB_PG_USER"));
    assertThat(pg.password()).contains(new SecretRef.File(Path.of("/etc/arb/pg")));
    assertThat(pg.poolSize()).isEqualTo(6);
    assertThat(load(null, ENV, Map.of()).config().storage().postgres()).isEmpty();
  }

  @Test
  void aPasswordInTheStorageUrlIsRefusedWithoutShowingIt() throws IOException {
    Path f =
        file("arb.storage.url = \"jdbc:postgresql://db:5432/arb?user=arb&password=hunter2secret\"");
    List<String> p = problems(f, ENV);
    assertThat(p).hasSize(1);
    assertThat(p.get(0))
        .startsWith("config: arb.storage.url must not carry a password")
        .contains("arb.storage.password = { env =")
        .doesNotContain("hunter2secret");
    Path g = file("arb.storage.url = \"postgres://arb:hunter2secret@db/arb\"");
    assertThat(problems(g, ENV).get(0))
        .startsWith("config: arb.storage.url must be a PostgreSQL JDBC URL")
        .doesNotContain("hunter2secret");
  }

  @Test
  void anInstanceNameWithSpacesIsRefused() throws IOException {
    Path f = file("arb.instance = \"my desk\"");
    assertThat(problems(f, ENV).get(0))
        .startsWith("config: arb.instance must be a name of 1 to 63 letters");
  }

  @Test
  void badCommandLineValueSaysCommandLine() {
    Throwable t =
        catchThrowableOfType(
            ConfigException.class,
            () -> ConfigLoader.load(Optional.empty(), ENV, Map.of("arb.logging.level", "LOUD")));
    assertThat(t.getMessage()).endsWith("got \"LOUD\" (from command line)");
  }

  @Test
  void unknownKeysAreReportedWithSuggestion() throws IOException {
    Path f =
        file(
            """
            arb {
              storage.batchsize = 10
              exchanges.kraken.taker_fee = 0.001
              scan.wibble = 1
            }
            storage.batch-size = 5
            """);
    List<String> p = problems(f, ENV);
    String at = f.toAbsolutePath().toString();
    assertThat(p)
        .containsExactlyInAnyOrder(
            "config: arb.storage.batchsize is not a known key; did you mean"
                + " arb.storage.batch-size? (in "
                + at
                + " line 2)",
            "config: arb.exchanges.kraken.taker_fee is not a known key; did you mean"
                + " arb.exchanges.kraken.taker-fee? (in "
                + at
                + " line 3)",
            "config: arb.scan.wibble is not a known key; known keys here: amount, max-age,"
                + " max-length, min-profit-bp, start-assets, top (in "
                + at
                + " line 4)",
            "config: storage is not a known key; every setting lives under arb { }; did you mean"
                + " arb.storage? (in "
                + at
                + " line 6)");
  }

  @Test
  void apiKeyWithoutApiSecretIsReported() throws IOException {
    Path f = file("arb.exchanges.kraken {\n  api-key = { env = \"K\" }\n}");
    assertThat(problems(f, ENV))
        .containsExactly(
            "config: arb.exchanges.kraken.api-secret is missing while"
                + " arb.exchanges.kraken.api-key is set; give both (or neither for public data"
                + " only) (in "
                + f.toAbsolutePath()
                + " line 2)");
  }

  @Test
  void badExchangeNameIsReported() throws IOException {
    Path f = file("arb.exchanges.Kraken.enabled = true");
    assertThat(problems(f, ENV))
        .singleElement()
        .asString()
        .startsWith("config: arb.exchanges.Kraken is not a valid exchange name");
  }

  @Test
  void plainSecretIsRejectedWithoutEchoingIt() throws IOException {
    Path f =
        file(
            """
            arb.http.token = "tok-PLAIN-1234"
            arb.exchanges.kraken.api-secret = { value = "sk-PLAIN-5678" }
            arb.exchanges.kraken.api-key = { env = "sk-PLAIN-9999 pasted" }
            arb.exchanges.kraken.apisecret = "sk-PLAIN-0000"
            """);
    List<String> p = problems(f, ENV);
    assertThat(p).hasSize(4);
    assertThat(String.join("\n", p)).doesNotContain("PLAIN");
    assertThat(p)
        .anySatisfy(
            s ->
                assertThat(s)
                    .startsWith(
                        "config: arb.http.token must say where the secret is kept, { env ="
                            + " \"VARIABLE\" } or { file = \"PATH\" }, never the secret itself")
                    .endsWith("line 1)"))
        .anySatisfy(s -> assertThat(s).contains("arb.exchanges.kraken.api-secret must be"))
        .anySatisfy(
            s -> assertThat(s).contains("arb.exchanges.kraken.api-key.env must be the name"))
        .anySatisfy(
            s -> assertThat(s).contains("arb.exchanges.kraken.apisecret is not a known key"));
  }

  @Test
  void missingFileIsAClearError() {
    Path missing = dir.resolve("nope.conf");
    assertThatThrownBy(() -> load(missing, ENV, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "config: file "
                + missing.toAbsolutePath()
                + " does not exist or is not a file; check --config or ARB_CONFIG");
  }

  @Test
  void syntaxErrorNamesFileAndLineWithoutQuotingTokens() throws IOException {
    Path f = file("arb {\n  http.port = 1\n  token = \"abc\" \"def\" }\n}}");
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(f, ENV, Map.of()));
    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("config: cannot parse " + f.toAbsolutePath() + " line ")
        .doesNotContain("abc");
  }

  // --- the daemon: arb.run and arb.alerts

  @Test
  void runAndAlertDefaultsComeFromReferenceConf() {
    ArbConfig c = load(null, ENV, Map.of()).config();
    assertThat(c.run()).isEqualTo(RunConfig.defaults());
    assertThat(c.alerts()).isEqualTo(AlertsConfig.defaults());
    assertThat(c.alerts().webhook()).contains(new SecretRef.Env("ARB_ALERT_WEBHOOK"));
  }

  @Test
  void readsRunAndAlertSettingsFromTheFile() throws IOException {
    Path f =
        file(
            "arb.run { interval = 250ms, shutdown-timeout = 3s }\n"
                + "arb.alerts { webhook = { file = \"/etc/arb/hook\" }, format = Slack,"
                + " min-profit-bp = 2.5, timeout = 700ms, exchange-down-after = 45s }");
    ArbConfig c = load(f, ENV, Map.of()).config();
    assertThat(c.run())
        .isEqualTo(
            new RunConfig(java.time.Duration.ofMillis(250), java.time.Duration.ofSeconds(3)));
    assertThat(c.run().runnerWait()).as("the default").isEqualTo(RunConfig.Wait.PHASED);
    assertThat(load(file("arb.run.wait = SPIN"), ENV, Map.of()).config().run().runnerWait())
        .isEqualTo(RunConfig.Wait.SPIN);
    assertThat(c.alerts().webhook()).contains(new SecretRef.File(Path.of("/etc/arb/hook")));
    assertThat(c.alerts().format()).isEqualTo(AlertsConfig.Format.SLACK);
    assertThat(c.alerts().minProfitBp()).isEqualTo(2.5);
    assertThat(c.alerts().timeout()).isEqualTo(java.time.Duration.ofMillis(700));
    assertThat(c.alerts().exchangeDownAfter()).isEqualTo(java.time.Duration.ofSeconds(45));
  }

  @Test
  void rejectsBadRunAndAlertSettingsAndNeverEchoesAWebhook() throws IOException {
    Path f =
        file(
            "arb.run { interval = 0s, shutdown-timeout = soon, wait = busy }\n"
                + "arb.alerts { webhook = \"https://hooks.example/T0/SECRETPART\","
                + " format = teams, timeout = -1s, exchange-down-after = 0s }");
    List<String> problems = problems(f, ENV);
    assertThat(problems)
        .anySatisfy(s -> assertThat(s).startsWith("config: arb.run.interval must be a positive"))
        .anySatisfy(
            s -> assertThat(s).startsWith("config: arb.run.shutdown-timeout must be a positive"))
        .anySatisfy(s -> assertThat(s).startsWith("config: arb.run.wait must be phased or spin"))
        .anySatisfy(s -> assertThat(s).startsWith("config: arb.alerts.webhook must say where"))
        .anySatisfy(
            s -> assertThat(s).startsWith("config: arb.alerts.format must be generic, slack or"))
        .anySatisfy(s -> assertThat(s).startsWith("config: arb.alerts.timeout must be a positive"))
        .anySatisfy(
            s ->
                assertThat(s)
                    .startsWith("config: arb.alerts.exchange-down-after must be a positive"))
        .noneSatisfy(s -> assertThat(s).contains("SECRETPART"));
  }

  // --- arb.defi gas cap and receipt timings

  @Test
  void defiGasCapAndReceiptTimingsDefaultFromReferenceConf() {
    DefiConfig d = load(null, ENV, Map.of()).config().defi();
    assertThat(d.maxFeeGwei()).isEqualByComparingTo("300");
    assertThat(d.maxFeeWei()).isEqualTo(new java.math.BigInteger("300000000000"));
    assertThat(d.receiptTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(d.replaceAfter()).contains(Duration.ofMinutes(1));
    assertThat(d.maxReplacements()).isEqualTo(3);
    // the short constructor gives the same defaults
    assertThat(new DefiConfig(d.rpcUrl(), d.chainId(), d.keystore(), d.keystorePassword()))
        .isEqualTo(d);
  }

  @Test
  void readsDefiGasCapAndReceiptTimingsFromTheFile() throws IOException {
    Path f =
        file(
            """
            arb.defi {
              max-fee-gwei = 0.000000001
              receipt-timeout = 90s
              replace-after = null
              max-replacements = 0
            }
            """);
    DefiConfig d = load(f, ENV, Map.of()).config().defi();
    assertThat(d.maxFeeWei()).isEqualTo(java.math.BigInteger.ONE);
    assertThat(d.maxFeeGwei().toPlainString()).isEqualTo("0.000000001");
    assertThat(d.receiptTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(d.replaceAfter()).isEmpty();
    assertThat(d.maxReplacements()).isZero();
    assertThat(
            load(file("arb.defi.max-fee-gwei = \"25.5\""), ENV, Map.of())
                .config()
                .defi()
                .maxFeeWei())
        .isEqualTo(new java.math.BigInteger("25500000000"));
  }

  @Test
  void rejectsBadDefiGasCapAndReceiptTimingsAllAtOnce() throws IOException {
    Path f =
        file(
            """
            arb.defi {
              max-fee-gwei = 0.0000000001
              receipt-timeout = 0s
              replace-after = soon
              max-replacements = 11
            }
            """);
    assertThat(problems(f, ENV))
        .hasSize(4)
        .anySatisfy(
            s ->
                assertThat(s)
                    .startsWith(
                        "config: arb.defi.max-fee-gwei must be a positive number of gwei with at"
                            + " most 9 decimals (whole wei), such as 300 or 0.1, got "))
        .anySatisfy(
            s ->
                assertThat(s)
                    .startsWith(
                        "config: arb.defi.receipt-timeout must be a positive duration such as 5m,"
                            + " got \"0s\""))
        .anySatisfy(
            s -> assertThat(s).startsWith("config: arb.defi.replace-after must be a positive"))
        .anySatisfy(
            s ->
                assertThat(s)
                    .startsWith(
                        "config: arb.defi.max-replacements must be a whole number from 0 to 10,"
                            + " got 11"));
    for (String bad : List.of("0", "-1", "null", "\"lots\"")) {
      assertThat(problems(file("arb.defi.max-fee-gwei = " + bad), ENV))
          .singleElement()
          .satisfies(s -> assertThat(s).startsWith("config: arb.defi.max-fee-gwei must be"));
    }
  }

  // --- arb.defi.relayer

  @Test
  void relayerIsOffByDefaultAndOnWithAForwarderAndItsLimits() throws IOException {
    assertThat(load(null, ENV, Map.of()).config().defi().relayer()).isEmpty();
    Path f =
        file(
            """
            arb.defi.relayer {
              forwarder = "0x5FbDB2315678afecb367f032d93F642f64180aa3"
              allow = ["0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512:0xD09DE08A"]
              max-wei-total = "123456789012345678901234567890"
              max-requests-per-signer = 2
              min-validity = 0s
            }
            """);
    RelayerConfig r = load(f, ENV, Map.of()).config().defi().relayer().orElseThrow();
    assertThat(r.forwarder()).isEqualTo("0x5fbdb2315678afecb367f032d93f642f64180aa3");
    assertThat(r.allow()).containsExactly("0xe7f1725e7734ce288f8367e1bb143e90bb3f0512:0xd09de08a");
    assertThat(r.maxWeiTotal())
        .isEqualTo(new java.math.BigInteger("123456789012345678901234567890"));
    assertThat(r.maxWeiPerRequest()).isEqualTo(new java.math.BigInteger("10000000000000000"));
    assertThat(r.maxRequestGas()).isEqualTo(java.math.BigInteger.valueOf(1_000_000));
    assertThat(r.maxRequestsPerSigner()).isEqualTo(2);
    assertThat(r.minValidity()).isZero();
  }

  @Test
  void rejectsABadRelayerConfigAllAtOnce() throws IOException {
    Path f =
        file(
            """
            arb.defi.relayer {
              forwarder = "0x5FbDB2315678afecb367f032d93F642f64180aa3"
              allow = []
              max-request-gas = 0
              max-wei-per-signer = 1.5
            }
            """);
    assertThat(problems(f, ENV))
        .hasSize(3)
        .anySatisfy(
            s ->
                assertThat(s)
                    .startsWith("config: arb.defi.relayer.allow must be at least one target"))
        .anySatisfy(
            s -> assertThat(s).startsWith("config: arb.defi.relayer.max-request-gas must be a"))
        .anySatisfy(
            s -> assertThat(s).startsWith("config: arb.defi.relayer.max-wei-per-signer must be"));
    assertThat(problems(file("arb.defi.relayer.forwarder = \"0x12\""), ENV))
        .singleElement()
        .satisfies(
            s ->
                assertThat(s)
                    .startsWith(
                        "config: arb.defi.relayer.forwarder must be a contract address (0x and 40"
                            + " hex digits)"));
  }
}
