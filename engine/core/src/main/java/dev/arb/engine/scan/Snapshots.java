package dev.arb.engine.scan;

import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Transformations of whole snapshots. */
public final class Snapshots {
  private Snapshots() {}

  /**
   * The same snapshot with every book market's taker fee set to {@code fee} (a fraction in [0, 1));
   * pools keep their own fees.
   */
  public static MarketSnapshot withTakerFee(MarketSnapshot snapshot, BigDecimal fee) {
    List<OrderBook> books = new ArrayList<>(snapshot.books().size());
    for (OrderBook b : snapshot.books()) {
      books.add(new OrderBook(b.market().withTakerFee(fee), b.bids(), b.asks(), b.observedAt()));
    }
    return snapshot.withBooks(books);
  }
}
