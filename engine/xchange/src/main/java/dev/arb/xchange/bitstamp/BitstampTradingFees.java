package dev.arb.xchange.bitstamp;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.bitstamp.BitstampExchange;
import org.knowm.xchange.bitstamp.dto.BitstampException;
import org.knowm.xchange.bitstamp.service.BitstampDigestV2;
import org.knowm.xchange.client.ExchangeRestProxyBuilder;
import si.mazi.rescu.ParamsDigest;
import si.mazi.rescu.SynchronizedValueFactory;

/**
 * Bitstamp's account trading fees, {@code POST /api/v2/fees/trading/}, which XChange 5.2.1 does not
 * call: signed with XChange's own Bitstamp v2 signature ({@code X-Auth-*} headers, HMAC-SHA256 of
 * the request), sent through the same rescu client XChange uses. The response lists each market's
 * maker and taker fee in percent.
 */
final class BitstampTradingFees {

  /** The endpoint, as rescu sees it. */
  @Path("api/v2")
  @Produces(MediaType.APPLICATION_JSON)
  interface Api {
    @POST
    @Path("fees/trading/")
    JsonNode tradingFees(
        @HeaderParam("X-Auth") String apiKey,
        @HeaderParam("X-Auth-Signature") ParamsDigest signer,
        @HeaderParam("X-Auth-Nonce") SynchronizedValueFactory<String> nonce,
        @HeaderParam("X-Auth-Timestamp") SynchronizedValueFactory<String> timestamp,
        @HeaderParam("X-Auth-Version") String version)
        throws BitstampException, IOException;
  }

  /** The endpoint, for messages. */
  static final String ENDPOINT = "POST /api/v2/fees/trading/";

  private final BitstampExchange exchange;
  private final Api api;

  BitstampTradingFees(BitstampExchange exchange) {
    this.exchange = exchange;
    this.api =
        ExchangeRestProxyBuilder.forInterface(Api.class, exchange.getExchangeSpecification())
            .build();
  }

  /**
   * Taker fees as fractions by Bitstamp's lower-case market name ({@code btcusd}).
   *
   * @throws IOException when the call fails or the response is not the documented list
   */
  Map<String, BigDecimal> takerFees() throws IOException {
    ExchangeSpecification spec = exchange.getExchangeSpecification();
    JsonNode body =
        api.tradingFees(
            "BITSTAMP " + spec.getApiKey(),
            BitstampDigestV2.createInstance(spec.getSecretKey(), spec.getApiKey()),
            exchange.getUuidNonceFactory(),
            exchange.getTimestampFactory(),
            "v2");
    return parse(body);
  }

  /**
   * {@code [{"currency_pair": "btcusd", "market": "btcusd", "fees": {"maker": "0.15000", "taker":
   * "0.16000"}}]} (percent; {@code fees} also accepted as a one-element list, as XChange's recorded
   * response has it) to {@code btcusd → 0.0016}.
   */
  static Map<String, BigDecimal> parse(JsonNode body) throws IOException {
    if (body == null || !body.isArray()) {
      JsonNode error =
          body == null ? null : body.has("error") ? body.get("error") : body.get("reason");
      throw new IOException(
          "Bitstamp answered "
              + ENDPOINT
              + " with "
              + (error == null ? "no list of fees" : "error " + error));
    }
    Map<String, BigDecimal> out = new HashMap<>();
    for (JsonNode entry : body) {
      String market = entry.path("market").asText(entry.path("currency_pair").asText(""));
      JsonNode fees = entry.path("fees");
      if (fees.isArray() && fees.size() > 0) {
        fees = fees.get(0);
      }
      String taker = fees.path("taker").asText("");
      if (market.isEmpty() || !taker.matches("\\d+(\\.\\d+)?")) {
        continue;
      }
      out.put(
          market.replace("/", "").toLowerCase(Locale.ROOT),
          new BigDecimal(taker).movePointLeft(2).stripTrailingZeros());
    }
    return out;
  }
}
