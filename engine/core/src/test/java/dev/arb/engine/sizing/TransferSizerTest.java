package dev.arb.engine.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Transfer;
import dev.arb.engine.model.TransferCosts;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Transfers with withdrawal fees on the shared Kraken (2021-04-17) and Bitstamp (2022-01-05) books:
 * BTC on Kraken → ADA (buy ADA/BTC, Kraken) → ADA moved to Bitstamp → EUR (sell ADA/EUR) → BAT (buy
 * BAT/EUR) → BTC (sell BAT/BTC, Bitstamp) → BTC moved back to Kraken. The books are from different
 * days, so the "arbitrage" is large: real depth for sizing, not a real opportunity.
 */
class TransferSizerTest {
  static final Asset BTC = Asset.of("BTC");
  static final Asset ADA = Asset.of("ADA");
  static final BigDecimal AVAILABLE = new BigDecimal("2");

  /** The real cycle of {@link RealCycles#eurBatBtcAda}, started on Kraken in BTC. */
  static RealCycles.Case btcOnKraken() {
    RealCycles.Case c = RealCycles.eurBatBtcAda();
    List<Leg> l = c.cycle().legs();
    List<OrderBook> b = c.books();
    return new RealCycles.Case(
        "BTC-ADA-EUR-BAT-BTC",
        new Cycle(List.of(l.get(2), l.get(3), l.get(0), l.get(1)), c.cycle().topOfBookReturn()),
        List.of(b.get(2), b.get(3), b.get(0), b.get(1)));
  }

  static Transfer transfer(Asset a, String fixed, String fraction, String minimum) {
    return new Transfer(
        a,
        new BigDecimal(fixed),
        new BigDecimal(fraction),
        new BigDecimal(minimum),
        a.code(),
        Duration.ofMinutes(30));
  }

  static TransferCosts costs(Transfer... ts) {
    java.util.Map<Asset, Transfer> m = new java.util.HashMap<>();
    for (Transfer t : ts) {
      m.put(t.asset(), t);
    }
    return new TransferCosts(m, Map.of());
  }

  static TradePlan sized(SizingOutcome o) {
    assertThat(o).isInstanceOf(SizingOutcome.Sized.class);
    return ((SizingOutcome.Sized) o).plan();
  }

  /**
   * The exact profit of starting with {@code x}: each leg re-priced as {@link PlanPricer} does,
   * each transfer exactly; null when some step moves nothing.
   */
  static BigDecimal exactProfit(RealCycles.Case c, TransferCosts costs, BigDecimal x) {
    List<Leg> legs = c.cycle().legs();
    BigDecimal budget = x;
    BigDecimal start = null;
    for (int i = 0; i < legs.size(); i++) {
      Leg leg = legs.get(i);
      if (i > 0 && !legs.get(i - 1).exchange().equals(leg.exchange())) {
        budget =
            costs
                .find(leg.from(), legs.get(i - 1).exchange(), leg.exchange())
                .get()
                .arrives(budget);
        if (budget.signum() <= 0) {
          return null;
        }
      }
      PlanPricer.LegResult r = PlanPricer.fill(leg, c.books().get(i), budget);
      if (r.problem() != null) {
        return null;
      }
      start = start == null ? r.fill().spent() : start;
      budget = r.fill().received();
    }
    Leg last = legs.get(legs.size() - 1);
    Leg first = legs.get(0);
    budget = costs.find(first.from(), last.exchange(), first.exchange()).get().arrives(budget);
    return budget.signum() <= 0 ? null : budget.subtract(start);
  }

  /** The best exact profit over {@code n} evenly spaced start amounts in (0, available]. */
  static BigDecimal bruteForce(RealCycles.Case c, TransferCosts costs, int n) {
    BigDecimal best = BigDecimal.ZERO;
    for (int k = 1; k <= n; k++) {
      BigDecimal x =
          AVAILABLE
              .multiply(BigDecimal.valueOf(k))
              .divide(BigDecimal.valueOf(n), 18, RoundingMode.DOWN);
      BigDecimal p = exactProfit(c, costs, x);
      if (p != null && p.compareTo(best) > 0) {
        best = p;
      }
    }
    return best;
  }

  @Test
  void aFixedFeeOnTheStartAssetCostsExactlyTheFeeAtTheSameSizeOrStopsTheTrade() {
    RealCycles.Case c = btcOnKraken();
    TradePlan free =
        sized(
            TransferSizer.size(
                c.cycle(), c.books(), costs(Transfer.free(ADA), Transfer.free(BTC)), AVAILABLE));
    // free transfers are the inventory model: the same plan as the sweep without transfers
    TradePlan inventory = sized(new AmtOptimizer(4).size(c.cycle(), c.books(), AVAILABLE));
    assertThat(free.startAmount()).isEqualByComparingTo(inventory.startAmount());
    assertThat(free.profit()).isEqualByComparingTo(inventory.profit()).isPositive();
    for (String fee : new String[] {"0.00001", "0.0005", "0.002", "0.2"}) {
      BigDecimal f = new BigDecimal(fee);
      SizingOutcome o =
          TransferSizer.size(
              c.cycle(),
              c.books(),
              costs(Transfer.free(ADA), transfer(BTC, fee, "0", "0")),
              AVAILABLE);
      if (f.compareTo(free.profit()) < 0) {
        TradePlan p = sized(o);
        assertThat(p.startAmount()).as(fee).isEqualByComparingTo(free.startAmount());
        assertThat(p.profit()).as(fee).isEqualByComparingTo(free.profit().subtract(f));
        assertThat(p.endAmount()).isEqualByComparingTo(free.endAmount().subtract(f));
      } else {
        assertThat(o).as(fee).isInstanceOf(SizingOutcome.Rejected.class);
        assertThat(((SizingOutcome.Rejected) o).detail()).contains("BTC bitstamp>kraken");
      }
    }
  }

  @Test
  void aFixedFeeMidCycleIsSizedAsWellAsABruteForceOverTheStartAmount() {
    RealCycles.Case c = btcOnKraken();
    int rejected = 0;
    BigDecimal previousStart = BigDecimal.ZERO;
    for (String fee : new String[] {"0", "1", "25", "400", "60000"}) {
      TransferCosts costs =
          costs(transfer(ADA, fee, "0.001", "10"), transfer(BTC, "0.0000001", "0", "0.0001"));
      SizingOutcome o = TransferSizer.size(c.cycle(), c.books(), costs, AVAILABLE);
      BigDecimal brute = bruteForce(c, costs, 4000);
      if (brute.signum() <= 0) {
        assertThat(o).as(fee).isInstanceOf(SizingOutcome.Rejected.class);
        rejected++;
        continue;
      }
      TradePlan p = sized(o);
      // the plan is one of the amounts the brute force could have tried: its profit is exact
      assertThat(exactProfit(c, costs, p.startAmount())).as(fee).isEqualByComparingTo(p.profit());
      assertThat(p.profit()).as(fee).isGreaterThanOrEqualTo(brute);
      // a larger fixed fee on ADA moves the optimum to a larger trade, never a smaller one
      assertThat(p.startAmount()).as(fee).isGreaterThan(previousStart);
      previousStart = p.startAmount();
    }
    // 60000 ADA a withdrawal: more than the cycle can ever earn
    assertThat(rejected).isEqualTo(1);
  }
}
