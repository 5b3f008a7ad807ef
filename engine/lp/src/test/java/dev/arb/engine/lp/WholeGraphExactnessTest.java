package dev.arb.engine.lp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.source.InputFormat;
import dev.arb.engine.source.ReadOptions;
import dev.arb.engine.source.SnapshotReaders;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The whole-graph plan against an independent exact oracle ({@link ExactPlanOracle}: the same
 * programme in rational arithmetic). The plan's final amount is its exact re-pricing, so it can
 * never exceed the exact optimum; it must reach it up to what doubles in the solver's trades cost:
 * {@code 10⁻¹²} of the start amount plus {@code 10⁻⁸} of the profit.
 */
class WholeGraphExactnessTest {
  private static final Asset USD = Asset.of("USD");
  private static final Instant T0 = Instant.parse("2023-03-02T15:36:00Z");

  @Test
  void oracleFindsTheHandComputedOptimumOfARepeatedCycle() {
    // 10 USD; the entry buys at most 1 AAA at 1 USD; the cycle AAA→BBB→CCC→AAA pays 2·3·0.17 = 1.02
    MarketSnapshot s = repeatedCycle("0.17");
    BigDecimal ten = BigDecimal.TEN;

    // 8 steps: entry, the cycle twice, exit: 9 + 1.02² = 10.0404
    assertThat(ExactPlanOracle.optimum(s, USD, ten, 8, 1)).isEqualTo(q("10.0404"));
    // 5-7 steps: the cycle once: 9 + 1.02
    assertThat(ExactPlanOracle.optimum(s, USD, ten, 7, 1)).isEqualTo(q("10.02"));
    assertThat(ExactPlanOracle.optimum(s, USD, ten, 5, 1)).isEqualTo(q("10.02"));
    // 4 steps: no way back to USD after the cycle, so trade nothing
    assertThat(ExactPlanOracle.optimum(s, USD, ten, 4, 1)).isEqualTo(q("10"));
  }

  @Test
  void planRunsATinyCycleTwiceWhenEightStepsAllowIt() {
    // the case: the only profitable cycle pays 2·10⁻⁷ of what goes round, and the best
    // 8-step plan runs it twice: 9 + 1.0000002² = 10.00000040000004
    MarketSnapshot s = repeatedCycle("0.1666667");

    WholeGraphPlan plan = WholeGraphPlanner.plan(s, USD, BigDecimal.TEN, 8);

    assertThat(plan.finalAmount()).isEqualByComparingTo("10.00000040000004");
    assertThat(plan.transactions()).hasSize(8);
    assertThat(ExactPlanOracle.optimum(s, USD, BigDecimal.TEN, 8, 1))
        .isEqualTo(q("10.00000040000004"));
  }

  @Test
  void planEqualsTheExactOptimumOnSeededMarkets() {
    int profitable = 0;
    for (long seed = 1; seed <= 200; seed++) {
      SmallMarkets.Instance in = SmallMarkets.generate(seed);
      Q opt =
          ExactPlanOracle.optimum(
              in.snapshot(), SmallMarkets.USD, in.amount(), in.steps(), in.levels());
      WholeGraphPlan plan =
          WholeGraphPlanner.plan(
              in.snapshot(), SmallMarkets.USD, in.amount(), in.steps(), in.levels());
      assertExact("seed " + seed, plan, opt);
      if (opt.compareTo(Q.of(in.amount())) > 0) {
        profitable++;
      }
    }
    // the generator's cycles are profitable in most instances (the rest test "trade nothing")
    assertThat(profitable).isGreaterThan(60);
  }

