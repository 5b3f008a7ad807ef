package dev.arb.xchange;

import dev.arb.xchange.binance.BinanceAdapter;
import dev.arb.xchange.bitstamp.BitstampAdapter;
import dev.arb.xchange.coinbase.CoinbaseAdapter;
import dev.arb.xchange.kraken.KrakenAdapter;
import dev.arb.xchange.spi.ExchangeAdapter;
import java.util.List;
import java.util.Locale;
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

  private SupportedExchanges() {}

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
