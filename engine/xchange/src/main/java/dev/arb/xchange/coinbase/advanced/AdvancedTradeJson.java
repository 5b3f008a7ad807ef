package dev.arb.xchange.coinbase.advanced;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.engine.model.Market;
import dev.arb.engine.source.AssetAliases;
import dev.arb.error.VenueException;
import dev.arb.xchange.spi.OrderStates;
import dev.arb.xchange.spi.VenueMarket;
import dev.arb.xchange.spi.VenueOrder;
import dev.arb.xchange.spi.XChangeMarkets;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchange.currency.Currency;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.dto.Order.OrderType;
import org.knowm.xchange.dto.account.Balance;
import org.knowm.xchange.dto.marketdata.OrderBook;
import org.knowm.xchange.dto.marketdata.Ticker;
import org.knowm.xchange.dto.trade.LimitOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Advanced Trade's answers, read exactly: every amount is the decimal string Coinbase sent, as a
 * {@link BigDecimal}. An answer without the fields arb needs is an {@link IOException} naming the
 * call and the field.
 */
final class AdvancedTradeJson {
  private static final Logger LOG = LoggerFactory.getLogger(AdvancedTradeJson.class);

  /** States of an order that can still trade; {@code FILLED} closes it as expected. */
  static final OrderStates STATES =
      new OrderStates(
          Set.of(
              "pending", "open", "queued", "cancel_queued", "edit_queued", "unknown_order_status"),
          Set.of("filled"));

  private AdvancedTradeJson() {}

