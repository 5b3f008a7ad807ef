package dev.arb.xchange.binance;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.Side;
import dev.arb.engine.record.FeeCharge;
import dev.arb.error.VenueException;
import dev.arb.xchange.spi.OrderTraits;
import dev.arb.xchange.spi.VenueOrder;
import dev.arb.xchange.spi.VenueOrders;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.knowm.xchange.Exchange;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.binance.BinanceExchange;
import org.knowm.xchange.binance.dto.BinanceException;
import org.knowm.xchange.binance.service.BinanceHmacDigest;
import org.knowm.xchange.client.ExchangeRestProxyBuilder;
import si.mazi.rescu.ParamsDigest;

/**
 * Binance spot ({@code POST /api/v3/order}, {@code GET /api/v3/order}, {@code GET
 * /api/v3/myTrades}, {@code DELETE /api/v3/order}): limit orders with {@code timeInForce=IOC} and
 * {@code newOrderRespType=FULL}, the client order id sent as {@code newClientOrderId}.
 *
 * <p>Binance's order status carries no fee: the fees are in the fills. A placement's answer lists
 * them (price, quantity, commission and its asset); an order looked up later (after a lost answer,
 * a timeout, or by reconciliation) gets them from {@code GET /api/v3/myTrades?orderId=}. A buy's
 * commission is charged in the base asset bought, a sell's in the quote asset received, or, when
 * the account pays fees with BNB, in BNB: that part is reported as the order's {@link
 * VenueOrder#otherFee}. The quote amount of a placement's fills is Σ price × quantity, exactly.
 */
final class BinanceOrders implements VenueOrders {
  /** Binance's documented form of a client order id. */
  private static final Pattern CLIENT_ID = Pattern.compile("^[.A-Z:/a-z0-9_-]{1,36}$");

  private static final int ORDER_NOT_FOUND = -2013;
  private static final int UNKNOWN_ORDER = -2011;

  /** Binance's largest page of trades; an IOC order has far fewer. */
  private static final int MAX_TRADES = 1000;

  private final BinanceExchange exchange;
  private final BinanceSigned signed;
  // final answers of placements (IOC orders are closed when answered), by order id, read once
  private final Map<String, VenueOrder> answered = new ConcurrentHashMap<>();

  BinanceOrders(Exchange exchange) {
    this.exchange = (BinanceExchange) exchange;
    this.signed =
        ExchangeRestProxyBuilder.forInterface(
                BinanceSigned.class, exchange.getExchangeSpecification())
            .build();
  }

  @Override
  public String name() {
    return "binance";
  }

  /** IOC and lookup by client id; a buy's fee is taken from the base asset bought. */
  @Override
  public OrderTraits traits() {
    return new OrderTraits(true, true, true);
  }

