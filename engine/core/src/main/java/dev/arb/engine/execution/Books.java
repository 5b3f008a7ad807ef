package dev.arb.engine.execution;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.OrderBook;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The books known at one moment, by market id, immutable: what a re-check or a paper fill sees. */
public final class Books {
  private final Map<String, OrderBook> byMarket;

  private Books(Map<String, OrderBook> byMarket) {
    this.byMarket = byMarket;
  }

  /** Books by market id; a later book of the same market replaces an earlier one. */
  public static Books of(List<OrderBook> books) {
    Map<String, OrderBook> m = new LinkedHashMap<>();
    for (OrderBook b : books) {
      m.put(b.market().id(), b);
    }
    return new Books(m);
  }

  /** These books with {@code book} replacing the book of its market. */
  public Books with(OrderBook book) {
    Map<String, OrderBook> m = new LinkedHashMap<>(byMarket);
    m.put(book.market().id(), book);
    return new Books(m);
  }

  /** The current book of a market. */
  public Optional<OrderBook> book(Market market) {
    return Optional.ofNullable(byMarket.get(market.id()));
  }

  /** Books on {@code exchange} of a market between {@code a} and {@code b}, either way round. */
  public List<OrderBook> between(String exchange, Asset a, Asset b) {
    List<OrderBook> out = new ArrayList<>();
    for (OrderBook book : byMarket.values()) {
      Market m = book.market();
      if (m.exchange().equals(exchange)
          && ((m.base().equals(a) && m.quote().equals(b))
              || (m.base().equals(b) && m.quote().equals(a)))) {
        out.add(book);
      }
    }
    return out;
  }
}
