package dev.arb.xchange.live;

import dev.arb.engine.resilience.Retry;
import dev.arb.xchange.spi.VenueOrders;
import java.util.Objects;

/**
 * One exchange as the live executor uses it: its order calls, retries for calls that are safe to
 * repeat (queries, cancels), and a single attempt for placements, both drawing on the same request
 * budget.
 *
 * @param orders the exchange's order calls
 * @param reads retries queries and cancels (timeouts, 5xx, connection resets) with backoff
 * @param once one attempt within the budget: placements are never retried blindly
 */
public record LiveVenue(VenueOrders orders, Retry reads, Retry once) {
  public LiveVenue {
    Objects.requireNonNull(orders, "orders");
    Objects.requireNonNull(reads, "reads");
    Objects.requireNonNull(once, "once");
  }

  /** An exchange's order calls, with {@code reads} and its single-attempt twin. */
  public static LiveVenue of(VenueOrders orders, Retry reads) {
    return new LiveVenue(orders, reads, reads.once());
  }

  /** The exchange's name. */
  public String name() {
    return orders.name();
  }
}
