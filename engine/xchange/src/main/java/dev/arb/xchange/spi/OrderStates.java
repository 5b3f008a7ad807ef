package dev.arb.xchange.spi;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How one exchange names the states of its orders: the one status mapping of every exchange
 * package.
 *
 * @param open states (lower case) in which the order can still trade
 * @param normal states and close reasons (lower case) that mean the order closed as expected: no
 *     note
 */
public record OrderStates(Set<String> open, Set<String> normal) {
  public OrderStates {
    open = Set.copyOf(open);
    normal = Set.copyOf(normal);
  }

  /**
   * The order as the exchange reported it, its fee in the quote asset; absent amounts are zero. Its
   * note is the exchange's close reason, else the state it closed in, unless either is {@link
   * #normal}.
   *
   * @param status the exchange's state of the order
   * @param reason the exchange's reason it closed, or null
   */
  public VenueOrder order(
      String venueOrderId,
      String status,
      String reason,
      BigDecimal baseFilled,
      BigDecimal quoteFilled,
      BigDecimal fee) {
    String s = lower(status);
    String r = lower(reason);
    boolean isOpen = open.contains(s);
    String note = "";
    if (!r.isEmpty() && !normal.contains(r)) {
      note = reason;
    } else if (r.isEmpty() && !isOpen && !s.isEmpty() && !normal.contains(s)) {
      note = s;
    }
    return new VenueOrder(
        Objects.requireNonNull(venueOrderId, "venueOrderId"),
        isOpen,
        nz(baseFilled),
        nz(quoteFilled),
        nz(fee),
        false,
        note);
  }

  private static String lower(String s) {
    return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
  }

  private static BigDecimal nz(BigDecimal v) {
    return v == null ? BigDecimal.ZERO : v;
  }
}
