package dev.arb.daemon;

import dev.arb.engine.port.VenueHealth;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How one live exchange is doing, as the daemon shows it in {@code /status} and {@code /metrics}.
 *
 * @param name lower-case exchange name
 * @param health the adapter's health after the latest poll; empty before the first
 * @param lastDataAt when the exchange last gave at least one usable book; empty if never
 * @param noDataSince start of the current outage: the first poll since the last usable book that
 *     gave none (or the first poll, if there never was one); empty while books arrive
 * @param problems problems the exchange reported, summed over all polls (failed requests, stale or
 *     invalid books, exchange down)
 * @param retries requests retried after a failure, summed over all polls
 */
public record ExchangeStatus(
    String name,
    Optional<VenueHealth> health,
    Optional<Instant> lastDataAt,
    Optional<Instant> noDataSince,
    long problems,
    long retries) {

  public ExchangeStatus {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(lastDataAt, "lastDataAt");
    Objects.requireNonNull(noDataSince, "noDataSince");
  }
}
