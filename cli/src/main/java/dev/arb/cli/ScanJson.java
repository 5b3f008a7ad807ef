package dev.arb.cli;

import dev.arb.engine.scan.OpportunityJson;
import dev.arb.engine.scan.OpportunityRecords;
import dev.arb.engine.scan.ScanReport;
import java.time.Instant;
import java.util.List;

/**
 * The {@code arb scan --json} document, in this key order. Each opportunity is printed as the
 * solution document it is stored with ({@link OpportunityRecords#solution}): tokens named by symbol
 * (plus a short address where a symbol repeats on a chain), pool legs with their pool, DEX, token
 * addresses and integer swap amounts, gas when a gas price was given; amounts are exact decimal
 * strings, basis points numbers.
 *
 * @param source where the books came from
 * @param asOf the snapshot's newest observation, {@code null} for an empty snapshot
 * @param markets markets scanned
 * @param nodes nodes of the graph (asset on an exchange)
 * @param edges edges of the graph
 * @param negativeCycle whether the graph has a profitable cycle at the top of the books
 * @param opportunities ranked, best first
 * @param notes what to tell the user about the scan
 * @param problems markets left out or suspicious, one line each
 */
record ScanJson(
    String source,
    Instant asOf,
    int markets,
    int nodes,
    int edges,
    boolean negativeCycle,
    List<OpportunityJson.Solution> opportunities,
    List<String> notes,
    List<String> problems) {

  static ScanJson of(ScanReport report, List<String> notes) {
    return new ScanJson(
        report.source(),
        report.asOf().orElse(null),
        report.markets(),
        report.search().nodes(),
        report.search().edges(),
        report.search().negativeCycleExists(),
        report.opportunities().stream()
            .map(o -> OpportunityRecords.solution(o, report.names()))
            .toList(),
        List.copyOf(notes),
        report.problems());
  }
}
