package dev.arb.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Side;
import dev.arb.engine.paper.PaperBalances;
import dev.arb.engine.paper.PaperOrderExecutor;
import dev.arb.engine.port.OrderExecutor;
import dev.arb.engine.record.ExecutionResult;
import dev.arb.engine.record.ExecutionStatus;
import dev.arb.engine.record.Fill;
import dev.arb.engine.record.Holding;
import dev.arb.engine.record.OrderRequest;
import dev.arb.engine.sizing.TradePlan;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code arb.trading.legs = concurrent} on the real Kraken books, paper-traded. */
class ConcurrentLegsTest {
  private static final Asset CHF = Asset.of("CHF");
  private static final Asset ETH = Asset.of("ETH");
  private static final Asset BTC = Asset.of("BTC");
  private final KrakenBooks k = new KrakenBooks();
  private final OrderBook good = k.ethBtc("0.0400", "2", "0.0399", "10");
  private final TradePlan plan = k.plan(good, "1000");

  /** Every exchange already holds each leg's input: CHF, ETH and BTC on kraken. */
  private static PaperBalances inventory() {
    return new PaperBalances(
        List.of(
            new Holding("kraken", CHF, new BigDecimal("1000")),
            new Holding("kraken", ETH, new BigDecimal("10")),
            new Holding("kraken", BTC, new BigDecimal("1"))));
  }

  /** Places orders on {@code paper}, recording how many were in flight at once, in order. */
  private static final class Recording implements OrderExecutor {
    final PaperOrderExecutor paper;
    final CyclicBarrier together;
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger most = new AtomicInteger();
    final List<String> ids = Collections.synchronizedList(new ArrayList<>());

    Recording(PaperOrderExecutor paper, CyclicBarrier together) {
      this.paper = paper;
      this.together = together;
    }

