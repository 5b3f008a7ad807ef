package dev.arb.xchange;

import dev.arb.config.ExchangeConfig;
import dev.arb.error.ConfigException;
import dev.arb.xchange.binance.BinanceAdapter;
import dev.arb.xchange.bitstamp.BitstampAdapter;
import dev.arb.xchange.coinbase.CoinbaseAdapter;
import dev.arb.xchange.coinbase.advanced.AdvancedTradeAdapter;
import dev.arb.xchange.kraken.KrakenAdapter;
import dev.arb.xchange.spi.ExchangeAdapter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The exchanges arb supports: the one place that names the exchange packages. Everything else
 * reaches an exchange through its {@link ExchangeAdapter}; adding an exchange is a package with an
 * adapter and a line here.
 */
public final class SupportedExchanges {
  private static final List<ExchangeAdapter> ALL =
      List.of(
          new BitstampAdapter(), new KrakenAdapter(), new BinanceAdapter(), new CoinbaseAdapter());

  /** Exchanges' other APIs, by {@code id/api} ({@code arb.exchanges.NAME.api}). */
  private static final Map<String, ExchangeAdapter> OTHER_APIS =
      Map.of("coinbase/advanced-trade", new AdvancedTradeAdapter());

  /** The API of an exchange when the config names none. */
  private static final String DEFAULT_API = "exchange";

  private SupportedExchanges() {}

  /**
   * The exchange of one config entry: its name (id or alias) and, where the exchange has several
   * APIs, the one {@code api} names ({@code coinbase}: {@code exchange}, the default, or {@code
   * advanced-trade}); empty when arb does not support the name.
   *
   * @throws ConfigException when {@code api} names an API the exchange does not have, or one that
   *     cannot stream while {@code streaming} is on
   */
  public static Optional<ExchangeAdapter> forConfig(ExchangeConfig cfg) {
    Optional<ExchangeAdapter> a = byName(cfg.name());
    if (a.isEmpty() || cfg.api().isEmpty() || cfg.api().get().equals(DEFAULT_API)) {
      return a;
    }
    String api = cfg.api().get();
    ExchangeAdapter other = OTHER_APIS.get(a.get().id() + "/" + api);
    String at = "config: arb.exchanges." + cfg.name() + ".api";
    if (other == null) {
      throw new ConfigException(
          List.of(
              at
                  + " = "
                  + api
                  + ": "
                  + a.get().id()
                  + " has one API here; remove the setting (advanced-trade is Coinbase's)"));
    }
    if (cfg.streaming()) {
      throw new ConfigException(
          List.of(
              at
                  + " = "
                  + api
                  + " polls books over REST: set arb.exchanges."
                  + cfg.name()
                  + ".streaming = false (no ws-url)"));
    }
    return Optional.of(other);
  }

  /** The exchange named {@code name} in arb's config (its id or one of its aliases). */
  public static Optional<ExchangeAdapter> byName(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    return ALL.stream().filter(a -> a.id().equals(n) || a.aliases().contains(n)).findFirst();
  }

  /** The names arb accepts, for messages: {@code bitstamp, kraken, binance, coinbase}. */
  public static String names() {
    return String.join(", ", ALL.stream().map(ExchangeAdapter::id).toList());
  }

  /** The exchanges arb trades on live, for messages: {@code bitstamp, coinbase, kraken}. */
  public static String liveNames() {
    return String.join(
        ", ",
        ALL.stream()
            .filter(ExchangeAdapter::tradesLive)
            .map(ExchangeAdapter::id)
            .sorted()
            .toList());
  }
}
