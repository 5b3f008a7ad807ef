package dev.arb.engine.scan;

import dev.arb.engine.model.Market;
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
      Market m = b.market();
      Market changed =
          new Market(
              m.exchange(),
              m.base(),
              m.quote(),
              fee,
              m.lotSize(),
              m.tickSize(),
              m.minAmount(),
              m.minNotional());
      books.add(new OrderBook(changed, b.bids(), b.asks(), b.observedAt()));
    }
    return snapshot.withBooks(books);
  }
}
