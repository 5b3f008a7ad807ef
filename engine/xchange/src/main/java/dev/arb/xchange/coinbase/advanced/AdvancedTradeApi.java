package dev.arb.xchange.coinbase.advanced;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import si.mazi.rescu.ParamsDigest;

/**
 * The Coinbase Advanced Trade REST calls arb makes ({@code /api/v3/brokerage}), declared for
 * XChange's rescu client. Answers are read as JSON trees and turned into arb's values by {@link
 * AdvancedTradeJson}; a status other than 2xx arrives as rescu's {@code HttpStatusIOException}
 * (status, body, headers), which arb's fault classifier reads. Private calls carry {@code
 * Authorization: Bearer JWT} made per request by {@link CdpAuth}.
 */
@Path("api/v3/brokerage")
@Produces(MediaType.APPLICATION_JSON)
interface AdvancedTradeApi {

  /** {@code GET /market/products}: every product, public. */
  @GET
  @Path("market/products")
  JsonNode products(@QueryParam("product_type") String productType) throws IOException;

  /** {@code GET /market/products/{product_id}}: one product (price, 24h volume), public. */
  @GET
  @Path("market/products/{product_id}")
  JsonNode product(@PathParam("product_id") String productId) throws IOException;

  /** {@code GET /market/product_book}: one product's book, public. */
  @GET
  @Path("market/product_book")
  JsonNode productBook(@QueryParam("product_id") String productId, @QueryParam("limit") int limit)
      throws IOException;

  /** {@code GET /transaction_summary}: the account's fee tier. */
  @GET
  @Path("transaction_summary")
  JsonNode transactionSummary(
      @QueryParam("product_type") String productType,
      @HeaderParam("Authorization") ParamsDigest auth)
      throws IOException;

  /** {@code POST /orders}: places an order. */
  @POST
  @Path("orders")
  @Consumes(MediaType.APPLICATION_JSON)
  JsonNode createOrder(ObjectNode order, @HeaderParam("Authorization") ParamsDigest auth)
      throws IOException;

  /** {@code GET /orders/historical/{order_id}}: one order. */
  @GET
  @Path("orders/historical/{order_id}")
  JsonNode order(
      @PathParam("order_id") String orderId, @HeaderParam("Authorization") ParamsDigest auth)
      throws IOException;

  /** {@code GET /orders/historical/batch}: orders of a product, newest first, one page. */
  @GET
  @Path("orders/historical/batch")
  JsonNode orders(
      @QueryParam("product_ids") String productId,
      @QueryParam("limit") int limit,
      @QueryParam("cursor") String cursor,
      @HeaderParam("Authorization") ParamsDigest auth)
      throws IOException;

  /** {@code GET /orders/historical/fills}: the fills of one order. */
  @GET
  @Path("orders/historical/fills")
  JsonNode fills(
      @QueryParam("order_ids") String orderId,
      @QueryParam("limit") int limit,
      @HeaderParam("Authorization") ParamsDigest auth)
      throws IOException;

  /** {@code POST /orders/batch_cancel}: cancels orders by id. */
  @POST
  @Path("orders/batch_cancel")
  @Consumes(MediaType.APPLICATION_JSON)
  JsonNode cancel(ObjectNode orderIds, @HeaderParam("Authorization") ParamsDigest auth)
      throws IOException;

  /** {@code GET /accounts}: the account's balances, one page. */
  @GET
  @Path("accounts")
  JsonNode accounts(
      @QueryParam("limit") int limit,
      @QueryParam("cursor") String cursor,
      @HeaderParam("Authorization") ParamsDigest auth)
      throws IOException;
}
