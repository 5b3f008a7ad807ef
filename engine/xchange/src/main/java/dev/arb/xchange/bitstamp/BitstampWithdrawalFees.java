package dev.arb.xchange.bitstamp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.engine.model.Transfer;
import dev.arb.engine.source.AssetAliases;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.bitstamp.BitstampExchange;
import org.knowm.xchange.bitstamp.dto.BitstampException;
import org.knowm.xchange.bitstamp.service.BitstampDigestV2;
import org.knowm.xchange.client.ExchangeRestProxyBuilder;
import si.mazi.rescu.ParamsDigest;
import si.mazi.rescu.SynchronizedValueFactory;

/**
 * Bitstamp's withdrawal fees, {@code POST /api/v2/fees/withdrawal/}, which XChange 5.2.1 does not
 * call: signed like {@link BitstampTradingFees}. The answer lists a fixed fee per currency and
 * network; where a currency has several networks the first listed is taken. Bitstamp gives no
 * minimum or time to arrive here (both zero: configure them in {@code arb.transfers} when they
 * matter).
 */
final class BitstampWithdrawalFees {

  /** The endpoint, as rescu sees it. */
  @Path("api/v2")
  @Produces(MediaType.APPLICATION_JSON)
  interface Api {
    @POST
    @Path("fees/withdrawal/")
    JsonNode withdrawalFees(
        @HeaderParam("X-Auth") String apiKey,
        @HeaderParam("X-Auth-Signature") ParamsDigest signer,
        @HeaderParam("X-Auth-Nonce") SynchronizedValueFactory<String> nonce,
        @HeaderParam("X-Auth-Timestamp") SynchronizedValueFactory<String> timestamp,
        @HeaderParam("X-Auth-Version") String version)
        throws BitstampException, IOException;
  }

  /** The endpoint, for messages. */
  static final String ENDPOINT = "POST /api/v2/fees/withdrawal/";

  private final BitstampExchange exchange;
  private final Api api;

  BitstampWithdrawalFees(BitstampExchange exchange) {
    this.exchange = exchange;
    this.api =
        ExchangeRestProxyBuilder.forInterface(Api.class, exchange.getExchangeSpecification())
            .build();
  }

  Map<String, Transfer> fees() throws IOException {
    ExchangeSpecification spec = exchange.getExchangeSpecification();
    return parse(
        api.withdrawalFees(
            "BITSTAMP " + spec.getApiKey(),
            BitstampDigestV2.createInstance(spec.getSecretKey(), spec.getApiKey()),
            exchange.getUuidNonceFactory(),
            exchange.getTimestampFactory(),
            "v2"));
  }

  /**
   * {@code [{"currency": "btc", "fee": "0.00015000", "network": "bitcoin"}]} to {@code BTC → fee
   * 0.00015 on bitcoin}.
   */
  static Map<String, Transfer> parse(JsonNode body) throws IOException {
    if (body == null || !body.isArray()) {
      throw new IOException("Bitstamp answered " + ENDPOINT + " without a list of fees");
    }
    Map<String, Transfer> out = new LinkedHashMap<>();
    for (JsonNode e : body) {
      String currency = e.path("currency").asText("");
      String fee = e.path("fee").asText("");
      if (currency.isEmpty() || !fee.matches("\\d+(\\.\\d+)?")) {
        continue;
      }
      try {
        var asset = AssetAliases.asset(currency);
        out.putIfAbsent(
            asset.code(),
            new Transfer(
                asset,
                new BigDecimal(fee),
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                e.path("network").asText(""),
                Duration.ZERO));
      } catch (IllegalArgumentException x) {
        // a currency arb cannot name is not moved
      }
    }
    return out;
  }
}
