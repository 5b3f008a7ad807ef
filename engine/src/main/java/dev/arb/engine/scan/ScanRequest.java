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
 */
public record ScanRequest(PathQuery query, Optional<BigDecimal> amount, Optional<Duration> maxAge) {
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
