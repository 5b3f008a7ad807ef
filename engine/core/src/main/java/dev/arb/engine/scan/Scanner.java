package dev.arb.engine.scan;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.ChainSnapshot;
import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.PoolKind;
import dev.arb.engine.model.Transfer;
import dev.arb.engine.path.GraphOptions;
import dev.arb.engine.path.PathGraph;
import dev.arb.engine.path.PathOptimizer;
import dev.arb.engine.path.PathSearchResult;
import dev.arb.engine.pool.LiquidityFilter;
import dev.arb.engine.pool.TokenNames;
import dev.arb.engine.record.OpportunityStatus;
import dev.arb.engine.sizing.AmtOptimizer;
import dev.arb.engine.sizing.GasValuation;
import dev.arb.engine.sizing.SizingOutcome;
import dev.arb.engine.sizing.TradePlan;
import dev.arb.engine.sizing.TransferSizer;
import dev.arb.engine.text.Durations;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one scan: leaves out stale books and chains, applies the liquidity floor to pools, finds the
 * best simple cycles over books and pools (joined by transfers and same-as), sizes each against
 * book depth, pool curves and the available amount, charges the gas of pool legs when a gas price
 * is given, and gives every cycle a status and, when rejected, a reason.
 */
public final class Scanner {
  /**
   * The amount sizing may spend when none is given: large enough that book depth, not the amount,
   * limits every real plan.
   */
  static final BigDecimal DEPTH_ONLY = new BigDecimal("1E+24");

  private Scanner() {}

  /**
   * Transfer edges: free in the inventory model; with transfer fees, at {@code 1 − fee fraction}
   * for the assets that have a cost (the fixed fee and the minimum are applied when sizing).
   */
  private static GraphOptions transferEdges(ScanRequest request) {
    if (request.transferFees().isEmpty()) {
      return GraphOptions.withTransfers(0);
    }
    Map<Asset, Double> fractions = new HashMap<>();
    for (Transfer t : request.transferFees().get().byAsset().values()) {
      fractions.put(t.asset(), t.feeFraction().doubleValue());
    }
    return new GraphOptions(true, 0, fractions);
  }

  private static boolean crossesExchanges(Cycle cycle) {
    String first = cycle.legs().get(0).exchange();
    for (Leg l : cycle.legs()) {
      if (!l.exchange().equals(first)) {
        return true;
      }
    }
    return false;
  }

  /** The snapshot's books by market id (the last of an id), made on first use, once per scan. */
  private static final class BooksById {
    private final MarketSnapshot snapshot;
    private Map<String, OrderBook> byId;

    BooksById(MarketSnapshot snapshot) {
      this.snapshot = snapshot;
    }

    OrderBook get(String id) {
      if (byId == null) {
        byId = new HashMap<>(Math.max(16, 2 * snapshot.books().size()));
        for (OrderBook b : snapshot.books()) {
          byId.put(b.market().id(), b);
        }
      }
      return byId.get(id);
    }
  }

  /** The book of each leg ({@code null} for a pool leg or a market without one). */
  private static List<OrderBook> books(Cycle cycle, BooksById byId) {
    List<OrderBook> out = new ArrayList<>();
    for (Leg l : cycle.legs()) {
      out.add(l.isPool() ? null : byId.get(l.market().id()));
    }
    return out;
  }

