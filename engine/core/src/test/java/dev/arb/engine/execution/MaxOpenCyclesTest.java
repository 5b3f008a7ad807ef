package dev.arb.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.paper.PaperBalances;
import dev.arb.engine.paper.PaperOrderExecutor;
import dev.arb.engine.port.OrderExecutor;
import dev.arb.engine.record.ExecutionResult;
import dev.arb.engine.record.ExecutionStatus;
import dev.arb.engine.record.Holding;
import dev.arb.engine.sizing.TradePlan;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code max-open-cycles}: cycles on several threads sharing one {@link RiskGate}; a cycle that
 * would exceed the limit is refused while another is in progress, and admitted once it is done.
 */
class MaxOpenCyclesTest {
  private static final Asset CHF = Asset.of("CHF");
  private final KrakenBooks k = new KrakenBooks();
  private final OrderBook good = k.ethBtc("0.0400", "2", "0.0399", "10");
  private final TradePlan plan = k.plan(good, "1000");
  private final PaperBalances ledger =
      new PaperBalances(List.of(new Holding("kraken", CHF, new BigDecimal("5000"))));
  private final ExecutorService pool = Executors.newFixedThreadPool(3);

  /** Orders in progress now, and the most seen at once. */
  private final AtomicInteger inFlight = new AtomicInteger();

  private final AtomicInteger mostInFlight = new AtomicInteger();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private static RiskLimits maxOpen(int n) {
    return new RiskLimits(
        Optional.empty(),
        Optional.empty(),
        ProfitThreshold.anyProfit(),
        Optional.empty(),
        Optional.empty(),
        n);
  }

  /** A paper exchange whose orders wait for {@code go} after saying they arrived. */
  private OrderExecutor holding(CountDownLatch arrived, CountDownLatch go) {
    PaperOrderExecutor paper = new PaperOrderExecutor(k.books(good), ledger);
    return request -> {
      int now = inFlight.incrementAndGet();
      mostInFlight.accumulateAndGet(now, Math::max);
      try {
        arrived.countDown();
        if (!go.await(10, TimeUnit.SECONDS)) {
          throw new IllegalStateException("test did not release the order");
        }
        return paper.execute(request);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } finally {
        inFlight.decrementAndGet();
      }
    };
  }

  /** What a trader does per cycle: a slot, the execution, the record, the slot back. */
  private static Optional<String> trade(
      RiskGate gate, TradePlan plan, OrderExecutor exchange, Books books, String id) {
    Optional<String> busy = gate.acquire();
    if (busy.isPresent()) {
      return busy;
    }
    try {
      ExecutionResult r =
          ExecutionPolicy.execute(plan, () -> books, exchange, ProfitThreshold.anyProfit(), id);
      gate.record(r, java.time.Instant.EPOCH);
      return r.status() == ExecutionStatus.EXECUTED
          ? Optional.empty()
          : Optional.of(r.status().code() + ": " + r.reason());
    } finally {
      gate.release();
    }
  }

  @Test
  void aSecondCycleWhileOneIsInProgressIsRefusedAndAdmittedAfter() throws Exception {
    RiskGate gate = new RiskGate(maxOpen(1));
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch go = new CountDownLatch(1);
    Books books = k.books(good);
    Future<Optional<String>> first =
        pool.submit(() -> trade(gate, plan, holding(arrived, go), books, "a"));
    assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(gate.openCycles()).isEqualTo(1);

    CountDownLatch open = new CountDownLatch(0);
    Future<Optional<String>> second =
        pool.submit(() -> trade(gate, plan, holding(new CountDownLatch(1), open), books, "b"));
    assertThat(second.get(10, TimeUnit.SECONDS))
        .contains("risk: 1 cycle already in progress, max-open-cycles 1");

    go.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS)).isEmpty();
    assertThat(gate.openCycles()).isZero();
    assertThat(mostInFlight.get()).isEqualTo(1);
    // the slot is free again
    assertThat(trade(gate, plan, holding(new CountDownLatch(1), open), books, "c")).isEmpty();
  }

  @Test
  void twoOpenCyclesAllowedRunAtTheSameTimeAndTheThirdIsRefused() throws Exception {
    RiskGate gate = new RiskGate(maxOpen(2));
    CountDownLatch bothArrived = new CountDownLatch(2);
    CountDownLatch go = new CountDownLatch(1);
    Books books = k.books(good);
    Future<Optional<String>> a =
        pool.submit(() -> trade(gate, plan, holding(bothArrived, go), books, "a"));
    Future<Optional<String>> b =
        pool.submit(() -> trade(gate, plan, holding(bothArrived, go), books, "b"));
    assertThat(bothArrived.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(mostInFlight.get()).isEqualTo(2);
    assertThat(gate.openCycles()).isEqualTo(2);

    Future<Optional<String>> c =
        pool.submit(() -> trade(gate, plan, holding(new CountDownLatch(1), go), books, "c"));
    assertThat(c.get(10, TimeUnit.SECONDS))
        .contains("risk: 2 cycles already in progress, max-open-cycles 2");

    go.countDown();
    assertThat(a.get(10, TimeUnit.SECONDS)).isEmpty();
    assertThat(b.get(10, TimeUnit.SECONDS)).isEmpty();
    assertThat(gate.openCycles()).isZero();
  }

  @Test
  void releaseWithoutAcquireIsABug() {
    RiskGate gate = new RiskGate(maxOpen(1));
    org.assertj.core.api.Assertions.assertThatThrownBy(gate::release)
        .isInstanceOf(IllegalStateException.class);
  }
}
