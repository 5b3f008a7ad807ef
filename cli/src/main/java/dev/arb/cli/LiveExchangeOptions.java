package dev.arb.cli;

import dev.arb.config.ArbConfig;
import dev.arb.config.ExchangeConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options that choose live exchanges, shared by {@code scan}, {@code run} and {@code record}.
 */
final class LiveExchangeOptions {

  @Option(
      names = "--exchange",
      paramLabel = "NAME",
      description =
          "Live books of this exchange (repeatable): bitstamp, kraken, binance, coinbase."
              + " Default without --input: the enabled exchanges of arb.exchanges.")
  List<String> exchanges = new ArrayList<>();

  @Option(
      names = "--exchange-url",
      paramLabel = "NAME=URL",
      description =
          "REST base URL of an exchange (proxy, testnet, local stand-in); overrides"
              + " arb.exchanges.NAME.base-url. Repeatable.")
  List<String> exchangeUrls = new ArrayList<>();

  @Option(
      names = "--exchange-ws-url",
      paramLabel = "NAME=URL",
      description =
          "WebSocket URL (ws:// or wss://) of an exchange's order-book stream:"
              + " overrides arb.exchanges.NAME.ws-url and turns streaming on for it. Repeatable.")
  List<String> exchangeWsUrls = new ArrayList<>();

  @Option(
      names = "--max-book-age",
      paramLabel = "DURATION",
      converter = ScanCommand.DurationConverter.class,
      description =
          "Live books older than this when received are reported stale and not used. Default:"
              + " arb.exchanges.NAME.max-book-age (10s).")
  Duration maxBookAge;

  /** Whether any exchange was named on the command line. */
  boolean given() {
    return !exchanges.isEmpty() || !exchangeUrls.isEmpty() || !exchangeWsUrls.isEmpty();
  }

  /** The exchanges to use, with messages naming {@code command}; see {@link LiveMarketData}. */
  List<ExchangeConfig> select(ArbConfig cfg, String command) {
    return LiveMarketData.select(cfg, exchanges, exchangeUrls, exchangeWsUrls, maxBookAge, command);
  }
}