  public static ScanReport scan(MarketSnapshot snapshot, ScanRequest request) {
    Optional<Instant> asOf = snapshot.newestObservation();
    List<String> problems = new ArrayList<>(snapshot.problems());
    MarketSnapshot fresh = dropStale(snapshot, request.maxAge(), asOf, problems);
    PoolOptions pools = request.pools();
    List<String> notes = new ArrayList<>();
    if (pools.minLiquidity().isPresent()) {
      LiquidityFilter.Result filtered = LiquidityFilter.apply(fresh, pools.minLiquidity().get());
      fresh = filtered.snapshot();
      notes.addAll(filtered.notes());
    }
    GraphOptions graphOptions =
        (request.transfers() ? transferEdges(request) : GraphOptions.defaults())
            .withSameAs(pools.sameAs());
    PathSearchResult search =
        PathOptimizer.search(PathGraph.build(fresh, graphOptions), request.query());
    AmtOptimizer sizer = new AmtOptimizer(request.query().maxLength());
    // the books of the reported cycles only: one pass over the snapshot, no index of every market
    sizer.prepare(fresh, search.cycles());
    BooksById byId = new BooksById(fresh);
    GasValuation gas = new GasValuation(pools.gas(), fresh, pools.sameAs());
    BigDecimal available = request.amount().orElse(DEPTH_ONLY);
    List<Opportunity> found = new ArrayList<>(search.cycles().size());
    int rank = 0;
    boolean poolLegs = false;
    for (var cycle : search.cycles()) {
      rank++;
      SizingOutcome outcome =
          request.transferFees().isPresent() && crossesExchanges(cycle)
              ? TransferSizer.size(
                  cycle, books(cycle, byId), request.transferFees().get(), available)
              : sizer.size(cycle, fresh, available, gas);
      found.add(judge(rank, outcome, request));
      for (Leg l : cycle.legs()) {
        poolLegs |= l.isPool();
      }
    }
    if (poolLegs && !pools.gas().priced()) {
      notes.add("profits of cycles with pool legs are before gas: no gas price was given");
    } else if (poolLegs) {
      notes.add(
          "profits are after the gas of pool legs: "
              + pools.gas().swapGas(PoolKind.CONSTANT_PRODUCT)
              + " gas per constant-product swap, "
              + pools.gas().swapGas(PoolKind.CONCENTRATED)
              + " per concentrated-liquidity swap + "
              + pools.gas().tickGas()
              + " per initialized tick it crosses + "
              + pools.gas().transactionGas()
              + " per transaction, valued through each chain's native token");
    }
    return new ScanReport(
        fresh.source(),
        asOf,
        fresh.marketCount(),
        problems,
        search,
        found,
        notes,
        TokenNames.of(snapshot));
  }

  /**
   * The verdict on one sized cycle, as a scan gives it: rejected with sizing's reason, rejected
   * below {@code min-profit-bp} after sizing (and gas), else sized. Also used by the streaming
   * runner, so that a streamed decision and a scan judge alike.
   */
  public static Opportunity judge(int rank, SizingOutcome outcome, ScanRequest request) {
    if (outcome instanceof SizingOutcome.Rejected r) {
      String reason =
          r.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + r.detail();
      return new Opportunity(
          rank, r.cycle(), outcome, OpportunityStatus.REJECTED, Optional.of(reason));
    }
    TradePlan plan = ((SizingOutcome.Sized) outcome).plan();
    if (request.query().minProfitBp().isPresent()
        && plan.netProfitBp() < request.query().minProfitBp().getAsDouble()) {
      String reason =
          String.format(
              Locale.ROOT,
              "below min-profit-bp: %.4f bp after sizing%s, minimum %s bp",
              plan.netProfitBp(),
              plan.gas().isPresent() ? " and gas" : "",
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
        problems.add(
            b.market().id()
                + ": "
                + stale(b.observedAt(), asOf.get(), maxAge.get())
                + "; market left out");
      } else {
        kept.add(b);
      }
    }
    List<ChainSnapshot> chains = new ArrayList<>(snapshot.chains().size());
    for (ChainSnapshot c : snapshot.chains()) {
      if (c.observedAt().isBefore(oldest)) {
        problems.add(
            c.name()
                + ": "
                + stale(c.observedAt(), asOf.get(), maxAge.get())
                + "; its "
                + c.pools().size()
                + " pools left out");
      } else {
        chains.add(c);
      }
    }
    return new MarketSnapshot(kept, snapshot.problems(), snapshot.source(), chains);
  }

  private static String stale(Instant observed, Instant newest, Duration maxAge) {
    return "stale: observed "
        + observed
        + ", "
        + Durations.rounded(Duration.between(observed, newest))
        + " before the newest observation (max age "
        + Durations.format(maxAge)
        + ")";
  }
}
