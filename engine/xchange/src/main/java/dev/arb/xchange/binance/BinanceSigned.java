package dev.arb.xchange.binance;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import org.knowm.xchange.binance.dto.BinanceException;
import org.knowm.xchange.binance.dto.trade.BinanceOrder;
import si.mazi.rescu.ParamsDigest;
import si.mazi.rescu.SynchronizedValueFactory;

/**
 * Signed Binance calls that XChange 5.2.1 does not make the way arb needs them, declared for the
 * same rescu client and signed with XChange's own {@code BinanceHmacDigest}: an order looked up by
 * its client order id alone ({@code GET /api/v3/order?origClientOrderId=}; XChange always sends an
 * {@code orderId}) and the account's commission rates ({@code GET /api/v3/account}, whose {@code
 * commissionRates} XChange does not read).
 */
@Path("api/v3")
@Produces(MediaType.APPLICATION_JSON)
interface BinanceSigned {

  /** {@code GET /api/v3/order} by client order id. */
  @GET
  @Path("order")
  BinanceOrder orderByClientId(
      @QueryParam("symbol") String symbol,
      @QueryParam("origClientOrderId") String clientOrderId,
      @QueryParam("recvWindow") Long recvWindow,
      @QueryParam("timestamp") SynchronizedValueFactory<Long> timestamp,
      @HeaderParam("X-MBX-APIKEY") String apiKey,
      @QueryParam("signature") ParamsDigest signature)
      throws IOException, BinanceException;

  /** {@code GET /api/v3/account}, read as a tree. */
  @GET
  @Path("account")
  JsonNode account(
      @QueryParam("recvWindow") Long recvWindow,
      @QueryParam("timestamp") SynchronizedValueFactory<Long> timestamp,
      @HeaderParam("X-MBX-APIKEY") String apiKey,
      @QueryParam("signature") ParamsDigest signature)
      throws IOException, BinanceException;
}
