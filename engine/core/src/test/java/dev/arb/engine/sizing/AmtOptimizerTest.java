package dev.arb.engine.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.model.Leg;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Side;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AmtOptimizerTest {
  private final AmtOptimizer optimizer = new AmtOptimizer(8);

  static Stream<RealCycles.Case> realCycles() {
    return Stream.of(
        RealCycles.eurBatBtcAda(), RealCycles.sevenLegs(), RealCycles.xrpRoundTrip("1.002"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("realCycles")
  void repricedProfitNeverExceedsTheUnroundedOptimum(RealCycles.Case c) {
    for (String available : new String[] {"1e12", "50000", "5000", "777.77"}) {
      SizingOutcome out = optimizer.size(c.cycle(), c.books(), new BigDecimal(available));

      TradePlan plan = sized(out);
      BigDecimal optimum =
          new BigDecimal(ExactComposition.profit(c.ladders(), plan.optimumStart()));
      assertThat(plan.profit()).as(c.name() + " @" + available).isLessThanOrEqualTo(optimum);
      assertThat(plan.profit().doubleValue()).isLessThanOrEqualTo(plan.optimumProfit());
      assertThat(plan.startAmount()).isLessThanOrEqualTo(new BigDecimal(available));
      assertRoundedAndChained(plan);
    }
  }

  @Test
  void theLargerBalanceIsCappedByTheOptimumAndTheSmallerOneIsUsedUp() {
    RealCycles.Case c = RealCycles.eurBatBtcAda();

    TradePlan big = sized(optimizer.size(c.cycle(), c.books(), new BigDecimal("1000000")));
    TradePlan small = sized(optimizer.size(c.cycle(), c.books(), new BigDecimal("1000")));

    assertThat(big.optimumStart()).isLessThan(1_000_000);
    assertThat(big.startAmount().doubleValue()).isCloseTo(big.optimumStart(), withinRel(1e-6));
    assertThat(small.optimumStart()).isEqualTo(1000.0);
    // a BUY first leg spends what a lot-rounded base amount costs: at most the balance, nearly all
    assertThat(small.startAmount()).isLessThanOrEqualTo(new BigDecimal("1000"));
    assertThat(small.startAmount()).isGreaterThan(new BigDecimal("999.99"));
    assertThat(big.profit()).isGreaterThan(small.profit());
  }

  @Test
  void roundsToWholeLotsAndStaysBelowTheOptimum() {
    Market buy = Fixtures.market("bitstamp", "XRP", "EUR", "0", "1", "0", "0");
    Market sell = Fixtures.market("venue2", "XRP", "EUR", "0", "1", "0", "0");
    RealCycles.Case c = xrpPair(buy, sell, "1.002");

    TradePlan plan = sized(optimizer.size(c.cycle(), c.books(), new BigDecimal("1e9")));

    for (LegFill f : plan.fills()) {
      assertThat(f.baseAmount().stripTrailingZeros().scale()).isLessThanOrEqualTo(0);
    }
    assertThat(plan.profit().doubleValue()).isLessThan(plan.optimumProfit()).isPositive();
    assertRoundedAndChained(plan);
  }

  @Test
  void rejectsALegBelowTheMinimumNotional() {
    RealCycles.Case c = RealCycles.eurBatBtcAda();

    SizingOutcome out = optimizer.size(c.cycle(), c.books(), new BigDecimal("1"));

    // 1 EUR is below Bitstamp's 10 EUR minimum order value on BAT/EUR
    assertThat(out).isInstanceOf(SizingOutcome.Rejected.class);
    SizingOutcome.Rejected r = (SizingOutcome.Rejected) out;
    assertThat(r.reason()).isEqualTo(RejectReason.BELOW_MINIMUM);
    assertThat(r.detail())
        .startsWith("leg 1 EUR->BAT@bitstamp: notional 0.99999")
        .endsWith("below the minimum 10");
  }

  @Test
  void rejectsALegBelowTheMinimumAmount() {
    Market buy = Fixtures.market("bitstamp", "XRP", "EUR", "0", "0.000001", "100000", "0");
    Market sell = Fixtures.market("venue2", "XRP", "EUR", "0", "0.000001", "0", "0");
    RealCycles.Case c = xrpPair(buy, sell, "1.002");

    SizingOutcome out = optimizer.size(c.cycle(), c.books(), new BigDecimal("1e9"));

    SizingOutcome.Rejected r = (SizingOutcome.Rejected) out;
    assertThat(r.reason()).isEqualTo(RejectReason.BELOW_MINIMUM);
    assertThat(r.detail()).startsWith("leg 1 EUR->XRP@bitstamp: base amount").contains("100000");
  }

  @Test
  void rejectsARoundTripOnOneBookWithNoProfitAtAnySize() {
    RealCycles.Case c = RealCycles.xrpSameBook();

    SizingOutcome out = optimizer.size(c.cycle(), c.books(), new BigDecimal("10000"));

    SizingOutcome.Rejected r = (SizingOutcome.Rejected) out;
    assertThat(r.reason()).isEqualTo(RejectReason.NO_PROFIT);
    // top of book: 0.73479 / 0.73532 · 0.995² → −106.6 bp
    assertThat(r.detail()).contains("-106.");
  }

  @Test
  void rejectsWithoutBalance() {
    RealCycles.Case c = RealCycles.eurBatBtcAda();

    SizingOutcome out = optimizer.size(c.cycle(), c.books(), BigDecimal.ZERO);

    assertThat(((SizingOutcome.Rejected) out).reason()).isEqualTo(RejectReason.NO_BALANCE);
  }

  @Test
  void rejectsAnEmptyBookSide() {
    RealCycles.Case c = RealCycles.xrpRoundTrip("1.002");
    OrderBook noBids =
        new OrderBook(
            c.books().get(1).market(),
            List.of(),
            c.books().get(1).asks(),
            c.books().get(1).observedAt());

    SizingOutcome out =
        optimizer.size(c.cycle(), List.of(c.books().get(0), noBids), new BigDecimal("100"));

    SizingOutcome.Rejected r = (SizingOutcome.Rejected) out;
    assertThat(r.reason()).isEqualTo(RejectReason.NO_LIQUIDITY);
    assertThat(r.detail()).startsWith("leg 2");
  }

  @Test
  void looksUpBooksInASnapshotAndRejectsAMissingOne() {
    RealCycles.Case c = RealCycles.eurBatBtcAda();
    MarketSnapshot all = new MarketSnapshot(c.books(), List.of(), "test");
    MarketSnapshot missing = new MarketSnapshot(c.books().subList(0, 3), List.of(), "test");

    SizingOutcome found = optimizer.size(c.cycle(), all, new BigDecimal("1000"));
    SizingOutcome notFound = optimizer.size(c.cycle(), missing, new BigDecimal("1000"));

    assertThat(sized(found).profit())
        .isEqualTo(sized(optimizer.size(c.cycle(), c.books(), new BigDecimal("1000"))).profit());
    assertThat(((SizingOutcome.Rejected) notFound).detail())
        .isEqualTo("leg 4 ADA->EUR@bitstamp: no book for bitstamp:ADA/EUR in snapshot");
  }

  /**
   * The book index is per snapshot: sizing on another snapshot with a different book for the same
   * market uses that book, not the one indexed before; a leg whose market is an equal copy (not the
   * snapshot's instance) is found by id; of two books with the same market id, a cycle found on one
   * of them is sized on that one.
   */
  @Test
  void findsEachLegsBookPerSnapshotByInstanceOrById() {
    RealCycles.Case c = RealCycles.eurBatBtcAda();
    BigDecimal available = new BigDecimal("1000000");
    OrderBook first = c.books().get(0);
    // the first leg's book cut to its top level: a different (smaller) optimum
    OrderBook top =
        new OrderBook(
            first.market(),
            first.bids().subList(0, Math.min(1, first.bids().size())),
            first.asks().subList(0, Math.min(1, first.asks().size())),
            first.observedAt());
    List<OrderBook> cutBooks = new java.util.ArrayList<>(c.books());
    cutBooks.set(0, top);
    BigDecimal full = sized(optimizer.size(c.cycle(), c.books(), available)).profit();
    BigDecimal cut = sized(optimizer.size(c.cycle(), cutBooks, available)).profit();
    assertThat(cut).isLessThan(full);

    MarketSnapshot a = new MarketSnapshot(c.books(), List.of(), "a");
    MarketSnapshot b = new MarketSnapshot(cutBooks, List.of(), "b");
    assertThat(sized(optimizer.size(c.cycle(), a, available)).profit()).isEqualTo(full);
    assertThat(sized(optimizer.size(c.cycle(), b, available)).profit()).isEqualTo(cut);
    assertThat(sized(optimizer.size(c.cycle(), a, available)).profit()).isEqualTo(full);

    // equal copies of the markets: not the snapshot's instances, found by id
    List<Leg> copies = new java.util.ArrayList<>();
    for (Leg l : c.cycle().legs()) {
      Market m = l.market();
      copies.add(
          new Leg(
              new Market(
                  m.exchange(),
                  m.base(),
                  m.quote(),
                  m.takerFee(),
                  m.lotSize(),
                  m.tickSize(),
                  m.minAmount(),
                  m.minNotional()),
              l.side()));
    }
    dev.arb.engine.model.Cycle copied =
        new dev.arb.engine.model.Cycle(copies, c.cycle().topOfBookReturn());
    assertThat(copies.get(0).market()).isNotSameAs(c.cycle().legs().get(0).market());
    assertThat(sized(optimizer.size(copied, b, available)).profit()).isEqualTo(cut);

    // two books with the same id: the copy's book listed last, the cycle's own book first
    List<OrderBook> twice = new java.util.ArrayList<>(c.books());
    twice.add(new OrderBook(copies.get(0).market(), top.bids(), top.asks(), first.observedAt()));
    MarketSnapshot both = new MarketSnapshot(twice, List.of(), "both");
    assertThat(sized(optimizer.size(c.cycle(), both, available)).profit()).isEqualTo(full);
    assertThat(sized(optimizer.size(copied, both, available)).profit()).isEqualTo(cut);
  }

  /**
   * Adaptive depth: the sweep reads at most one level more per leg than the optimum uses, far fewer
   * than the real books hold, and cutting the books to the levels read changes nothing.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("realCycles")
  void readsOnlyTheLevelsTheOptimumCanUse(RealCycles.Case c) {
    LegLadder[] full = c.ladders();
    ExactSweep sweep = new ExactSweep(8);
    sweep.run(full, full.length, Double.POSITIVE_INFINITY);
    double profit = sweep.profit();
    int n = full.length;
    LegLadder[] cut = new LegLadder[n];
    int read = 0;
    int held = 0;
    for (int i = 0; i < n; i++) {
      assertThat(sweep.levelsExamined(i)).isLessThanOrEqualTo(sweep.levelsUsed(i) + 1);
      read += sweep.levelsExamined(i);
      held += full[i].depth();
      cut[i] = LegLadder.of(c.cycle().legs().get(i), c.books().get(i), sweep.levelsExamined(i));
    }

    sweep.run(cut, n, Double.POSITIVE_INFINITY);

    assertThat(read).isLessThan(held / 10);
    assertThat(sweep.profit()).isEqualTo(profit);
  }

  @Test
  void reportsFillDetailsThatMatchTheBook() {
    RealCycles.Case c = RealCycles.xrpRoundTrip("1.002");

    TradePlan plan = sized(optimizer.size(c.cycle(), c.books(), new BigDecimal("100")));

    LegFill buy = plan.fills().get(0);
    // 100 EUR at the best ask 0.73532 (6030 XRP deep): one level, no fee
    assertThat(buy.levelsUsed()).isEqualTo(1);
    assertThat(buy.worstPrice()).isEqualByComparingTo("0.73532");
    assertThat(buy.averagePrice()).isEqualByComparingTo("0.73532");
    assertThat(buy.baseAmount())
        .isEqualByComparingTo(
            new BigDecimal("100").divide(new BigDecimal("0.73532"), 8, RoundingMode.DOWN));
    LegFill sell = plan.fills().get(1);
    assertThat(sell.worstPrice())
        .isEqualByComparingTo(new BigDecimal("0.73479").multiply(new BigDecimal("1.002")));
    assertThat(sell.received())
        .isEqualByComparingTo(
            sell.baseAmount()
                .multiply(new BigDecimal("0.73479"))
                .multiply(new BigDecimal("1.002")));
    assertThat(plan.profitBp()).isCloseTo(12.8, org.assertj.core.api.Assertions.within(0.1));
  }

  private static RealCycles.Case xrpPair(Market buy, Market sell, String factor) {
    BigDecimal f = new BigDecimal(factor);
    OrderBook buyBook = Fixtures.book("BITSTAMP_XRPEUR.json", buy);
    OrderBook sellBook = Fixtures.book("BITSTAMP_XRPEUR.json", sell, p -> p.multiply(f));
    return new RealCycles.Case(
        "xrp",
        new dev.arb.engine.model.Cycle(
            List.of(new Leg(buy, Side.BUY), new Leg(sell, Side.SELL)), 1.001),
        List.of(buyBook, sellBook));
  }

  private static TradePlan sized(SizingOutcome out) {
    assertThat(out).isInstanceOf(SizingOutcome.Sized.class);
    return ((SizingOutcome.Sized) out).plan();
  }

  private static org.assertj.core.data.Percentage withinRel(double rel) {
    return org.assertj.core.data.Percentage.withPercentage(rel * 100);
  }

  /** Lots, minimums, fees and the chain rule (leg i+1 spends at most what leg i received). */
  private static void assertRoundedAndChained(TradePlan plan) {
    BigDecimal prevReceived = null;
    for (LegFill f : plan.fills()) {
      Market m = f.leg().market();
      if (m.lotSize().signum() > 0) {
        assertThat(f.baseAmount().remainder(m.lotSize())).isEqualByComparingTo("0");
      }
      assertThat(f.baseAmount()).isGreaterThanOrEqualTo(m.minAmount());
      BigDecimal notional = f.leg().side() == Side.SELL ? f.received().add(f.fee()) : f.spent();
      assertThat(notional).isGreaterThanOrEqualTo(m.minNotional());
      BigDecimal gross = f.received().add(f.fee());
      assertThat(f.fee()).isGreaterThanOrEqualTo(gross.multiply(m.takerFee()));
      assertThat(f.fee()).isLessThan(gross.multiply(m.takerFee()).add(new BigDecimal("1e-18")));
      if (f.leg().side() == Side.SELL) {
        assertThat(f.spent()).isEqualByComparingTo(f.baseAmount());
      } else {
        assertThat(gross).isEqualByComparingTo(f.baseAmount());
      }
      if (prevReceived != null) {
        assertThat(f.spent()).isLessThanOrEqualTo(prevReceived);
      }
      prevReceived = f.received();
    }
    assertThat(plan.profit()).isEqualByComparingTo(plan.endAmount().subtract(plan.startAmount()));
    assertThat(plan.endAmount()).isEqualByComparingTo(prevReceived);
  }
}
