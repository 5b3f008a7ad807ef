package dev.arb.xchange.live;

import dev.arb.xchange.Retrier;
import java.util.Objects;

/**
 * One exchange as the live executor uses it: its order calls, a retrier for calls that are safe to
 * repeat (queries, cancels), and a single-attempt one for placements, both drawing on the same
 * request budget.
 *
 * @param orders the exchange's order calls
 * @param reads retries queries and cancels (timeouts, 5xx, connection resets) with backoff
 * @param once one attempt within the budget: placements are never retried blindly
 */
public record LiveVenue(VenueOrders orders, Retrier reads, Retrier once) {
  public LiveVenue {
    Objects.requireNonNull(orders, "orders");
    Objects.requireNonNull(reads, "reads");
    Objects.requireNonNull(once, "once");
  }

  /** The exchange's name. */
  public String name() {
    return orders.name();
  }
}