  @Test
  void planEqualsTheExactOptimumOnRealBinanceUsMarkets() {
    // the MO-book Binance.US snapshot (45 real markets, one moment): every 3-market cycle in it,
    // with the markets that reach it from USD and two more drawn at random, at 4 to 8 steps
    MarketSnapshot all =
        SnapshotReaders.read(
            dev.arb.engine.Fixtures.path("mobook/Binance_US_orderbook_saved.csv"),
            Optional.of(InputFormat.TOB_CSV),
            ReadOptions.withFee(BigDecimal.ZERO));
    List<OrderBook> books = all.books();
    Random r = new Random(17);
    int instances = 0;
    int profitable = 0;
    for (int a = 0; a < books.size(); a++) {
      for (int b = a + 1; b < books.size(); b++) {
        for (int c = b + 1; c < books.size(); c++) {
          List<OrderBook> tri = List.of(books.get(a), books.get(b), books.get(c));
          if (!isTriangle(tri)) {
            continue;
          }
          List<OrderBook> sub = new ArrayList<>(tri);
          Set<Asset> assets = assets(sub);
          for (OrderBook o : books) {
            boolean entry =
                !sub.contains(o)
                    && (o.market().base().equals(USD) || o.market().quote().equals(USD))
                    && (assets.contains(o.market().base()) || assets.contains(o.market().quote()));
            if (entry && sub.size() < 5) {
              sub.add(o);
            }
          }
          for (int extra = 0; extra < 2; extra++) {
            OrderBook o = books.get(r.nextInt(books.size()));
            if (!sub.contains(o)) {
              sub.add(o);
            }
          }
          int steps = Math.max(2, Math.min(4 + r.nextInt(5), 100 / (2 * sub.size())));
          MarketSnapshot snap = new MarketSnapshot(sub, List.of(), "mobook-subset");
          BigDecimal amount = new BigDecimal("10000");
          Q opt = ExactPlanOracle.optimum(snap, USD, amount, steps, 1);
          WholeGraphPlan plan = WholeGraphPlanner.plan(snap, USD, amount, steps);
          assertExact(tri.stream().map(o -> o.market().id()).toList() + " " + steps, plan, opt);
          instances++;
          if (opt.compareTo(Q.of(amount)) > 0) {
            profitable++;
          }
        }
      }
    }
    assertThat(instances).isGreaterThan(20);
    assertThat(profitable).isGreaterThan(0);
  }

  /** Never above the exact optimum; below it by at most 1e-12 of the amount plus 1e-8 of profit. */
  private static void assertExact(String what, WholeGraphPlan plan, Q opt) {
    Q fin = Q.of(plan.finalAmount());
    Q start = Q.of(plan.startAmount());
    assertThat(fin.compareTo(opt))
        .as(what + ": plan above the exact optimum")
        .isLessThanOrEqualTo(0);
    assertThat(fin.compareTo(start)).as(what + ": plan loses").isGreaterThanOrEqualTo(0);
    Q slack = start.multiply(q("1e-12")).add(opt.subtract(start).multiply(q("1e-8")));
    assertThat(opt.subtract(fin).compareTo(slack))
        .as(
            "%s: plan %s vs exact optimum %s",
            what, plan.finalAmount().toPlainString(), opt.toBigDecimal(20).toPlainString())
        .isLessThanOrEqualTo(0);
    if (plan.transactions().isEmpty()) {
      assertThat(plan.finalAmount()).isEqualByComparingTo(plan.startAmount());
    }
  }

  private static boolean isTriangle(List<OrderBook> tri) {
    Set<Asset> assets = assets(tri);
    return assets.size() == 3;
  }

  private static Set<Asset> assets(List<OrderBook> books) {
    Set<Asset> out = new HashSet<>();
    for (OrderBook o : books) {
      out.add(o.market().base());
      out.add(o.market().quote());
    }
    return out;
  }

  /**
   * x:AAA/USD ask 1 for 1 AAA (the thin entry); y:AAA/USD bid 1 for 100 AAA (the exit, on another
   * exchange); the cycle AAA→BBB→CCC→AAA sells at bids 2, 3 and {@code closing}, deep.
   */
  private static MarketSnapshot repeatedCycle(String closing) {
    return new MarketSnapshot(
        List.of(
            book("x", "AAA", "USD", "0.5", "1", "1", "1"),
            book("y", "AAA", "USD", "1", "100", "1.5", "100"),
            book("x", "AAA", "BBB", "2", "1000", "2.5", "1000"),
            book("x", "BBB", "CCC", "3", "1000", "3.5", "1000"),
            book("x", "CCC", "AAA", closing, "1000", "0.2", "1000")),
        List.of(),
        "hand");
  }

  private static OrderBook book(
      String exchange,
      String base,
      String quote,
      String bid,
      String bidAmount,
      String ask,
      String askAmount) {
    return new OrderBook(
        Market.of(exchange, base, quote, BigDecimal.ZERO),
        List.of(BookLevel.of(bid, bidAmount)),
        List.of(BookLevel.of(ask, askAmount)),
        T0);
  }

  private static Q q(String v) {
    return Q.of(new BigDecimal(v));
  }
}
