package dev.arb.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.record.ExecutionResult;
import dev.arb.engine.record.ExecutionStatus;
import dev.arb.engine.sizing.TradePlan;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each risk limit rejects a plan that passes without it. */
class RiskGateTest {
  private static final Asset CHF = Asset.of("CHF");
  private final KrakenBooks k = new KrakenBooks();
  private final OrderBook ethBtc = k.ethBtc("0.0400", "2", "0.0399", "10");
  private final TradePlan plan = k.plan(ethBtc, "1000");
  private final List<OrderBook> books = List.of(k.ethChf, ethBtc, k.btcChf);
  private final Instant now = k.ethChf.observedAt().plusSeconds(1);
  private final BalanceView rich = (exchange, asset) -> new BigDecimal("1000000");

  private static Optional<BigDecimal> d(String s) {
    return Optional.of(new BigDecimal(s));
  }

  private static RiskLimits limits(
      Optional<BigDecimal> trade,
      Optional<BigDecimal> day,
      ProfitThreshold threshold,
      Optional<Duration> age,
      Optional<BigDecimal> loss) {
    return new RiskLimits(trade, day, threshold, age, loss);
  }

  @Test
  void withoutLimitsThePlanPasses() {
    assertThat(new RiskGate(RiskLimits.none()).check(plan, books, now, rich)).isEmpty();
  }

  @Test
  void maxTradeNotionalRejectsALargerTrade() {
    RiskGate gate =
        new RiskGate(
            limits(
                d("999"),
                Optional.empty(),
                ProfitThreshold.anyProfit(),
                Optional.empty(),
                Optional.empty()));
    assertThat(gate.check(plan, books, now, rich).orElseThrow())
        .contains("above max-trade-notional 999");
    RiskGate enough =
        new RiskGate(
            limits(
                d("1000"),
                Optional.empty(),
                ProfitThreshold.anyProfit(),
                Optional.empty(),
                Optional.empty()));
    assertThat(enough.check(plan, books, now, rich)).isEmpty();
  }

  @Test
  void maxDailyNotionalCountsTheDaysEarlierTrades() {
    RiskGate gate =
        new RiskGate(
            limits(
                Optional.empty(),
                d("1500"),
                ProfitThreshold.anyProfit(),
                Optional.empty(),
                Optional.empty()));
    assertThat(gate.check(plan, books, now, rich)).isEmpty();
    gate.add(now, CHF, new BigDecimal("600"), BigDecimal.ONE);
    assertThat(gate.check(plan, books, now, rich).orElseThrow())
        .contains("would exceed max-daily-notional 1500");
    // the next UTC day starts from zero
    assertThat(gate.check(plan, books, now.plus(Duration.ofDays(1)), rich)).isEmpty();
  }

  @Test
  void minProfitPlusSlippageBufferRejectsAThinProfit() {
    BigDecimal profit = plan.profit();
    // the buffer alone: profit / 1000 × 10⁴ bp is just below it
    BigDecimal bufferBp =
        profit.divide(new BigDecimal("1000")).movePointRight(4).add(BigDecimal.ONE);
    RiskGate gate =
        new RiskGate(
            limits(
                Optional.empty(),
                Optional.empty(),
                new ProfitThreshold(BigDecimal.ZERO, bufferBp),
                Optional.empty(),
                Optional.empty()));
    assertThat(gate.check(plan, books, now, rich).orElseThrow())
        .contains("below min-profit plus slippage buffer");
    RiskGate minOnly =
        new RiskGate(
            limits(
                Optional.empty(),
                Optional.empty(),
                new ProfitThreshold(profit.add(BigDecimal.ONE), BigDecimal.ZERO),
                Optional.empty(),
                Optional.empty()));
    assertThat(minOnly.check(plan, books, now, rich)).isPresent();
  }

  @Test
  void maxDataAgeRejectsAStaleBook() {
    RiskGate gate =
        new RiskGate(
            limits(
                Optional.empty(),
                Optional.empty(),
                ProfitThreshold.anyProfit(),
                Optional.of(Duration.ofSeconds(5)),
                Optional.empty()));
    assertThat(gate.check(plan, books, now, rich)).isEmpty();
    assertThat(gate.check(plan, books, now.plusSeconds(10), rich).orElseThrow())
        .contains("old, above max-data-age 5s");
  }

  @Test
  void balanceCheckRejectsWhenALegCannotBePaid() {
    RiskGate gate = new RiskGate(RiskLimits.none());
    BalanceView poor =
        (exchange, asset) -> asset.equals(CHF) ? new BigDecimal("999") : new BigDecimal("100");
    assertThat(gate.check(plan, books, now, poor).orElseThrow()).contains("kraken has 999 CHF");
  }

  @Test
  void dailyLossLimitTripsAndThenRejects() {
    RiskGate gate =
        new RiskGate(
            limits(
                Optional.empty(),
                Optional.empty(),
                ProfitThreshold.anyProfit(),
                Optional.empty(),
                d("5")));
    ExecutionResult loss =
        new ExecutionResult(
            plan,
            ExecutionStatus.UNWOUND,
            List.of(),
            List.of(),
            new BigDecimal("1000"),
            new BigDecimal("996"),
            List.of(),
            "test");
    assertThat(gate.record(loss, now)).isFalse(); // −4 of 5
    assertThat(gate.check(plan, books, now, rich)).isEmpty();
    assertThat(gate.record(loss, now)).isTrue(); // −8: tripped
    assertThat(gate.check(plan, books, now, rich).orElseThrow())
        .contains("daily loss limit reached for CHF");
  }
}
