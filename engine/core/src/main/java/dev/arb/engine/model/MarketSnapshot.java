package dev.arb.engine.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * All books known at one moment, plus what was wrong with the input: markets left out and why.
 *
 * @param books valid books, at most one per market id
 * @param problems one line per left-out market or bad input: {@code market: what is wrong}
 * @param source where the data came from (file path, "sample", exchange names), for messages
 */
public record MarketSnapshot(List<OrderBook> books, List<String> problems, String source) {
  public MarketSnapshot {
    books = List.copyOf(books);
    problems = List.copyOf(problems);
  }

  /** The newest observation time: the snapshot's own clock for data age. */
  public Optional<Instant> newestObservation() {
    Instant max = null;
    for (OrderBook b : books) {
      if (max == null || b.observedAt().isAfter(max)) {
        max = b.observedAt();
      }
    }
    return Optional.ofNullable(max);
  }
}
