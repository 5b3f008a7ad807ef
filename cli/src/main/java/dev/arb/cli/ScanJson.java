package dev.arb.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.engine.scan.Opportunity;
import dev.arb.engine.scan.OpportunityRecords;
import dev.arb.engine.scan.ScanReport;
import java.time.Instant;
import java.util.List;

/**
 * The {@code arb scan --json} output. Each opportunity is printed as the solution document it is
 * stored with ({@link OpportunityRecords#solution}): tokens named by symbol (plus a short address
 * where a symbol repeats on a chain), pool legs with their pool, DEX, token addresses and integer
 * swap amounts, gas when a gas price was given; amounts are exact decimal strings, basis points
 * numbers.
 */
final class ScanJson {
  static final ObjectMapper JSON = new ObjectMapper();

  private ScanJson() {}

  static ObjectNode report(ScanReport report, List<String> notes) {
    ObjectNode root = JSON.createObjectNode();
    root.put("source", report.source());
    root.put("as_of", report.asOf().map(Instant::toString).orElse(null));
    root.put("markets", report.markets());
    root.put("nodes", report.search().nodes());
    root.put("edges", report.search().edges());
    root.put("negative_cycle", report.search().negativeCycleExists());
    ArrayNode ops = root.putArray("opportunities");
    for (Opportunity o : report.opportunities()) {
      ops.add(OpportunityRecords.solution(o, report.names()));
    }
    strings(root.putArray("notes"), notes);
    strings(root.putArray("problems"), report.problems());
    return root;
  }

  private static void strings(ArrayNode array, List<String> values) {
    for (String v : values) {
      array.add(v);
    }
  }
}
