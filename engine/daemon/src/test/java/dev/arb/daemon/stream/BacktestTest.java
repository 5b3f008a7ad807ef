package dev.arb.daemon.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.model.OrderBook;
import dev.arb.engine.path.PathQuery;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.record.OpportunityStatus;
import dev.arb.engine.sample.SyntheticStream;
import dev.arb.engine.scan.ScanRequest;
import dev.arb.engine.stream.StreamEngine;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code arb backtest}'s accounting over a recorded journal: counts by kind, decisions handed to
 * the paper trader on the event clock, expected against realized profit per hour and in total, and
 * the largest drawdown; a higher taker fee finds fewer opportunities worth trading.
 */
class BacktestTest {
  @TempDir Path dir;

  private static final ScanRequest REQUEST =
      new ScanRequest(PathQuery.defaults(), Optional.empty(), Optional.empty());

  @Test
  void reportsWhatThePaperTraderDidPerHourAndInTotal() throws Exception {
    SyntheticStream s = SyntheticStream.generate(400, 5, 4_242);
    try (JournalWriter w = new JournalWriter(dir, 100_000)) {
      long t0 = EventRing.epochNanos(s.initial().books().get(0).observedAt());
      w.onEvent(JournalTest.snapshot(s.initial(), t0), 0, false);
      for (int i = 0; i < 3_000; i++) {
        OrderBook b = s.next();
        // updates 2.5 s of event time apart: the 3,000 span two hours (and a bit)
        w.onEvent(
            JournalTest.book(b, t0 + (i + 1) * 2_500_000_000L, MarketEvent.NO_TIME), i, false);
      }
    }
    List<Instant> clocks = new ArrayList<>();
    int[] call = {0};
    // a paper trader that executes every sized opportunity, realizing its expected profit on odd
    // calls and losing 1 on even ones; it reads the clock it is given
    Backtest.Report r =
        Backtest.run(
            dir,
            REQUEST,
            StreamEngine.Settings.defaults(),
            Optional.empty(),
            (snapshot, at) -> null,
            clock ->
                (result, control) -> {
                  clocks.add(clock.instant());
                  List<OpportunityRecord> out = new ArrayList<>();
                  for (OpportunityRecord o : result.records()) {
                    if (o.status() != OpportunityStatus.SIZED) {
                      out.add(o);
                      continue;
                    }
                    call[0]++;
                    BigDecimal realized =
                        call[0] % 2 == 1 ? o.estimatedProfit() : BigDecimal.ONE.negate();
                    out.add(
                        new OpportunityRecord(
                            0,
                            o.detectedAt(),
                            OpportunityStatus.EXECUTED,
                            o.startAsset(),
                            o.exchanges(),
                            o.assets(),
                            o.pathJson(),
                            o.solutionJson(),
                            o.estimatedProfit(),
                            o.returnBp(),
                            realized,
                            null));
                  }
                  return out;
                });
    assertThat(r.events()).isEqualTo(3_001);
    assertThat(r.books()).isEqualTo(3_000);
    assertThat(r.snapshots()).isEqualTo(1);
    assertThat(r.decisions()).isPositive();
    assertThat(r.executed()).isEqualTo(r.sized()).isEqualTo(call[0]).isPositive();
    assertThat(r.opportunities()).isGreaterThanOrEqualTo(r.sized());
    // the trader saw the time of the event it traded on, not the wall clock
    assertThat(clocks).allMatch(t -> t.isBefore(Instant.parse("2027-01-01T00:00:00Z")));
    assertThat(clocks).isSorted();
    BigDecimal expected = BigDecimal.ZERO;
    BigDecimal realized = BigDecimal.ZERO;
    int executed = 0;
    for (Backtest.Totals t : r.totals()) {
      expected = expected.add(t.expected());
      realized = realized.add(t.realized());
      executed += t.executed();
      assertThat(t.maxDrawdown().signum()).isNotNegative();
    }
    assertThat(executed).isEqualTo(call[0]);
    assertThat(realized).isLessThan(expected);
    BigDecimal hourly = BigDecimal.ZERO;
    for (Backtest.Hour h : r.hours()) {
      hourly = hourly.add(h.realized());
    }
    assertThat(hourly).isEqualByComparingTo(realized);
    assertThat(r.hours().stream().map(Backtest.Hour::start).distinct().count()).isGreaterThan(1);
    if (call[0] >= 2) {
      // a loss of 1 after a gain: the drawdown is at least 1 in some start asset
      assertThat(r.totals().stream().map(Backtest.Totals::maxDrawdown).max(BigDecimal::compareTo))
          .get()
          .satisfies(d -> assertThat(d).isGreaterThanOrEqualTo(BigDecimal.ONE));
    }

    Backtest.Report dearer =
        Backtest.run(
            dir,
            REQUEST,
            StreamEngine.Settings.defaults(),
            Optional.of(new BigDecimal("0.004")),
            (snapshot, at) -> null,
            clock -> (result, control) -> result.records());
    assertThat(dearer.events()).isEqualTo(r.events());
    assertThat(dearer.sized()).isLessThan(r.sized());
    assertThat(dearer.executed()).isZero();
  }
}
