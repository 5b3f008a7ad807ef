package dev.arb.xchange.binance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.engine.model.Transfer;
import dev.arb.engine.source.AssetAliases;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.binance.BinanceExchange;
import org.knowm.xchange.binance.dto.BinanceException;
import org.knowm.xchange.binance.service.BinanceHmacDigest;
import org.knowm.xchange.client.ExchangeRestProxyBuilder;
import si.mazi.rescu.ParamsDigest;
import si.mazi.rescu.SynchronizedValueFactory;

/**
 * Binance's withdrawal fees from {@code GET /sapi/v1/capital/config/getall} (signed, read
 * permission): per coin, the network marked {@code isDefault} (else the first whose withdrawals are
 * enabled), its {@code withdrawFee}, {@code withdrawMin} and {@code estimatedArrivalTime}
 * (minutes). Coins whose withdrawals are all disabled are left out.
 */
final class BinanceWithdrawalFees {

  @Path("sapi/v1/capital")
  @Produces(MediaType.APPLICATION_JSON)
  interface Api {
    @GET
    @Path("config/getall")
    JsonNode coins(
        @QueryParam("recvWindow") Long recvWindow,
        @QueryParam("timestamp") SynchronizedValueFactory<Long> timestamp,
        @HeaderParam("X-MBX-APIKEY") String apiKey,
        @QueryParam("signature") ParamsDigest signature)
        throws IOException, BinanceException;
  }

  /** The call, for messages. */
  static final String ENDPOINT = "GET /sapi/v1/capital/config/getall";

  private final BinanceExchange exchange;
  private final Api api;

  BinanceWithdrawalFees(BinanceExchange exchange) {
    this.exchange = exchange;
    this.api =
        ExchangeRestProxyBuilder.forInterface(Api.class, exchange.getExchangeSpecification())
            .build();
  }

  Map<String, Transfer> fees() throws IOException {
    ExchangeSpecification spec = exchange.getExchangeSpecification();
    return parse(
        api.coins(
            null,
            exchange.getTimestampFactory(),
            spec.getApiKey(),
            BinanceHmacDigest.createInstance(spec.getSecretKey())));
  }

  static Map<String, Transfer> parse(JsonNode body) throws IOException {
    if (body == null || !body.isArray()) {
      throw new IOException("Binance answered " + ENDPOINT + " without a list of coins");
    }
    Map<String, Transfer> out = new LinkedHashMap<>();
    for (JsonNode coin : body) {
      JsonNode chosen = null;
      for (JsonNode n : coin.path("networkList")) {
        if (!n.path("withdrawEnable").asBoolean(false)) {
          continue;
        }
        if (chosen == null || n.path("isDefault").asBoolean(false)) {
          chosen = n;
        }
        if (n.path("isDefault").asBoolean(false)) {
          break;
        }
      }
      String fee = chosen == null ? "" : chosen.path("withdrawFee").asText("");
      if (chosen == null || !fee.matches("\\d+(\\.\\d+)?")) {
        continue;
      }
      String min = chosen.path("withdrawMin").asText("0");
      try {
        var asset = AssetAliases.asset(coin.path("coin").asText(""));
        out.put(
            asset.code(),
            new Transfer(
                asset,
                new BigDecimal(fee),
                BigDecimal.ZERO,
                min.matches("\\d+(\\.\\d+)?") ? new BigDecimal(min) : BigDecimal.ZERO,
                chosen.path("network").asText(""),
                Duration.ofMinutes(Math.max(0, chosen.path("estimatedArrivalTime").asLong(0)))));
      } catch (IllegalArgumentException x) {
        // a coin arb cannot name is not moved
      }
    }
    return out;
  }
}
