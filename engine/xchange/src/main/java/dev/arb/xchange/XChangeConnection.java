package dev.arb.xchange;

import dev.arb.config.ExchangeConfig;
import dev.arb.config.Secret;
import dev.arb.config.SecretResolver;
import dev.arb.error.ConfigException;
import dev.arb.error.VenueException;
import dev.arb.xchange.spi.ExchangeAdapter;
import dev.arb.xchange.spi.XChangeFaults;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import org.knowm.xchange.Exchange;
import org.knowm.xchange.ExchangeFactory;
import org.knowm.xchange.ExchangeSpecification;

/**
 * An exchange's XChange object, set up from arb's config the one way market data and live trading
 * both use: the base-URL override, the request timeout, the API credentials when configured, and no
 * remote metadata loaded on creation (arb loads it through its own retries and cache).
 */
public final class XChangeConnection {
  private XChangeConnection() {}

  /**
   * An exchange's API credentials as resolved from the config's references.
   *
   * @param key the API key, if configured
   * @param secret the API secret, if configured
   * @param passphrase the key's passphrase, where the exchange has one and it is set
   */
  public record Credentials(
      Optional<Secret> key, Optional<Secret> secret, Optional<Secret> passphrase) {
    public Credentials {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(secret, "secret");
      Objects.requireNonNull(passphrase, "passphrase");
    }

    /** No credentials: public data only. */
    public static final Credentials NONE =
        new Credentials(Optional.empty(), Optional.empty(), Optional.empty());

    /** Whether both key and secret are set (private calls are possible). */
    public boolean complete() {
      return key.isPresent() && secret.isPresent();
    }
  }

  /**
   * Resolves the exchange's credentials: key and secret where the config names them, and the
   * exchange's passphrase where it has one (empty when its variable is not set).
   *
   * @throws ConfigException when a configured reference cannot be read
   */
  public static Credentials credentials(
      ExchangeAdapter adapter, ExchangeConfig cfg, SecretResolver secrets) {
    String at = "arb.exchanges." + cfg.name();
    Optional<Secret> key = secrets.resolveIfSet(at + ".api-key", cfg.apiKey());
    Optional<Secret> secret = secrets.resolveIfSet(at + ".api-secret", cfg.apiSecret());
    Optional<Secret> passphrase =
        secrets.resolveIfSet(at + ".api-passphrase", adapter.passphrase());
    return new Credentials(key, secret, passphrase);
  }

  /**
   * The exchange's XChange object; credentials are set only when complete.
   *
   * @throws VenueException when XChange cannot set it up
   */
  public static Exchange open(
      ExchangeAdapter adapter, ExchangeConfig cfg, Credentials credentials) {
    ExchangeSpecification spec = new ExchangeSpecification(adapter.exchangeClass());
    spec.setShouldLoadRemoteMetaData(false);
    if (cfg.baseUrl().isPresent()) {
      String url = stripSlash(cfg.baseUrl().get());
      URI u = URI.create(url);
      spec.setSslUri(url);
      spec.setHost(u.getHost());
      spec.setPort(u.getPort() > 0 ? u.getPort() : u.getScheme().equals("http") ? 80 : 443);
    }
    int timeoutMs = (int) Math.min(Integer.MAX_VALUE, cfg.requestTimeout().toMillis());
    spec.setHttpConnTimeout(timeoutMs);
    spec.setHttpReadTimeout(timeoutMs);
    if (credentials.complete()) {
      spec.setApiKey(credentials.key().get().reveal());
      spec.setSecretKey(credentials.secret().get().reveal());
      credentials
          .passphrase()
          .ifPresent(p -> spec.setExchangeSpecificParametersItem("passphrase", p.reveal()));
    }
    try {
      return ExchangeFactory.INSTANCE.createExchange(spec);
    } catch (RuntimeException e) {
      throw new VenueException(
          cfg.name() + ": cannot set up the XChange exchange: " + XChangeFaults.of(e).message(), e);
    }
  }

  /** {@code url} without trailing slashes. */
  static String stripSlash(String url) {
    return url.replaceAll("/+$", "");
  }
}
