package dev.arb.daemon.stream;

import dev.arb.daemon.trade.KillSwitch;
import dev.arb.daemon.trade.ScanResult;
import dev.arb.daemon.trade.TradeStep;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.record.OpportunityStatus;
import dev.arb.engine.scan.ScanRequest;
import dev.arb.engine.scan.Snapshots;
import dev.arb.engine.stream.StreamEngine;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code arb backtest}: a recorded event journal run through the streaming runner's decision step
 * ({@link EventDecider}: snapshots by a full scan, books and pools per event) as fast as possible,
 * each decision's opportunities traded on paper at once, in event time (the paper trader's clock is
 * the events' receive time, so day limits and data ages are those of the recording). The report:
 * events, opportunities found, executed on paper, expected and realized profit per hour and in
 * total (per start asset), and the largest drawdown of the realized profit.
 */
public final class Backtest {

  /** Profit of one start asset. */
  public record Totals(
      String asset,
      int executed,
      int failed,
      BigDecimal expected,
      BigDecimal realized,
      BigDecimal maxDrawdown) {}

  /** One hour of event time (UTC, its start) for one start asset. */
  public record Hour(
      Instant start, String asset, int executed, BigDecimal expected, BigDecimal realized) {}

  /**
   * What a run did.
   *
   * @param takerFee the taker fee every book was given, or empty for the recorded fees
   * @param opportunities opportunities the runner decided (every status)
   * @param sized of which sized and worth trading (handed to the paper trader)
   * @param executed executed on paper in full
   * @param failed aborted or unwound on paper
   * @param rejected refused by a rule (threshold, age, risk limits)
   */
  public record Report(
      Optional<BigDecimal> takerFee,
      long events,
      long books,
      long pools,
      long snapshots,
      long unreadable,
      int truncatedFiles,
      Optional<Instant> from,
      Optional<Instant> to,
      long decisions,
      long opportunities,
      long sized,
      long executed,
      long failed,
      long rejected,
      List<Totals> totals,
      List<Hour> hours) {}

  /** A clock that reads the time of the event being decided. */
  static final class EventClock extends Clock {
    private Instant now = Instant.EPOCH;

