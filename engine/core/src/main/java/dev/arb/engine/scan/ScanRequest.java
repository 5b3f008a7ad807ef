package dev.arb.engine.scan;

import dev.arb.engine.path.PathQuery;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one scan is asked to do.
 *
 * @param query the path search: max length, top K, start assets, minimum top-of-book return
 * @param amount most of the start asset a plan may spend; empty to size by book depth alone
 * @param maxAge books observed more than this before the snapshot's newest observation are left
 *     out; empty for no limit
 * @param transfers whether a cycle may move an asset between exchanges, at no cost: the inventory
 *     model, where balances are held on every exchange and rebalanced later (withdrawal fees are
 *     not modelled)
 */
public record ScanRequest(
    PathQuery query, Optional<BigDecimal> amount, Optional<Duration> maxAge, boolean transfers) {
  /** A request without transfers between exchanges. */
  public ScanRequest(PathQuery query, Optional<BigDecimal> amount, Optional<Duration> maxAge) {
    this(query, amount, maxAge, false);
  }

  public ScanRequest {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(maxAge, "maxAge");
    if (amount.isPresent() && amount.get().signum() <= 0) {
      throw new IllegalArgumentException("amount must be positive, got " + amount.get());
    }
    if (maxAge.isPresent() && (maxAge.get().isNegative() || maxAge.get().isZero())) {
      throw new IllegalArgumentException("max age must be positive, got " + maxAge.get());
    }
  }
}