  /**
   * arb's id where Binance accepts it (1 to 36 of {@code A-Z a-z 0-9 . : / _ -}), else {@code arb-}
   * and the first 32 hex digits of its SHA-256.
   */
  @Override
  public String clientIdFor(String clientOrderId) {
    if (CLIENT_ID.matcher(clientOrderId).matches()) {
      return clientOrderId;
    }
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest(clientOrderId.getBytes(StandardCharsets.UTF_8));
      return "arb-" + HexFormat.of().formatHex(h).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  @Override
  public String place(
      Market market, Side side, BigDecimal baseAmount, BigDecimal limitPrice, String clientOrderId)
      throws Exception {
    ExchangeSpecification spec = exchange.getExchangeSpecification();
    BinanceSigned.Order o =
        signed.newOrder(
            symbol(market),
            side == Side.BUY ? "BUY" : "SELL",
            "LIMIT",
            "IOC",
            baseAmount.toPlainString(),
            limitPrice.toPlainString(),
            clientIdFor(clientOrderId),
            "FULL",
            null,
            exchange.getTimestampFactory(),
            spec.getApiKey(),
            digest());
    if (o == null || o.orderId() <= 0) {
      throw new VenueException("POST /api/v3/order answered without an order id");
    }
    String id = Long.toString(o.orderId());
    if (o.status() != null && !isOpen(o.status()) && o.fills() != null) {
      BigDecimal quote = BigDecimal.ZERO;
      for (BinanceSigned.Trade f : o.fills()) {
        quote = quote.add(f.price().multiply(f.qty()));
      }
      answered.put(id, adapt(id, o.status(), o.executedQty(), quote, o.fills(), market, side));
    }
    return id;
  }

  @Override
  public VenueOrder query(Market market, Side side, String venueOrderId) throws Exception {
    VenueOrder known = answered.remove(venueOrderId);
    if (known != null) {
      return known;
    }
    ExchangeSpecification spec = exchange.getExchangeSpecification();
    BinanceSigned.Order o =
        signed.order(
            symbol(market),
            Long.parseLong(venueOrderId),
            null,
            exchange.getTimestampFactory(),
            spec.getApiKey(),
            digest());
    return withFills(o, market, side);
  }

  @Override
  public Optional<VenueOrder> findByClientId(Market market, Side side, String clientOrderId)
      throws Exception {
    ExchangeSpecification spec = exchange.getExchangeSpecification();
    BinanceSigned.Order o;
    try {
      o =
          signed.orderByClientId(
              symbol(market),
              clientIdFor(clientOrderId),
              null,
              exchange.getTimestampFactory(),
              spec.getApiKey(),
              digest());
    } catch (BinanceException e) {
      if (e.getCode() == ORDER_NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
    return Optional.of(withFills(o, market, side));
  }

  @Override
  public boolean cancel(Market market, String venueOrderId) throws Exception {
    ExchangeSpecification spec = exchange.getExchangeSpecification();
    try {
      signed.cancel(
          symbol(market),
          Long.parseLong(venueOrderId),
          null,
          exchange.getTimestampFactory(),
          spec.getApiKey(),
          digest());
      return true;
    } catch (BinanceException e) {
      if (e.getCode() == UNKNOWN_ORDER) {
        return false;
      }
      throw e;
    }
  }

  private ParamsDigest digest() {
    return BinanceHmacDigest.createInstance(exchange.getExchangeSpecification().getSecretKey());
  }

  /** The order as queried, with its fees from its trades once it is closed and filled. */
  private VenueOrder withFills(BinanceSigned.Order o, Market market, Side side) throws Exception {
    String id = Long.toString(o.orderId());
    List<BinanceSigned.Trade> fills = List.of();
    if (!isOpen(o.status()) && o.executedQty() != null && o.executedQty().signum() > 0) {
      ExchangeSpecification spec = exchange.getExchangeSpecification();
      fills =
          signed.trades(
              symbol(market),
              o.orderId(),
              MAX_TRADES,
              null,
              exchange.getTimestampFactory(),
              spec.getApiKey(),
              digest());
    }
    return adapt(id, o.status(), o.executedQty(), o.cummulativeQuoteQty(), fills, market, side);
  }

  /**
   * An order from its status and fills: the commissions in the base or quote asset make its fee
   * (charged on the side it was charged), those in another asset (BNB) its other fee.
   */
  static VenueOrder adapt(
      String id,
      String status,
      BigDecimal executed,
      BigDecimal quote,
      List<BinanceSigned.Trade> fills,
      Market market,
      Side side) {
    String base = market.base().code();
    String quoteCode = market.quote().code();
    BigDecimal inBase = BigDecimal.ZERO;
    BigDecimal inQuote = BigDecimal.ZERO;
    BigDecimal other = BigDecimal.ZERO;
    String otherAsset = null;
    for (BinanceSigned.Trade f : fills == null ? List.<BinanceSigned.Trade>of() : fills) {
      if (f.commission() == null || f.commission().signum() == 0) {
        continue;
      }
      String a = f.commissionAsset() == null ? "" : f.commissionAsset().toUpperCase(Locale.ROOT);
      if (a.equals(base)) {
        inBase = inBase.add(f.commission());
      } else if (a.equals(quoteCode)) {
        inQuote = inQuote.add(f.commission());
      } else {
        if (otherAsset != null && !otherAsset.equals(a)) {
          throw new VenueException(
              "binance order " + id + " charged fees in " + otherAsset + " and " + a);
        }
        otherAsset = a;
        other = other.add(f.commission());
      }
    }
    if (inBase.signum() > 0 && inQuote.signum() > 0) {
      throw new VenueException(
          "binance order " + id + " charged fees in " + base + " and " + quoteCode);
    }
    boolean feeInBase = inBase.signum() > 0 || (inQuote.signum() == 0 && side == Side.BUY);
    String s = status == null ? "" : status.toLowerCase(Locale.ROOT);
    boolean open = isOpen(status);
    String note = open || s.equals("filled") ? "" : s;
    return new VenueOrder(
        id,
        open,
        executed == null ? BigDecimal.ZERO : executed,
        quote == null || quote.signum() < 0 ? BigDecimal.ZERO : quote,
        feeInBase ? inBase : inQuote,
        feeInBase,
        note,
        otherAsset == null
            ? Optional.empty()
            : Optional.of(new FeeCharge(Asset.of(otherAsset), other)));
  }

  /** Binance's statuses of an order that can still trade. */
  private static boolean isOpen(String s) {
    return "NEW".equals(s) || "PARTIALLY_FILLED".equals(s) || "PENDING_CANCEL".equals(s);
  }

  private static String symbol(Market m) {
    return m.base().code() + m.quote().code();
  }
}