    void set(Instant t) {
      now = t;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private Backtest() {}

  /**
   * Runs the journal in {@code dir} once.
   *
   * @param takerFee a taker fee for every book (fee sensitivity), or empty for the recorded ones
   * @param scan the full scan of a snapshot
   * @param paper the paper trader, on the event clock it is given
   */
  public static Report run(
      Path dir,
      ScanRequest request,
      StreamEngine.Settings settings,
      Optional<BigDecimal> takerFee,
      EventDecider.SnapshotScan scan,
      Function<Clock, TradeStep> paper) {
    return run(dir, request, settings, takerFee, scan, paper, o -> {});
  }

  /**
   * Like {@link #run(Path, ScanRequest, StreamEngine.Settings, Optional, EventDecider.SnapshotScan,
   * Function)}, handing every record the daemon would store (each decided opportunity after the
   * paper trader, in event order) to {@code stored}: the report's charts are drawn from them.
   */
  public static Report run(
      Path dir,
      ScanRequest request,
      StreamEngine.Settings settings,
      Optional<BigDecimal> takerFee,
      EventDecider.SnapshotScan scan,
      Function<Clock, TradeStep> paper,
      Consumer<OpportunityRecord> stored) {
    Objects.requireNonNull(takerFee, "takerFee");
    Objects.requireNonNull(stored, "stored");
    EventClock clock = new EventClock();
    TradeStep trader = paper.apply(clock);
    EventDecider decider = new EventDecider(request, settings, scan);
    MarketEvent slot = new MarketEvent();
    long events = 0;
    long books = 0;
    long pools = 0;
    long snapshots = 0;
    long unreadable = 0;
    long decisions = 0;
    long opportunities = 0;
    long sized = 0;
    long executed = 0;
    long failed = 0;
    long rejected = 0;
    Instant from = null;
    Instant to = null;
    Map<String, Acc> byAsset = new TreeMap<>();
    Map<String, Hour> hours = new TreeMap<>();
    int truncated;
    try (JournalReader reader = new JournalReader(dir)) {
      for (Optional<JournalEvent> next = reader.next(); next.isPresent(); next = reader.next()) {
        JournalEvent e = next.get();
        events++;
        if (e instanceof JournalEvent.Unreadable) {
          unreadable++;
          continue;
        }
        Instant at = EventRing.instant(e.receivedEpochNanos());
        from = from == null ? at : from;
        to = at;
        clock.set(at);
        ScanResult r = null;
        slot.clear();
        slot.receivedEpochNanos = e.receivedEpochNanos();
        if (e instanceof JournalEvent.Book b) {
          books++;
          OrderBook book = takerFee.map(f -> withFee(b.book(), f)).orElse(b.book());
          slot.setBook(book);
          r = decider.book(slot);
        } else if (e instanceof JournalEvent.PoolState p) {
          pools++;
          slot.kind = MarketEvent.Kind.POOL;
          slot.pool = p.pool();
          slot.poolObservedAt = p.observedAt();
          slot.block = p.block();
          r = decider.pool(slot, true);
        } else if (e instanceof JournalEvent.Snapshot s) {
          snapshots++;
          MarketSnapshot snap =
              takerFee.map(f -> Snapshots.withTakerFee(s.snapshot(), f)).orElse(s.snapshot());
          r = decider.snapshot(snap, at, e.receivedEpochNanos(), false);
        }
        if (r == null || r.records().isEmpty()) {
          continue;
        }
        decisions++;
        opportunities += r.records().size();
        for (OpportunityRecord o : r.records()) {
          if (o.status() == OpportunityStatus.SIZED) {
            sized++;
          }
        }
        for (OpportunityRecord o : trader.trade(r, KillSwitch.NONE)) {
          stored.accept(o);
          switch (o.status()) {
            case EXECUTED -> executed++;
            case FAILED -> failed++;
            case REJECTED -> rejected++;
            default -> {
              continue;
            }
          }
          if (o.status() == OpportunityStatus.REJECTED) {
            continue;
          }
          BigDecimal realized = o.realizedProfit() == null ? BigDecimal.ZERO : o.realizedProfit();
          byAsset.computeIfAbsent(o.startAsset(), Acc::new).add(o, realized);
          Instant hour = at.truncatedTo(ChronoUnit.HOURS);
          String key = hour + " " + o.startAsset();
          Hour h = hours.get(key);
          boolean ok = o.status() == OpportunityStatus.EXECUTED;
          hours.put(
              key,
              h == null
                  ? new Hour(hour, o.startAsset(), ok ? 1 : 0, o.estimatedProfit(), realized)
                  : new Hour(
                      hour,
                      o.startAsset(),
                      h.executed() + (ok ? 1 : 0),
                      h.expected().add(o.estimatedProfit()),
                      h.realized().add(realized)));
        }
      }
      truncated = reader.truncated();
    }
    List<Totals> totals = new ArrayList<>();
    for (Acc a : byAsset.values()) {
      totals.add(a.totals());
    }
    return new Report(
        takerFee,
        events,
        books,
        pools,
        snapshots,
        unreadable,
        truncated,
        Optional.ofNullable(from),
        Optional.ofNullable(to),
        decisions,
        opportunities,
        sized,
        executed,
        failed,
        rejected,
        totals,
        List.copyOf(hours.values()));
  }

  private static OrderBook withFee(OrderBook b, BigDecimal fee) {
    return Snapshots.withTakerFee(new MarketSnapshot(List.of(b), List.of(), "fee"), fee)
        .books()
        .get(0);
  }

  /** Running totals of one start asset. */
  private static final class Acc {
    final String asset;
    int executed;
    int failed;
    BigDecimal expected = BigDecimal.ZERO;
    BigDecimal realized = BigDecimal.ZERO;
    BigDecimal peak = BigDecimal.ZERO;
    BigDecimal drawdown = BigDecimal.ZERO;

    Acc(String asset) {
      this.asset = asset;
    }

    void add(OpportunityRecord o, BigDecimal r) {
      if (o.status() == OpportunityStatus.EXECUTED) {
        executed++;
      } else {
        failed++;
      }
      expected = expected.add(o.estimatedProfit());
      realized = realized.add(r);
      peak = peak.max(realized);
      drawdown = drawdown.max(peak.subtract(realized));
    }

    Totals totals() {
      return new Totals(asset, executed, failed, expected, realized, drawdown);
    }
  }
}
