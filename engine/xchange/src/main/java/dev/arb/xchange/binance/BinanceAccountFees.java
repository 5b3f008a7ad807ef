package dev.arb.xchange.binance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.xchange.spi.AccountFees;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.binance.BinanceExchange;
import org.knowm.xchange.binance.service.BinanceHmacDigest;
import org.knowm.xchange.client.ExchangeRestProxyBuilder;

/**
 * The account's taker fee from {@code GET /api/v3/account}: its {@code commissionRates.taker}, a
 * fraction ({@code "0.00150000"} = 0.15 %), which applies to every market of the account.
 */
final class BinanceAccountFees {
  /** The call, for messages. */
  static final String ENDPOINT = "GET /api/v3/account";

  private final BinanceExchange exchange;
  private final BinanceSigned api;

  BinanceAccountFees(BinanceExchange exchange) {
    this.exchange = exchange;
    this.api =
        ExchangeRestProxyBuilder.forInterface(
                BinanceSigned.class, exchange.getExchangeSpecification())
            .build();
  }

  /** {@link AccountFees#ALL_MARKETS} → the account's taker fee. */
  Map<String, BigDecimal> takerFees() throws IOException {
    ExchangeSpecification spec = exchange.getExchangeSpecification();
    JsonNode body =
        api.account(
            null,
            exchange.getTimestampFactory(),
            spec.getApiKey(),
            BinanceHmacDigest.createInstance(spec.getSecretKey()));
    return Map.of(AccountFees.ALL_MARKETS, parse(body));
  }

  /**
   * {@code commissionRates.taker} of an account response.
   *
   * @throws IOException when the response has none, or it is not a fraction between 0 and 1
   */
  static BigDecimal parse(JsonNode body) throws IOException {
    String taker = body == null ? "" : body.path("commissionRates").path("taker").asText("");
    if (!taker.matches("\\d+(\\.\\d+)?")) {
      throw new IOException(
          "Binance answered " + ENDPOINT + " without commissionRates.taker (got '" + taker + "')");
    }
    BigDecimal fee = new BigDecimal(taker).stripTrailingZeros();
    if (fee.compareTo(BigDecimal.ONE) >= 0) {
      throw new IOException(
          "Binance answered " + ENDPOINT + " with a taker rate of " + taker + ", not a fraction");
    }
    return fee;
  }
}
