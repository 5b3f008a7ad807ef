package dev.arb.engine.scan;

import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.path.GraphOptions;
import dev.arb.engine.path.PathGraph;
import dev.arb.engine.path.PathOptimizer;
import dev.arb.engine.path.PathSearchResult;
import dev.arb.engine.record.OpportunityStatus;
import dev.arb.engine.sizing.AmtOptimizer;
import dev.arb.engine.sizing.SizingOutcome;
import dev.arb.engine.sizing.TradePlan;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs one scan: leaves out stale books, finds the best simple cycles, sizes each against book
 * depth and the available amount, and gives every cycle a status and, when rejected, a reason.
 */
public final class Scanner {
  /**
   * The amount sizing may spend when none is given: large enough that book depth, not the amount,
   * limits every real plan.
   */
  static final BigDecimal DEPTH_ONLY = new BigDecimal("1E+24");

  private Scanner() {}

  public static ScanReport scan(MarketSnapshot snapshot, ScanRequest request) {
    Optional<Instant> asOf = snapshot.newestObservation();
    List<String> problems = new ArrayList<>(snapshot.problems());
    MarketSnapshot fresh = dropStale(snapshot, request.maxAge(), asOf, problems);
    GraphOptions graphOptions =
        request.transfers() ? GraphOptions.withTransfers(0) : GraphOptions.defaults();
    PathSearchResult search =
        PathOptimizer.search(PathGraph.build(fresh, graphOptions), request.query());
    AmtOptimizer sizer = new AmtOptimizer(request.query().maxLength());
    BigDecimal available = request.amount().orElse(DEPTH_ONLY);
    List<Opportunity> found = new ArrayList<>(search.cycles().size());
    int rank = 0;
    for (var cycle : search.cycles()) {
      rank++;
      SizingOutcome outcome = sizer.size(cycle, fresh, available);
      found.add(judge(rank, outcome, request));
    }
    return new ScanReport(fresh.source(), asOf, fresh.books().size(), problems, search, found);
  }

  private static Opportunity judge(int rank, SizingOutcome outcome, ScanRequest request) {
    if (outcome instanceof SizingOutcome.Rejected r) {
      String reason =
          r.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + r.detail();
      return new Opportunity(
          rank, r.cycle(), outcome, OpportunityStatus.REJECTED, Optional.of(reason));
    }
    TradePlan plan = ((SizingOutcome.Sized) outcome).plan();
    if (request.query().minProfitBp().isPresent()
        && plan.profitBp() < request.query().minProfitBp().getAsDouble()) {
      String reason =
          String.format(
              Locale.ROOT,
              "below min-profit-bp: %.4f bp after sizing, minimum %s bp",
              plan.profitBp(),
              BigDecimal.valueOf(request.query().minProfitBp().getAsDouble())
                  .stripTrailingZeros()
                  .toPlainString());
      return new Opportunity(
          rank, plan.cycle(), outcome, OpportunityStatus.REJECTED, Optional.of(reason));
    }
    return new Opportunity(rank, plan.cycle(), outcome, OpportunityStatus.SIZED, Optional.empty());
  }

  private static MarketSnapshot dropStale(
      MarketSnapshot snapshot,
      Optional<Duration> maxAge,
      Optional<Instant> asOf,
      List<String> problems) {
    if (maxAge.isEmpty() || asOf.isEmpty()) {
      return snapshot;
    }
    Instant oldest = asOf.get().minus(maxAge.get());
    List<OrderBook> kept = new ArrayList<>(snapshot.books().size());
    for (OrderBook b : snapshot.books()) {
      if (b.observedAt().isBefore(oldest)) {
        Duration age = Duration.between(b.observedAt(), asOf.get());
        problems.add(
            b.market().id()
                + ": stale: observed "
                + b.observedAt()
                + ", "
                + age
                + " before the newest observation (max age "
                + maxAge.get()
                + "); market left out");
      } else {
        kept.add(b);
      }
    }
    return new MarketSnapshot(kept, snapshot.problems(), snapshot.source());
  }
}
