package dev.arb.engine.scan;

import dev.arb.engine.path.PathSearchResult;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one scan found.
 *
 * @param source where the data came from
 * @param asOf the snapshot's newest observation (its own clock), empty for an empty snapshot
 * @param markets books that went into the graph
 * @param problems markets left out or suspicious, one line each ({@code market: what is wrong})
 * @param search the path search's result (graph size, negative-cycle verdict, notes)
 * @param opportunities ranked, best top-of-book return first
 */
public record ScanReport(
    String source,
    Optional<Instant> asOf,
    int markets,
    List<String> problems,
    PathSearchResult search,
    List<Opportunity> opportunities) {
  public ScanReport {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(asOf, "asOf");
    problems = List.copyOf(problems);
    Objects.requireNonNull(search, "search");
    opportunities = List.copyOf(opportunities);
  }
}
