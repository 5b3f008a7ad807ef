package dev.arb.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.model.Asset;
import dev.arb.engine.record.ExecutionResult;
import dev.arb.engine.record.ExecutionStatus;
import dev.arb.engine.record.Fill;
import dev.arb.engine.record.Holding;
import dev.arb.engine.sizing.TradePlan;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which executions go to the dead-letter queue, and as what. */
class DeadLetterKindTest {
  private final KrakenBooks k = new KrakenBooks();
  private final TradePlan plan = k.plan(k.ethBtc("0.0400", "2", "0.0399", "10"), "1000");
  private final Fill leg1 =
      new Fill(
          plan.cycle().legs().get(0),
          "o1",
          new BigDecimal("1000"),
          new BigDecimal("1000"),
          new BigDecimal("0.45"),
          new BigDecimal("0.45"),
          new BigDecimal("2192.68"),
          BigDecimal.ZERO,
          "");

  private ExecutionResult result(
      ExecutionStatus s, List<Fill> legs, List<Fill> unwind, String spent, List<Holding> left) {
    return new ExecutionResult(
        plan, s, legs, unwind, new BigDecimal(spent), BigDecimal.ZERO, left, "why");
  }

  @Test
  void executedAndStoppedBeforeAnyOrderNeedNone() {
    assertThat(
            DeadLetterKind.of(
                result(ExecutionStatus.EXECUTED, List.of(leg1), List.of(), "1000", List.of())))
        .isEmpty();
    assertThat(
            DeadLetterKind.of(
                result(ExecutionStatus.ABORTED, List.of(), List.of(), "0", List.of())))
        .isEmpty();
  }

  @Test
  void eachFailureHasItsKind() {
    Fill empty = Fill.empty(plan.cycle().legs().get(0), "o1", new BigDecimal("1000"), "rejected");
    assertThat(
            DeadLetterKind.of(
                result(ExecutionStatus.ABORTED, List.of(empty), List.of(), "0", List.of())))
        .isEqualTo(Optional.of(DeadLetterKind.ORDER_FAILED));
    assertThat(
            DeadLetterKind.of(
                result(ExecutionStatus.UNWOUND, List.of(leg1), List.of(), "1000", List.of())))
        .isEqualTo(Optional.of(DeadLetterKind.CYCLE_FAILED));
    assertThat(
            DeadLetterKind.of(
                result(
                    ExecutionStatus.STRANDED,
                    List.of(leg1),
                    List.of(),
                    "1000",
                    List.of(new Holding("kraken", Asset.of("ETH"), new BigDecimal("0.45"))))))
        .isEqualTo(Optional.of(DeadLetterKind.UNWIND_INCOMPLETE));
    assertThat(DeadLetterKind.UNWIND_INCOMPLETE.code()).isEqualTo("unwind_incomplete");
  }
}
