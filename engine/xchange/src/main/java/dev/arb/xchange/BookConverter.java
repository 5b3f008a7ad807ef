package dev.arb.xchange;

import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.OrderBook;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.knowm.xchange.dto.trade.LimitOrder;

/**
 * Turns an XChange order book into arb's, exactly (the BigDecimals XChange parsed from the
 * exchange's decimal strings), or says why it cannot be used: a missing or non-positive level, an
 * empty book, unsorted or crossed sides (the model's own check), or a stale book.
 */
final class BookConverter {
  private BookConverter() {}

  /** A usable book, or the reason it is not used. */
  record Converted(OrderBook book, String problem) {}

  /**
   * @param exchangeTime the snapshot time the exchange gave, or null
   * @param receivedAt when the response arrived
   * @param maxAge a book whose exchange time is older than this at receipt is stale
   */
  static Converted convert(
      Market market,
      org.knowm.xchange.dto.marketdata.OrderBook raw,
      Date exchangeTime,
      Instant receivedAt,
      Duration maxAge) {
    return convert(
        market, raw, exchangeTime == null ? null : exchangeTime.toInstant(), receivedAt, maxAge);
  }

  /**
   * The same with the exchange time as an instant (microseconds kept, as Bitstamp's stream has).
   */
  static Converted convert(
      Market market,
      org.knowm.xchange.dto.marketdata.OrderBook raw,
      Instant exchangeTime,
      Instant receivedAt,
      Duration maxAge) {
    if (raw == null) {
      return new Converted(null, "no order book in the response");
    }
    List<BookLevel> bids = new ArrayList<>();
    List<BookLevel> asks = new ArrayList<>();
    String bad = levels(raw.getBids(), "bids", bids);
    if (bad == null) {
      bad = levels(raw.getAsks(), "asks", asks);
    }
    if (bad != null) {
      return new Converted(null, bad);
    }
    if (bids.isEmpty() && asks.isEmpty()) {
      return new Converted(null, "empty book (no bids and no asks)");
    }
    String problem = OrderBook.problem(bids, asks);
    if (problem != null) {
      return new Converted(null, problem);
    }
    Instant observedAt = exchangeTime == null ? receivedAt : exchangeTime;
    Duration age = Duration.between(observedAt, receivedAt);
    if (age.compareTo(maxAge) > 0) {
      return new Converted(
          null,
          "stale book: exchange time "
              + observedAt
              + " is "
              + human(age)
              + " before it was received ("
              + receivedAt
              + "), more than max-book-age "
              + human(maxAge));
    }
    return new Converted(new OrderBook(market, bids, asks, observedAt), null);
  }

  private static String levels(List<LimitOrder> orders, String side, List<BookLevel> out) {
    if (orders == null) {
      return null;
    }
    for (int i = 0; i < orders.size(); i++) {
      LimitOrder o = orders.get(i);
      BigDecimal price = o == null ? null : o.getLimitPrice();
      BigDecimal amount = o == null ? null : o.getOriginalAmount();
      if (price == null || amount == null) {
        return side + "[" + i + "] has no price or amount";
      }
      if (price.signum() <= 0 || amount.signum() <= 0) {
        return side
            + "["
            + i
            + "] is not positive: price "
            + price.toPlainString()
            + ", amount "
            + amount.toPlainString();
      }
      out.add(new BookLevel(price, amount));
    }
    return null;
  }

  /** {@code 12s}, {@code 1500ms}, {@code 3d 4h}: short durations for messages. */
  static String human(Duration d) {
    if (d.toMillis() < 10_000) {
      return d.toMillis() + "ms";
    }
    if (d.toSeconds() < 3600) {
      return d.toSeconds() + "s";
    }
    if (d.toHours() < 48) {
      return d.toHours() + "h " + d.toMinutesPart() + "m";
    }
    return d.toDays() + "d " + d.toHoursPart() + "h";
  }
}
