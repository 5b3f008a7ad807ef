package dev.arb.engine.scan;

import dev.arb.engine.path.PathSearchResult;
import dev.arb.engine.pool.TokenNames;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one scan found.
 *
 * @param source where the data came from
 * @param asOf the snapshot's newest observation (its own clock), empty for an empty snapshot
 * @param markets books and pools that went into the graph
 * @param problems markets left out or suspicious, one line each ({@code market: what is wrong})
 * @param search the path search's result (graph size, negative-cycle verdict, notes)
 * @param opportunities ranked, best top-of-book return first
 * @param notes what the caller should tell the user about the scan: the liquidity filter's counts,
 *     whether profits are before gas
 * @param names how output names the snapshot's nodes (token symbols, with a short address where a
 *     symbol repeats on a chain)
 */
public record ScanReport(
    String source,
    Optional<Instant> asOf,
    int markets,
    List<String> problems,
    PathSearchResult search,
    List<Opportunity> opportunities,
    List<String> notes,
    TokenNames names) {
  /** A report whose nodes are named by their asset codes. */
  public ScanReport(
      String source,
      Optional<Instant> asOf,
      int markets,
      List<String> problems,
      PathSearchResult search,
      List<Opportunity> opportunities,
      List<String> notes) {
    this(source, asOf, markets, problems, search, opportunities, notes, TokenNames.none());
  }

  /** A report without notes. */
  public ScanReport(
      String source,
      Optional<Instant> asOf,
      int markets,
      List<String> problems,
      PathSearchResult search,
      List<Opportunity> opportunities) {
    this(source, asOf, markets, problems, search, opportunities, List.of());
  }

  public ScanReport {
    notes = List.copyOf(notes);
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(asOf, "asOf");
    problems = List.copyOf(problems);
    Objects.requireNonNull(search, "search");
    opportunities = List.copyOf(opportunities);
    Objects.requireNonNull(names, "names");
  }
}
