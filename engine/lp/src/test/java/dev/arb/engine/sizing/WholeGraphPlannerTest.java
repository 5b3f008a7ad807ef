package dev.arb.engine.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arb.engine.lp.WholeGraphPlan;
import dev.arb.engine.lp.WholeGraphPlanner;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Side;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WholeGraphPlannerTest {
  private static final Asset USD = Asset.of("USD");

  @Test
  void reproducesMoBookCapacityConstrainedLpOnBinanceUsSnapshot() {
    MarketSnapshot snapshot = Fixtures.mobook();

    WholeGraphPlan plan = WholeGraphPlanner.plan(snapshot, USD, new BigDecimal("10000"), 8);

    // published: 10,000 USD -> 10,009.01 USD (9.006 bp); HiGHS gives 10,009.0065
    assertThat(plan.finalAmount().doubleValue()).isCloseTo(10_009.01, within(0.01));
    assertThat(plan.finalAmount().doubleValue()).isCloseTo(10_009.0065, within(0.001));
    assertThat(plan.returnBp()).isCloseTo(9.006, within(0.001));
    assertFeasible(snapshot, plan);
    // the published plan is not a single cycle: it routes through more than 3 assets
    assertThat(plan.transactions().stream().map(WholeGraphPlan.Transaction::to).distinct().count())
        .isGreaterThan(3);
  }

  @Test
  void reproducesMoBookForexResult() {
    MarketSnapshot snapshot = Fixtures.forex();

    WholeGraphPlan plan = WholeGraphPlanner.plan(snapshot, USD, new BigDecimal("100"), 3);

    // published (5 decimals): 100 USD -> 11861 JPY -> 126.9127 CAD -> 100.45140 USD;
    // exactly 100 · 118.61 · 0.0107 · 0.7915 = 100.45140205
    assertThat(plan.finalAmount().doubleValue()).isCloseTo(100.4514, within(5e-6));
    assertThat(plan.finalAmount().doubleValue()).isCloseTo(100.45140205, within(1e-8));
    assertThat(plan.transactions())
        .extracting(t -> t.step() + ":" + t.from() + "->" + t.to())
        .containsExactly("1:USD->JPY", "2:JPY->CAD", "3:CAD->USD");
    assertThat(plan.transactions().get(0).amountOut().doubleValue())
        .isCloseTo(11_861.0, within(1e-6));
    assertThat(plan.transactions().get(1).amountOut().doubleValue())
        .isCloseTo(126.9127, within(1e-6));
    assertFeasible(snapshot, plan);
  }

  @Test
  void startingInEurGivesThePublishedEurResult() {
    WholeGraphPlan plan =
        WholeGraphPlanner.plan(Fixtures.forex(), Asset.of("EUR"), new BigDecimal("100"), 3);

    // published: 100 EUR -> 13160.97 JPY -> 140.82238 CAD -> 100.44860 EUR
    assertThat(plan.finalAmount().doubleValue()).isCloseTo(100.4486, within(1e-5));
  }

  @Test
  void oneStepCannotMakeACycle() {
    WholeGraphPlan plan =
        WholeGraphPlanner.plan(Fixtures.mobook(), USD, new BigDecimal("10000"), 1);

    assertThat(plan.finalAmount().doubleValue()).isCloseTo(10_000.0, within(1e-6));
    assertThat(plan.transactions()).isEmpty();
  }

  @Test
  void feesReduceTheWholeGraphReturn() {
    MarketSnapshot noFees = Fixtures.mobook();
    List<OrderBook> withFees =
        noFees.books().stream()
            .map(
                b ->
                    new OrderBook(
                        new dev.arb.engine.model.Market(
                            b.market().exchange(),
                            b.market().base(),
                            b.market().quote(),
                            new BigDecimal("0.0001"),
                            BigDecimal.ZERO,
                            BigDecimal.ZERO,
                            BigDecimal.ZERO,
                            BigDecimal.ZERO),
                        b.bids(),
                        b.asks(),
                        b.observedAt()))
            .toList();

    WholeGraphPlan plan =
        WholeGraphPlanner.plan(
            new MarketSnapshot(withFees, List.of(), "fees"), USD, new BigDecimal("10000"), 8);

    assertThat(plan.finalAmount().doubleValue())
        .isGreaterThanOrEqualTo(10_000.0 - 1e-6)
        .isLessThan(10_009.0);
    assertFeasible(new MarketSnapshot(withFees, List.of(), "fees"), plan);
  }

  @Test
  void unknownStartAssetGivesAnEmptyPlan() {
    WholeGraphPlan plan =
        WholeGraphPlanner.plan(Fixtures.mobook(), Asset.of("XYZ"), new BigDecimal("5"), 4);

    assertThat(plan.finalAmount()).isEqualByComparingTo("5");
    assertThat(plan.transactions()).isEmpty();
  }

  /**
   * Replays the transactions: no step spends more than was held before it, no edge trades more than
   * its capacity, multipliers match the book, and the replay ends at the reported final amount.
   */
  private static void assertFeasible(MarketSnapshot snapshot, WholeGraphPlan plan) {
    Map<String, OrderBook> books = new HashMap<>();
    for (OrderBook b : snapshot.books()) {
      books.put(b.market().id(), b);
    }
    Map<Asset, Double> held = new HashMap<>();
    held.put(plan.start(), plan.startAmount().doubleValue());
    Map<String, Double> traded = new HashMap<>();
    int step = 0;
    Map<Asset, Double> before = new HashMap<>(held);
    Map<Asset, Double> spentThisStep = new HashMap<>();
    for (WholeGraphPlan.Transaction t : plan.transactions()) {
      assertThat(t.step()).isGreaterThanOrEqualTo(step);
      if (t.step() != step) {
        step = t.step();
        before = new HashMap<>(held);
        spentThisStep.clear();
      }
      OrderBook b = books.get(t.marketId());
      BookLevel level = (t.side() == Side.SELL ? b.bids() : b.asks()).get(t.level());
      double keep = 1 - b.market().takerFee().doubleValue();
      double rate =
          t.side() == Side.SELL
              ? level.price().doubleValue() * keep
              : keep / level.price().doubleValue();
      double cap =
          t.side() == Side.SELL
              ? level.amount().doubleValue()
              : level.amount().doubleValue() * level.price().doubleValue();
      assertThat(t.amountOut().doubleValue())
          .isCloseTo(t.amountIn().doubleValue() * rate, within(1e-9 * t.amountOut().doubleValue()));
      String key = t.marketId() + t.side() + t.level();
      double total = traded.merge(key, t.amountIn().doubleValue(), Double::sum);
      assertThat(total).isLessThanOrEqualTo(cap * (1 + 1e-9));
      double spent = spentThisStep.merge(t.from(), t.amountIn().doubleValue(), Double::sum);
      assertThat(spent).isLessThanOrEqualTo(before.getOrDefault(t.from(), 0.0) * (1 + 1e-9) + 1e-8);
      held.merge(t.from(), -t.amountIn().doubleValue(), Double::sum);
      held.merge(t.to(), t.amountOut().doubleValue(), Double::sum);
    }
    assertThat(held.get(plan.start())).isCloseTo(plan.finalAmount().doubleValue(), within(1e-6));
  }
}
