package dev.arb.xchange.binance;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import org.knowm.xchange.binance.dto.BinanceException;
import si.mazi.rescu.ParamsDigest;
import si.mazi.rescu.SynchronizedValueFactory;

/**
 * Binance's signed spot calls as arb makes them, declared for XChange's rescu client and signed
 * with XChange's own {@code BinanceHmacDigest}; errors arrive as XChange's {@link BinanceException}
 * ({@code code}, {@code msg}).
 *
 * <p>Why not XChange's {@code BinanceAuthenticated}: its order answers ({@code BinanceNewOrder},
 * {@code BinanceOrder}) cannot be read with the Jackson arb runs (2.23): their {@code timeInForce}
 * enum inherits a polymorphic type annotation from XChange core's order flags and every answer
 * fails to parse. These calls read the same documented answers into {@link Order} and {@link
 * Trade}. XChange also always sends an {@code orderId} when looking an order up, where arb needs
 * the client order id alone, and does not read the account's {@code commissionRates}.
 */
@Path("api/v3")
@Produces(MediaType.APPLICATION_JSON)
interface BinanceSigned {

  /**
   * An order as Binance reports it ({@code POST}, {@code GET} and {@code DELETE /api/v3/order}):
   * the fields arb reads; {@code fills} only in a placement's {@code FULL} answer.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Order(
      String symbol,
      long orderId,
      String clientOrderId,
      BigDecimal price,
      BigDecimal origQty,
      BigDecimal executedQty,
      BigDecimal cummulativeQuoteQty,
      String status,
      String side,
      List<Trade> fills) {}

  /**
   * One trade of an order: a fill of a placement's answer or an entry of {@code GET
   * /api/v3/myTrades}.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Trade(BigDecimal price, BigDecimal qty, BigDecimal commission, String commissionAsset) {}

  /** {@code POST /api/v3/order}, answered with {@code newOrderRespType}. */
  @POST
  @Path("order")
  Order newOrder(
      @FormParam("symbol") String symbol,
      @FormParam("side") String side,
      @FormParam("type") String type,
      @FormParam("timeInForce") String timeInForce,
      @FormParam("quantity") String quantity,
      @FormParam("price") String price,
      @FormParam("newClientOrderId") String clientOrderId,
      @FormParam("newOrderRespType") String responseType,
      @FormParam("recvWindow") Long recvWindow,
      @FormParam("timestamp") SynchronizedValueFactory<Long> timestamp,
      @HeaderParam("X-MBX-APIKEY") String apiKey,
      @FormParam("signature") ParamsDigest signature)
      throws IOException, BinanceException;

  /** {@code GET /api/v3/order} by Binance's order id. */
  @GET
  @Path("order")
  Order order(
      @QueryParam("symbol") String symbol,
      @QueryParam("orderId") long orderId,
      @QueryParam("recvWindow") Long recvWindow,
      @QueryParam("timestamp") SynchronizedValueFactory<Long> timestamp,
      @HeaderParam("X-MBX-APIKEY") String apiKey,
      @QueryParam("signature") ParamsDigest signature)
      throws IOException, BinanceException;

  /** {@code GET /api/v3/order} by client order id. */
  @GET
  @Path("order")
  Order orderByClientId(
      @QueryParam("symbol") String symbol,
      @QueryParam("origClientOrderId") String clientOrderId,
      @QueryParam("recvWindow") Long recvWindow,
      @QueryParam("timestamp") SynchronizedValueFactory<Long> timestamp,
      @HeaderParam("X-MBX-APIKEY") String apiKey,
      @QueryParam("signature") ParamsDigest signature)
      throws IOException, BinanceException;

  /** {@code GET /api/v3/myTrades} of one order. */
  @GET
  @Path("myTrades")
  List<Trade> trades(
      @QueryParam("symbol") String symbol,
      @QueryParam("orderId") long orderId,
      @QueryParam("limit") Integer limit,
      @QueryParam("recvWindow") Long recvWindow,
      @QueryParam("timestamp") SynchronizedValueFactory<Long> timestamp,
      @HeaderParam("X-MBX-APIKEY") String apiKey,
      @QueryParam("signature") ParamsDigest signature)
      throws IOException, BinanceException;

  /** {@code DELETE /api/v3/order} by Binance's order id. */
  @DELETE
  @Path("order")
  JsonNode cancel(
      @QueryParam("symbol") String symbol,
      @QueryParam("orderId") long orderId,
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
