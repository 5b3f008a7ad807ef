package dev.arb.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.paper.PaperBalances;
import dev.arb.engine.paper.PaperOrderExecutor;
import dev.arb.engine.record.ExecutionResult;
import dev.arb.engine.record.ExecutionStatus;
import dev.arb.engine.record.Holding;
import dev.arb.engine.sizing.TradePlan;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sequential policy on the real Kraken books, paper-traded. */
class ExecutionPolicyTest {
  private static final Asset CHF = Asset.of("CHF");
  private static final Asset ETH = Asset.of("ETH");
  private static final Asset BTC = Asset.of("BTC");
  private final KrakenBooks k = new KrakenBooks();
  private final OrderBook good = k.ethBtc("0.0400", "2", "0.0399", "10");
  private final TradePlan plan = k.plan(good, "1000");

  private static PaperBalances chf(String amount) {
    return new PaperBalances(List.of(new Holding("kraken", CHF, new BigDecimal(amount))));
  }

  @Test
  void executesEachLegWithWhatThePreviousLegActuallyReceived() {
    PaperBalances ledger = chf("1000");
    Books books = k.books(good);

    ExecutionResult r =
        ExecutionPolicy.execute(
            plan,
            () -> books,
            new PaperOrderExecutor(books, ledger),
            ProfitThreshold.anyProfit(),
            "c");

    assertThat(r.status()).isEqualTo(ExecutionStatus.EXECUTED);
    assertThat(r.legs()).hasSize(3);
    assertThat(r.legs().get(1).requested()).isEqualByComparingTo(r.legs().get(0).received());
    assertThat(r.legs().get(2).requested()).isEqualByComparingTo(r.legs().get(1).received());
    assertThat(r.legs().get(0).orderId()).isEqualTo("paper-c-1");
    assertThat(r.realizedProfit()).isPositive().isEqualByComparingTo(plan.profit());
    assertThat(r.difference()).isZero();
    assertThat(ledger.balance("kraken", CHF))
        .isEqualByComparingTo(new BigDecimal("1000").add(r.realizedProfit()));
    assertThat(ledger.balance("kraken", BTC)).isZero();
  }

  @Test
  void partialFillOnLegTwoIsUnwoundBackToChfAndItsCostRecorded() {
    PaperBalances ledger = chf("1000");
    // the exchange has only 0.1 ETH bid at 0.04 when the order arrives; the next bid is far away
    Books exchange = k.books(k.ethBtc("0.0400", "0.1", "0.0300", "10"));

    ExecutionResult r =
        ExecutionPolicy.execute(
            plan,
            () -> k.books(good),
            new PaperOrderExecutor(exchange, ledger),
            ProfitThreshold.anyProfit(),
            "c");

    assertThat(r.status()).isEqualTo(ExecutionStatus.UNWOUND);
    assertThat(r.legs()).hasSize(2);
    assertThat(r.legs().get(1).spent()).isEqualByComparingTo("0.1");
    assertThat(r.reason()).contains("leg 2").contains("filled 0.1 of");
    // the ETH not sold and the BTC received both go back to CHF, each on its direct market
    assertThat(r.unwind()).hasSize(2);
    assertThat(r.unwind().get(0).leg().market()).isEqualTo(k.ethChf.market());
    assertThat(r.unwind().get(1).leg().market()).isEqualTo(k.btcChf.market());
    assertThat(r.leftover()).isEmpty();
    assertThat(r.realizedProfit()).isNegative();
    assertThat(r.startReturned())
        .isEqualByComparingTo(r.unwind().get(0).received().add(r.unwind().get(1).received()));
    assertThat(ledger.balance("kraken", CHF))
        .isEqualByComparingTo(new BigDecimal("1000").add(r.realizedProfit()));
    assertThat(ledger.balance("kraken", BTC)).isZero();
    // only lot-size dust of ETH (below the 0.0001 lot) is left
    assertThat(ledger.balance("kraken", ETH)).isLessThan(new BigDecimal("0.0001"));
  }

  @Test
  void abortsBeforeTheFirstLegWhenTheProfitFellBelowTheThreshold() {
    PaperBalances ledger = chf("1000");
    Books worse = k.books(k.ethBtc("0.0392", "10"));

    ExecutionResult r =
        ExecutionPolicy.execute(
            plan,
            () -> worse,
            new PaperOrderExecutor(worse, ledger),
            ProfitThreshold.anyProfit(),
            "c");

    assertThat(r.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(r.legs()).isEmpty();
    assertThat(r.realizedProfit()).isZero();
    assertThat(r.reason()).contains("re-check before leg 1").contains("below the threshold");
    assertThat(ledger.balance("kraken", CHF)).isEqualByComparingTo("1000");
  }

  @Test
  void abortsWhenTheThresholdAsksForMoreThanTheCycleStillMakes() {
    PaperBalances ledger = chf("1000");
    Books books = k.books(good);
    BigDecimal above = plan.profit().add(new BigDecimal("0.01"));

    ExecutionResult r =
        ExecutionPolicy.execute(
            plan,
            () -> books,
            new PaperOrderExecutor(books, ledger),
            new ProfitThreshold(above, BigDecimal.ZERO),
            "c");

    assertThat(r.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(ledger.balance("kraken", CHF)).isEqualByComparingTo("1000");
  }

  @Test
  void abortsMidCycleWhenTheRecheckBeforeLegTwoFailsAndUnwinds() {
    PaperBalances ledger = chf("1000");
    Books before = k.books(good);
    Books after = k.books(k.ethBtc("0.0392", "10"));
    Deque<Books> seen = new ArrayDeque<>(List.of(before));

    ExecutionResult r =
        ExecutionPolicy.execute(
            plan,
            () -> seen.isEmpty() ? after : seen.poll(),
            new PaperOrderExecutor(after, ledger),
            ProfitThreshold.anyProfit(),
            "c");

    assertThat(r.status()).isEqualTo(ExecutionStatus.UNWOUND);
    assertThat(r.legs()).hasSize(1);
    assertThat(r.reason()).contains("re-check before leg 2");
    assertThat(r.unwind()).hasSize(1);
    assertThat(r.unwind().get(0).leg().market()).isEqualTo(k.ethChf.market());
    // bought at the ask, sold at the bid, fee twice: a loss, and the ledger shows exactly it
    assertThat(r.realizedProfit()).isNegative();
    assertThat(ledger.balance("kraken", CHF))
        .isEqualByComparingTo(new BigDecimal("1000").add(r.realizedProfit()));
  }
}
