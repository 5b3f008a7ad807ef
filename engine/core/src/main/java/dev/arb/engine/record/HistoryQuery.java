package dev.arb.engine.record;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A filter over stored opportunities; every part is optional and they combine with AND. Results are
 * newest first.
 *
 * @param since detected at or after this instant
 * @param until detected before this instant
 * @param statuses any of these statuses (empty: all)
 * @param exchange touching this exchange (case-insensitive)
 * @param asset passing through this asset (case-insensitive)
 * @param minProfitBp return in basis points at least this
 * @param limit at most this many rows (at least 1)
 * @param instance stored by this arb process ({@code arb.instance}, exact)
 */
public record HistoryQuery(
    Optional<Instant> since,
    Optional<Instant> until,
    Set<OpportunityStatus> statuses,
    Optional<String> exchange,
    Optional<String> asset,
    OptionalDouble minProfitBp,
    int limit,
    Optional<String> instance) {

  public HistoryQuery {
    statuses = Set.copyOf(statuses);
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    java.util.Objects.requireNonNull(instance, "instance");
  }

  /** A filter over the records of every instance. */
  public HistoryQuery(
      Optional<Instant> since,
      Optional<Instant> until,
      Set<OpportunityStatus> statuses,
      Optional<String> exchange,
      Optional<String> asset,
      OptionalDouble minProfitBp,
      int limit) {
    this(since, until, statuses, exchange, asset, minProfitBp, limit, Optional.empty());
  }

  /** The same filter, narrowed to the records stored by {@code name}. */
  public HistoryQuery withInstance(String name) {
    return new HistoryQuery(
        since, until, statuses, exchange, asset, minProfitBp, limit, Optional.of(name));
  }

  /** Everything, newest first, up to {@code limit} rows. */
  public static HistoryQuery all(int limit) {
    return new HistoryQuery(
        Optional.empty(),
        Optional.empty(),
        Set.of(),
        Optional.empty(),
        Optional.empty(),
        OptionalDouble.empty(),
        limit);
  }
}
