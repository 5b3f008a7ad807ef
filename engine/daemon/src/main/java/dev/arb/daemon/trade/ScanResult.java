package dev.arb.daemon.trade;

import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.scan.Opportunity;
import dev.arb.engine.scan.OpportunityRecords;
import dev.arb.engine.scan.ScanReport;
import dev.arb.engine.scan.ScanRequest;
import dev.arb.engine.scan.Scanner;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One scan of one snapshot, as the daemon records it and trading trades it.
 *
 * @param markets books that went into the graph
 * @param records one per opportunity, ready to store
 * @param opportunities the opportunities behind {@code records}, in the same order (empty when the
 *     scan does not give them: nothing can be traded then)
 * @param snapshot the snapshot scanned, for a {@link TradeStep}; empty when not given
 */
public record ScanResult(
    int markets,
    List<OpportunityRecord> records,
    List<Opportunity> opportunities,
    Optional<MarketSnapshot> snapshot) {
  public ScanResult {
    records = List.copyOf(records);
    opportunities = List.copyOf(opportunities);
    Objects.requireNonNull(snapshot, "snapshot");
    if (!opportunities.isEmpty() && opportunities.size() != records.size()) {
      throw new IllegalArgumentException(
          "one opportunity per record: " + records.size() + " records, " + opportunities.size());
    }
  }

  /** {@code snapshot} scanned for {@code request}, its records made at {@code at}. */
  public static ScanResult of(MarketSnapshot snapshot, ScanRequest request, Instant at) {
    ScanReport report = Scanner.scan(snapshot, request);
    return new ScanResult(
        report.markets(),
        OpportunityRecords.of(report, at),
        report.opportunities(),
        Optional.of(snapshot));
  }

  /** A result with records only (nothing to trade). */
  public ScanResult(int markets, List<OpportunityRecord> records) {
    this(markets, records, List.of(), Optional.empty());
  }
}
