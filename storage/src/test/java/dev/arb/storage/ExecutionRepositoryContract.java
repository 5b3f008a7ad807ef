package dev.arb.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.BookLevel;
import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Side;
import dev.arb.engine.record.ExecutionResult;
import dev.arb.engine.record.ExecutionStatus;
import dev.arb.engine.record.Fill;
import dev.arb.engine.record.Holding;
import dev.arb.engine.sizing.PlanPricer;
import dev.arb.engine.sizing.SizingOutcome;
import dev.arb.engine.sizing.TradePlan;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Executions and the paper ledger: stored exactly, in one transaction, read back. */
abstract class ExecutionRepositoryContract {
  /** The store this run of the contract is against. */
  abstract FreshDatabase.Kind kind();

  private static final Instant T = Instant.parse("2026-11-24T08:00:00Z");
  private static final Asset USD = Asset.of("USD");

  @RegisterExtension final FreshDatabase fresh = new FreshDatabase(kind());

  private static TradePlan plan() {
    Market a = Market.of("x", "BTC", "USD", BigDecimal.ZERO);
    Market b = Market.of("y", "BTC", "USD", BigDecimal.ZERO);
    OrderBook ba =
        new OrderBook(a, List.of(BookLevel.of("99", "1")), List.of(BookLevel.of("100", "1")), T);
    OrderBook bb =
        new OrderBook(b, List.of(BookLevel.of("110", "1")), List.of(BookLevel.of("111", "1")), T);
    Cycle c = new Cycle(List.of(new Leg(a, Side.BUY), new Leg(b, Side.SELL)), 1.1);
    return ((SizingOutcome.Sized) PlanPricer.price(c, List.of(ba, bb), 50, 5, new BigDecimal("50")))
        .plan();
  }

  @Test
  void savesAnExecutionWithItsFillsAndTheLedgerTogether() {
    TradePlan p = plan();
    Leg buy = p.cycle().legs().get(0);
    Fill f =
        new Fill(
            buy,
            "paper-e-1",
            new BigDecimal("50"),
            new BigDecimal("50"),
            new BigDecimal("0.5"),
            new BigDecimal("0.5"),
            new BigDecimal("100"),
            BigDecimal.ZERO,
            "");
    ExecutionResult r =
        new ExecutionResult(
            p,
            ExecutionStatus.UNWOUND,
            List.of(f),
            List.of(),
            new BigDecimal("50"),
            new BigDecimal("49.5000000000000000001"),
            List.of(),
            "leg 2 short");
    try (Database db = fresh.open()) {
      SqliteExecutionRepository repo = new SqliteExecutionRepository(db);
      assertThat(repo.seedPaperLedger(List.of(new Holding("x", USD, new BigDecimal("100"))), T))
          .isTrue();
      assertThat(repo.seedPaperLedger(List.of(new Holding("x", USD, new BigDecimal("7"))), T))
          .isFalse();
      long id =
          repo.save(
              r,
              "paper",
              T,
              T.plusMillis(5),
              List.of(new Holding("x", USD, new BigDecimal("99.5000000000000000001"))));
      assertThat(id).isPositive();
      assertThat(repo.count()).isEqualTo(1);
      assertThat(repo.paperBalances())
          .containsExactly(new Holding("x", USD, new BigDecimal("99.5000000000000000001")));
      assertThat(repo.since(T))
          .containsExactly(
              new SqliteExecutionRepository.Summary(
                  T.plusMillis(5),
                  USD,
                  new BigDecimal("50"),
                  new BigDecimal("-0.4999999999999999999")));
      assertThat(repo.since(T.plusSeconds(1))).isEmpty();
      Map<String, Object> row =
          db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM executions").mapToMap().one());
      assertThat(row.get("status")).isEqualTo("unwound");
      assertThat(row.get("expected_profit")).isEqualTo(p.profit().toPlainString());
      assertThat(row.get("difference"))
          .isEqualTo(new BigDecimal("-0.4999999999999999999").subtract(p.profit()).toPlainString());
      assertThat((String) row.get("legs"))
          .contains("\"order_id\":\"paper-e-1\"")
          .contains("\"market\":\"x:BTC/USD\"")
          .contains("\"spent\":\"50\"");
      assertThat(row.get("reason")).isEqualTo("leg 2 short");
    }
  }
}
