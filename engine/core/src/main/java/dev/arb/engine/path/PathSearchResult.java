package dev.arb.engine.path;

import dev.arb.engine.model.Cycle;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a search, found or not: never an exception for "none found".
 *
 * @param cycles the best simple cycles, best return first, at most {@code topK}; distinct up to
 *     rotation, each a sequence of distinct nodes
 * @param negativeCycleExists whether any cycle with return above 1 (beyond the detector's epsilon)
 *     exists, of any length, as decided by {@link PathOptimizer#findNegativeCycle}
 * @param detectedCycle the cycle the detector found, if it could be expressed as legs
 * @param nodes nodes of the graph
 * @param edges edges of the graph
 * @param cyclesExamined simple cycles the search closed and compared (all simple cycles up to the
 *     length bound when pruning is off)
 * @param notes things the caller should tell the user, e.g. a start asset that is in no market
 */
public record PathSearchResult(
    List<Cycle> cycles,
    boolean negativeCycleExists,
    Optional<Cycle> detectedCycle,
    int nodes,
    int edges,
    long cyclesExamined,
    List<String> notes) {
  public PathSearchResult {
    cycles = List.copyOf(cycles);
    Objects.requireNonNull(detectedCycle, "detectedCycle");
    notes = List.copyOf(notes);
  }

  /** The best cycle, if any was found. */
  public Optional<Cycle> best() {
    return cycles.isEmpty() ? Optional.empty() : Optional.of(cycles.get(0));
  }
}