    @Override
    public Fill execute(OrderRequest request) {
      most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        if (together != null && calls.incrementAndGet() <= together.getParties()) {
          // all legs must be in flight at the same moment, or this times out (the rebalancing
          // orders after them do not wait)
          together.await(10, TimeUnit.SECONDS);
        }
        ids.add(request.clientOrderId());
        return paper.execute(request);
      } catch (Exception e) {
        throw new IllegalStateException("legs were not sent at once", e);
      } finally {
        inFlight.decrementAndGet();
      }
    }
  }

  @Test
  void prefundedLegsAreAllInFlightAtOnceAndRealizeThePlan() {
    PaperBalances ledger = inventory();
    Books books = k.books(good);
    Recording x = new Recording(new PaperOrderExecutor(books, ledger), new CyclicBarrier(3));

    ExecutionResult r =
        ExecutionPolicy.execute(
            plan, () -> books, x, ProfitThreshold.anyProfit(), "c", LegMode.CONCURRENT, ledger);

    assertThat(x.most.get()).isEqualTo(3);
    assertThat(r.status()).isEqualTo(ExecutionStatus.EXECUTED);
    assertThat(r.legs()).hasSize(3);
    for (int i = 0; i < 3; i++) {
      // each leg spent its planned amount, not what the leg before it received
      assertThat(r.legs().get(i).spent()).isEqualByComparingTo(plan.fills().get(i).spent());
      assertThat(r.legs().get(i).orderId()).isEqualTo("paper-c-" + (i + 1));
    }
    assertThat(r.unwind()).isEmpty();
    assertThat(r.realizedProfit()).isPositive().isEqualByComparingTo(plan.profit());
    assertThat(ledger.balance("kraken", CHF))
        .isEqualByComparingTo(new BigDecimal("1000").add(plan.profit()));
    // the intermediate inventory is back where it was, up to the plan's own lot dust
    BigDecimal ethDust = plan.fills().get(0).received().subtract(plan.fills().get(1).spent());
    BigDecimal btcDust = plan.fills().get(1).received().subtract(plan.fills().get(2).spent());
    assertThat(ledger.balance("kraken", ETH))
        .isEqualByComparingTo(new BigDecimal("10").add(ethDust));
    assertThat(ledger.balance("kraken", BTC))
        .isEqualByComparingTo(new BigDecimal("1").add(btcDust));
  }

  @Test
  void withoutTheInventoryTheLegsRunOneAfterTheOther() {
    PaperBalances ledger =
        new PaperBalances(List.of(new Holding("kraken", CHF, new BigDecimal("1000"))));
    Books books = k.books(good);
    Recording x = new Recording(new PaperOrderExecutor(books, ledger), null);

    ExecutionResult r =
        ExecutionPolicy.execute(
            plan, () -> books, x, ProfitThreshold.anyProfit(), "c", LegMode.CONCURRENT, ledger);

    assertThat(x.most.get()).isEqualTo(1);
    assertThat(x.ids).containsExactly("c-1", "c-2", "c-3");
    assertThat(r.status()).isEqualTo(ExecutionStatus.EXECUTED);
    assertThat(r.legs().get(1).requested()).isEqualByComparingTo(r.legs().get(0).received());
  }

  @Test
  void aShortLegIsRebalancedTheExcessSoldAndTheShortfallBoughtBack() {
    PaperBalances ledger = inventory();
    // when the orders arrive, only 0.1 ETH is bid at 0.04 on ETH/BTC; the next bid is far away
    Books exchange = k.books(k.ethBtc("0.0400", "0.1", "0.0300", "10"));
    Recording x = new Recording(new PaperOrderExecutor(exchange, ledger), new CyclicBarrier(3));

    ExecutionResult r =
        ExecutionPolicy.execute(
            plan,
            () -> k.books(good),
            x,
            ProfitThreshold.anyProfit(),
            "c",
            LegMode.CONCURRENT,
            ledger);

    assertThat(x.most.get()).isEqualTo(3);
    assertThat(r.status()).isEqualTo(ExecutionStatus.UNWOUND);
    assertThat(r.legs().get(1).spent()).isEqualByComparingTo("0.1");
    assertThat(r.reason()).startsWith("legs sent at once: leg 2").contains("filled 0.1 of");
    // the BTC leg 3 took from inventory beyond what leg 2 gave is bought back with CHF, the ETH
    // leg 2 did not sell is sold back to CHF
    assertThat(r.unwind()).hasSize(2);
    Fill buyBtc = r.unwind().get(0);
    assertThat(buyBtc.leg().market()).isEqualTo(k.btcChf.market());
    assertThat(buyBtc.leg().side()).isEqualTo(Side.BUY);
    assertThat(buyBtc.orderId()).isEqualTo("paper-c-b1");
    Fill sellEth = r.unwind().get(1);
    assertThat(sellEth.leg().market()).isEqualTo(k.ethChf.market());
    assertThat(sellEth.leg().side()).isEqualTo(Side.SELL);
    assertThat(r.leftover()).isEmpty();
    assertThat(r.realizedProfit()).isNegative();
    assertThat(r.startSpent()).isEqualByComparingTo(r.legs().get(0).spent().add(buyBtc.spent()));
    assertThat(ledger.balance("kraken", CHF))
        .isEqualByComparingTo(new BigDecimal("1000").add(r.realizedProfit()));
    // inventory restored: at least the BTC it had (the buy-back rounds up to the lot), and the ETH
    // up to lot dust
    assertThat(ledger.balance("kraken", BTC)).isGreaterThanOrEqualTo(BigDecimal.ONE);
    assertThat(ledger.balance("kraken", BTC).subtract(BigDecimal.ONE))
        .isLessThan(new BigDecimal("0.00000001"));
    assertThat(ledger.balance("kraken", ETH).subtract(BigDecimal.TEN).abs())
        .isLessThan(new BigDecimal("0.0001"));
  }

  @Test
  void aReCheckBelowTheThresholdSendsNothing() {
    PaperBalances ledger = inventory();
    Books worse = k.books(k.ethBtc("0.0392", "10"));
    Recording x = new Recording(new PaperOrderExecutor(worse, ledger), null);

    ExecutionResult r =
        ExecutionPolicy.execute(
            plan, () -> worse, x, ProfitThreshold.anyProfit(), "c", LegMode.CONCURRENT, ledger);

    assertThat(r.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(r.reason()).startsWith("re-check before sending the legs at once");
    assertThat(x.ids).isEmpty();
    assertThat(ledger.balance("kraken", CHF)).isEqualByComparingTo("1000");
  }
}
