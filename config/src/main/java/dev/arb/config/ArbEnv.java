package dev.arb.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every environment variable arb reads, in one place: the config file variable, the documented
 * {@code ARB_*} overrides of single keys, and the conventional names of secret variables that the
 * default configuration and the templates refer to. {@code reference.conf}, the generated templates
 * and {@code docs/config.md} list the same names; a test keeps them in step.
 */
public final class ArbEnv {

  /** Path of the config file, used when {@code --config} is not given. */
  public static final String CONFIG_FILE = "ARB_CONFIG";

  /** Default variable holding the HTTP control bearer token ({@code arb.http.token}). */
  public static final String HTTP_TOKEN = "ARB_HTTP_TOKEN";

  /** Default variable holding the alert webhook URL ({@code arb.alerts.webhook}). */
  public static final String ALERT_WEBHOOK = "ARB_ALERT_WEBHOOK";

  /** Default variable holding the Telegram bot token ({@code arb.chat.telegram.token}). */
  public static final String TELEGRAM_TOKEN = "ARB_TELEGRAM_TOKEN";

  /** Default variable holding the keystore password ({@code arb.defi.keystore-password}). */
  public static final String KEYSTORE_PASSWORD = "ARB_KEYSTORE_PASSWORD";

  /** Exchanges the templates prepare secret variables for. */
  public static final List<String> TEMPLATE_EXCHANGES =
      List.of("binance", "bitstamp", "coinbase", "kraken");

  /**
   * One environment override of a single config key.
   *
   * @param variable the environment variable, e.g. {@code ARB_DATA_DIR}
   * @param key the full config path it sets, e.g. {@code arb.data-dir}
   */
  public record EnvOverride(String variable, String key) {}

  /** The documented overrides; nothing else in the environment changes the configuration. */
  public static final List<EnvOverride> OVERRIDES =
      List.of(
          new EnvOverride("ARB_DATA_DIR", "arb.data-dir"),
          new EnvOverride("ARB_INSTANCE", "arb.instance"),
          new EnvOverride("ARB_LOG_LEVEL", "arb.logging.level"),
          new EnvOverride("ARB_LOG_FORMAT", "arb.logging.format"),
          new EnvOverride("ARB_HTTP_HOST", "arb.http.host"),
          new EnvOverride("ARB_HTTP_PORT", "arb.http.port"),
          new EnvOverride("ARB_RUN_INTERVAL", "arb.run.interval"),
          new EnvOverride("ARB_DEFI_RPC_URL", "arb.defi.rpc-url"),
          new EnvOverride("ARB_DEFI_CHAIN_ID", "arb.defi.chain-id"));

  private ArbEnv() {}

  /** The override that sets {@code key}, if there is one. */
  public static Optional<EnvOverride> overrideFor(String key) {
    return OVERRIDES.stream().filter(o -> o.key().equals(key)).findFirst();
  }

  /** Conventional variable for an exchange's API key, e.g. {@code ARB_KRAKEN_API_KEY}. */
  public static String exchangeApiKey(String exchange) {
    return "ARB_" + envName(exchange) + "_API_KEY";
  }

  /** Conventional variable for an exchange's API secret, e.g. {@code ARB_KRAKEN_API_SECRET}. */
  public static String exchangeApiSecret(String exchange) {
    return "ARB_" + envName(exchange) + "_API_SECRET";
  }

  private static String envName(String exchange) {
    return exchange.toUpperCase(Locale.ROOT).replace('-', '_');
  }
}
