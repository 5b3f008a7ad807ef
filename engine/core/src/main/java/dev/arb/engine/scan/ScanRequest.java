package dev.arb.engine.scan;

import dev.arb.engine.model.TransferCosts;
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
 * @param pools same-as joins, gas and the liquidity floor for the snapshot's pools
 * @param transferFees with {@code transfers}, what each transfer costs ({@code --transfers=fees}):
 *     a cycle that crosses exchanges is sized with each withdrawal's fee and minimum; empty for the
 *     inventory model
 */
public record ScanRequest(
    PathQuery query,
    Optional<BigDecimal> amount,
    Optional<Duration> maxAge,
    boolean transfers,
    PoolOptions pools,
    Optional<TransferCosts> transferFees) {
  /** A request in the inventory model (transfers, if any, cost nothing). */
  public ScanRequest(
      PathQuery query,
      Optional<BigDecimal> amount,
      Optional<Duration> maxAge,
      boolean transfers,
      PoolOptions pools) {
    this(query, amount, maxAge, transfers, pools, Optional.empty());
  }

  /** A request without transfers between exchanges. */
  public ScanRequest(PathQuery query, Optional<BigDecimal> amount, Optional<Duration> maxAge) {
    this(query, amount, maxAge, false);
  }

  /** A request with default pool options (no joins, profits before gas, no liquidity floor). */
  public ScanRequest(
      PathQuery query, Optional<BigDecimal> amount, Optional<Duration> maxAge, boolean transfers) {
    this(query, amount, maxAge, transfers, PoolOptions.defaults());
  }

  /** The same request with these pool options. */
  public ScanRequest withPools(PoolOptions options) {
    return new ScanRequest(query, amount, maxAge, transfers, options, transferFees);
  }

  /** The same request with transfers between exchanges that cost their withdrawal fees. */
  public ScanRequest withTransferFees(TransferCosts costs) {
    return new ScanRequest(query, amount, maxAge, true, pools, Optional.of(costs));
  }

  public ScanRequest {
    Objects.requireNonNull(pools, "pools");
    Objects.requireNonNull(transferFees, "transferFees");
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