  /**
   * Spot markets of {@code GET /market/products}: lot {@code base_increment}, tick {@code
   * price_increment} (else {@code quote_increment}), minimums {@code base_min_size} and {@code
   * quote_min_size}. Products that are disabled, view-only, cancel-only, not {@code online} or not
   * {@code SPOT} are left out.
   */
  static List<VenueMarket> markets(JsonNode body, String name, BigDecimal fee) throws IOException {
    JsonNode products = body == null ? null : body.get("products");
    if (products == null || !products.isArray()) {
      throw new IOException(
          "Coinbase answered GET /api/v3/brokerage/market/products without products");
    }
    List<VenueMarket> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode p : products) {
      String id = text(p, "product_id");
      String base = text(p, "base_currency_id");
      String quote = text(p, "quote_currency_id");
      if (base.isEmpty() || quote.isEmpty() || !tradable(p)) {
        continue;
      }
      try {
        BigDecimal tick = decimal(p, "price_increment");
        Market m =
            new Market(
                name,
                AssetAliases.asset(base),
                AssetAliases.asset(quote),
                fee,
                XChangeMarkets.step(decimal(p, "base_increment"), null),
                XChangeMarkets.step(tick != null ? tick : decimal(p, "quote_increment"), null),
                XChangeMarkets.orZero(decimal(p, "base_min_size")),
                XChangeMarkets.orZero(decimal(p, "quote_min_size")));
        if (seen.add(m.id())) {
          out.add(new VenueMarket(m, base, quote, false));
        }
      } catch (IllegalArgumentException x) {
        LOG.debug("{}: product {} left out: {}", name, id, x.getMessage());
      }
    }
    return XChangeMarkets.sorted(out);
  }

  private static boolean tradable(JsonNode p) {
    String type = text(p, "product_type");
    String status = text(p, "status");
    return (type.isEmpty() || type.equalsIgnoreCase("SPOT"))
        && (status.isEmpty() || status.equalsIgnoreCase("online"))
        && !p.path("is_disabled").asBoolean(false)
        && !p.path("trading_disabled").asBoolean(false)
        && !p.path("view_only").asBoolean(false)
        && !p.path("cancel_only").asBoolean(false);
  }

  /**
   * The book of {@code GET /market/product_book}: {@code pricebook.bids} and {@code asks} ({@code
   * price}, {@code size}), its time {@code pricebook.time}.
   */
  static OrderBook book(JsonNode body, CurrencyPair pair) throws IOException {
    JsonNode book = body == null ? null : body.get("pricebook");
    if (book == null || !book.path("bids").isArray() || !book.path("asks").isArray()) {
      throw new IOException(
          "Coinbase answered GET /api/v3/brokerage/market/product_book without pricebook bids and"
              + " asks");
    }
    Date time = null;
    String t = text(book, "time");
    if (!t.isEmpty()) {
      try {
        time = Date.from(Instant.parse(t));
      } catch (DateTimeParseException e) {
        throw new IOException("Coinbase's product_book time is not a time: " + t);
      }
    }
    return new OrderBook(
        time,
        levels(book.get("asks"), OrderType.ASK, pair),
        levels(book.get("bids"), OrderType.BID, pair));
  }

  private static List<LimitOrder> levels(JsonNode side, OrderType type, CurrencyPair pair)
      throws IOException {
    List<LimitOrder> out = new ArrayList<>();
    for (JsonNode l : side) {
      BigDecimal price = decimal(l, "price");
      BigDecimal size = decimal(l, "size");
      if (price == null || size == null) {
        throw new IOException("Coinbase's product_book has a level without price or size: " + l);
      }
      out.add(new LimitOrder(type, size, pair, null, null, price));
    }
    return out;
  }

  /** A ticker of {@code GET /market/products/{id}}: {@code price} and base {@code volume_24h}. */
  static Ticker ticker(JsonNode p, CurrencyPair pair) throws IOException {
    BigDecimal price = p == null ? null : decimal(p, "price");
    BigDecimal volume = p == null ? null : decimal(p, "volume_24h");
    if (price == null) {
      throw new IOException("Coinbase answered the product " + pair + " without price");
    }
    return new Ticker.Builder()
        .instrument(pair)
        .last(price)
        .volume(volume)
        .quoteVolume(volume == null ? null : volume.multiply(price))
        .build();
  }

  /** The account's taker rate: {@code fee_tier.taker_fee_rate} of the transaction summary. */
  static BigDecimal takerFee(JsonNode body) throws IOException {
    String rate = body == null ? "" : body.path("fee_tier").path("taker_fee_rate").asText("");
    if (!rate.matches("\\d+(\\.\\d+)?")) {
      throw new IOException(
          "Coinbase answered GET /api/v3/brokerage/transaction_summary without"
              + " fee_tier.taker_fee_rate (got '"
              + rate
              + "')");
    }
    BigDecimal fee = new BigDecimal(rate).stripTrailingZeros();
    if (fee.compareTo(BigDecimal.ONE) >= 0) {
      throw new IOException("Coinbase's taker_fee_rate " + rate + " is not a fraction");
    }
    return fee;
  }

  /**
   * The order id of a {@code POST /orders} answer.
   *
   * @throws VenueException when Coinbase answered {@code success: false}: the order was not placed
   * @throws IOException when the answer has neither
   */
  static String placed(JsonNode body) throws IOException {
    if (body != null && body.path("success").asBoolean(false)) {
      String id = text(body.path("success_response"), "order_id");
      if (id.isEmpty()) {
        id = text(body, "order_id");
      }
      if (id.isEmpty()) {
        throw new IOException(
            "Coinbase answered POST /api/v3/brokerage/orders without an order id");
      }
      return id;
    }
    if (body != null && body.has("success")) {
      JsonNode e = body.path("error_response");
      String error = text(e, "error");
      String message = text(e, "message");
      String reason = text(body, "failure_reason");
      StringBuilder b = new StringBuilder("Coinbase refused the order: ");
      b.append(error.isEmpty() ? reason : error);
      if (!message.isEmpty()) {
        b.append(" (").append(message).append(')');
      }
      throw new VenueException(b.toString());
    }
    throw new IOException("Coinbase answered POST /api/v3/brokerage/orders without success");
  }

  /**
   * An order ({@code order} of {@code GET /orders/historical/{id}}, or an entry of the list) with
   * its fills: base, quote value and fee are the sums of the fills' {@code size}, {@code price ×
   * size} and {@code commission} when the fills add up to the order's {@code filled_size}, else the
   * order's own {@code filled_size}, {@code filled_value} and {@code total_fees}. Fees are charged
   * in the quote asset.
   */
  static VenueOrder order(JsonNode o, JsonNode fills) throws IOException {
    String id = text(o, "order_id");
    if (id.isEmpty()) {
      throw new IOException("Coinbase answered an order without order_id");
    }
    BigDecimal filled = zero(decimal(o, "filled_size"));
    BigDecimal value = zero(decimal(o, "filled_value"));
    BigDecimal fee = zero(decimal(o, "total_fees"));
    if (fills != null && fills.isArray() && fills.size() > 0) {
      BigDecimal base = BigDecimal.ZERO;
      BigDecimal quote = BigDecimal.ZERO;
      BigDecimal commission = BigDecimal.ZERO;
      for (JsonNode f : fills) {
        if (!id.equals(text(f, "order_id"))) {
          continue;
        }
        BigDecimal size = decimal(f, "size");
        BigDecimal price = decimal(f, "price");
        if (size == null || price == null) {
          throw new IOException("Coinbase answered a fill of " + id + " without price or size");
        }
        base = base.add(size);
        quote = quote.add(price.multiply(size));
        commission = commission.add(zero(decimal(f, "commission")));
      }
      if (base.compareTo(filled) == 0) {
        value = quote;
        fee = commission;
      }
    }
    String reason = text(o, "reject_message");
    if (reason.isEmpty()) {
      reason = text(o, "cancel_message");
    }
    return STATES.order(
        id, text(o, "status"), reason.isEmpty() ? null : reason, filled, value, fee);
  }

  /**
   * Balances of a {@code GET /accounts} page: each account's {@code currency} and {@code
   * available_balance.value}, its {@code hold.value} added for the total.
   */
  static List<Balance> balances(JsonNode body) throws IOException {
    JsonNode accounts = body == null ? null : body.get("accounts");
    if (accounts == null || !accounts.isArray()) {
      throw new IOException("Coinbase answered GET /api/v3/brokerage/accounts without accounts");
    }
    List<Balance> out = new ArrayList<>();
    for (JsonNode a : accounts) {
      String currency = text(a, "currency");
      BigDecimal available = decimal(a.path("available_balance"), "value");
      if (currency.isEmpty() || available == null) {
        continue;
      }
      BigDecimal hold = zero(decimal(a.path("hold"), "value"));
      out.add(new Balance(Currency.getInstance(currency), available.add(hold), available, hold));
    }
    return out;
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || v.isNull() ? "" : v.asText("").trim();
  }

  /** A decimal field (string or number), null when absent or empty. */
  static BigDecimal decimal(JsonNode n, String field) throws IOException {
    JsonNode v = n == null ? null : n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    String s = v.isNumber() ? v.decimalValue().toPlainString() : v.asText("").trim();
    if (s.isEmpty()) {
      return null;
    }
    try {
      return new BigDecimal(s.replace(",", ""));
    } catch (NumberFormatException e) {
      throw new IOException("Coinbase sent " + field + " = '" + s + "', not a number");
    }
  }

  private static BigDecimal zero(BigDecimal v) {
    return v == null ? BigDecimal.ZERO : v;
  }
}
