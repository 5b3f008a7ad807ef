package dev.arb.daemon.trade;

import dev.arb.engine.execution.Books;
import dev.arb.engine.execution.ExecutionPolicy;
import dev.arb.engine.execution.LegMode;
import dev.arb.engine.execution.RiskGate;
import dev.arb.engine.execution.UnknownOutcomeGuard;
import dev.arb.engine.json.DeadLetterContext;
import dev.arb.engine.json.ExecutionJson;
import dev.arb.engine.json.Json;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Cycle;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.Market;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Side;
import dev.arb.engine.paper.PaperBalances;
import dev.arb.engine.paper.PaperModel;
import dev.arb.engine.paper.PaperOrderExecutor;
import dev.arb.engine.port.DeadLetterRepository;
import dev.arb.engine.port.ExecutionRepository;
import dev.arb.engine.port.OrderExecutor;
import dev.arb.engine.port.RecordStore;
import dev.arb.engine.record.DeadLetter;
import dev.arb.engine.record.ExecutionResult;
import dev.arb.engine.record.ExecutionStatus;
import dev.arb.engine.record.Holding;
import dev.arb.engine.record.Unwind;
import dev.arb.engine.sizing.AmtOptimizer;
import dev.arb.engine.sizing.SizingOutcome;
import dev.arb.engine.sizing.TradePlan;
import dev.arb.error.ConfigException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One retry of one dead letter, for {@link TradingService#retry}: the leftover holdings sold back
 * to the start asset (paper or live), or the cycle re-sized and executed again (paper), holding one
 * of the risk limits' open-cycle slots while it trades.
 */
final class DeadLetterRetry {

  private final ExecutionRepository repo;
  private final DeadLetterRepository dlq;
  private final RiskGate gate;
  private final Instant now;
  private final MarketSnapshot snapshot;
  private final String booksSource;
  private final DeadLetter d;
  private final DeadLetterContext c;
  private final Asset start;
  private final List<Holding> leftover;
  private final String idPrefix;

  DeadLetterRetry(
      RecordStore store,
      RiskGate gate,
      Instant now,
      MarketSnapshot snapshot,
      String booksSource,
      DeadLetter d) {
    this.repo = store.executions();
    this.dlq = store.deadLetters();
    this.gate = gate;
    this.now = now;
    this.snapshot = snapshot;
    this.booksSource = booksSource;
    this.d = d;
    this.c =
        DeadLetterContext.read(d.context())
            .filter(x -> x.startAsset() != null)
            .orElseThrow(
                () ->
                    new ConfigException(
                        "dead letter "
                            + d.id()
                            + " has no start asset in its context; drop it ('arb dlq drop')"));
    this.start = Asset.of(c.startAsset());
    this.leftover = c.leftoverHoldings();
    this.idPrefix = "r" + d.id() + "-" + now.toEpochMilli();
  }

  /** On paper: sells the leftover back, or re-runs the cycle when nothing is left over. */
  RetryOutcome onPaper(PaperBalances ledger, PaperModel model, LegMode mode) {
    Books books = Books.of(snapshot.books());
    PaperOrderExecutor exchange = new PaperOrderExecutor(books, Optional.empty(), ledger, model);
    List<Leg> legs = legs(c.plan(), books);
    Optional<String> busy = gate.acquire();
    if (busy.isPresent()) {
      return keepOpen("refused: " + busy.get());
    }
    try {
      if (!leftover.isEmpty()) {
        Unwind u =
            ExecutionPolicy.sellBack(leftover, start, legs, exchange::books, exchange, idPrefix);
        boolean sold = u.fills().stream().anyMatch(f -> f.filled());
        if (!sold) {
          return keepOpen("nothing sold back to " + start + ": " + whyNotSold(u));
        }
        String note =
            "retried on paper: sold back to "
                + start
                + ", received "
                + u.returned().toPlainString()
                + " "
                + start
                + (u.leftover().isEmpty() ? "" : ", some is still held");
        ExecutionRepository.Saved s =
            repo.saveSellBack(
                start,
                u,
                "paper",
                d.detectedAt(),
                now,
                ledger.holdings(),
                d.id(),
                plan(),
                new ExecutionRepository.Resolution(true, note));
        return retried(s, u, note);
      }
      return retryCycle(legs, exchange, ledger, mode);
    } finally {
      gate.release();
    }
  }

  /**
   * Live: sells what the dead letter holds back to its start asset with live orders. Re-running a
   * whole cycle live from a dead letter is not done: it would trade on an old decision.
   */
  RetryOutcome sellBackLive(OrderExecutor live) {
    Books books = Books.of(snapshot.books());
    List<Leg> legs = legs(c.plan(), books);
    UnknownOutcomeGuard executor = new UnknownOutcomeGuard(live);
    Optional<String> busy = gate.acquire();
    if (busy.isPresent()) {
      return keepOpen("refused: " + busy.get());
    }
    try {
      Unwind u = ExecutionPolicy.sellBack(leftover, start, legs, () -> books, executor, idPrefix);
      boolean sold = u.fills().stream().anyMatch(f -> f.filled());
      String unknown =
          executor.unknown().isEmpty()
              ? ""
              : "; "
                  + executor.unknown().size()
                  + " order(s) with unknown outcome, settled by reconciliation when 'arb run'"
                  + " starts";
      if (!sold) {
        return keepOpen("nothing sold back to " + start + ": " + whyNotSold(u) + unknown);
      }
      String note =
          "retried live: sold back to "
              + start
              + ", received "
              + u.returned().toPlainString()
              + " "
              + start
              + (u.leftover().isEmpty() ? "" : ", some is still held")
              + unknown;
      ExecutionRepository.Saved saved =
          repo.saveSellBack(
              start,
              u,
              "live",
              d.detectedAt(),
              now,
              null,
              d.id(),
              plan(),
              new ExecutionRepository.Resolution(true, note));
      return retried(saved, u, note);
    } finally {
      gate.release();
    }
  }

  private RetryOutcome retryCycle(
      List<Leg> legs, PaperOrderExecutor exchange, PaperBalances ledger, LegMode mode) {
    if (legs.size() < 2) {
      return keepOpen("no cycle in its context to re-run");
    }
    Books books = exchange.books();
    List<OrderBook> cycleBooks = new ArrayList<>();
    for (int i = 0; i < legs.size(); i++) {
      Optional<OrderBook> b = books.book(legs.get(i).market());
      if (b.isEmpty()) {
        throw new ConfigException(
            "arb dlq retry: the books "
                + booksSource
                + " have no "
                + legs.get(i).market().id()
                + " (leg "
                + (i + 1)
                + " of dead letter "
                + d.id()
                + "); give --input a snapshot with every market of the cycle");
      }
      cycleBooks.add(b.get());
    }
    Cycle cycle;
    try {
      cycle = new Cycle(legs, 1.0);
    } catch (IllegalArgumentException e) {
      return keepOpen("its cycle cannot be rebuilt: " + e.getMessage());
    }
    BigDecimal available = ledger.balance(legs.get(0).exchange(), start);
    SizingOutcome sized = new AmtOptimizer(legs.size()).size(cycle, cycleBooks, available);
    if (sized instanceof SizingOutcome.Rejected r) {
      return keepOpen(
          "re-sizing found no trade: "
              + r.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ')
              + ": "
              + r.detail());
    }
    TradePlan plan = ((SizingOutcome.Sized) sized).plan();
    Instant dataClock = snapshot.newestObservation().orElse(now);
    Optional<String> refused = gate.check(plan, cycleBooks, now, dataClock, ledger);
    if (refused.isPresent()) {
      return keepOpen("refused: " + refused.get());
    }
    ExecutionResult x =
        ExecutionPolicy.execute(
            plan, exchange::books, exchange, gate.limits().threshold(), idPrefix, mode, ledger);
    String note =
        "retried on paper: "
            + x.status().code()
            + ", realized "
            + x.realizedProfit().toPlainString()
            + " "
            + start
            + (x.reason().isEmpty() ? "" : " (" + x.reason() + ")");
    boolean traded = x.traded();
    ExecutionRepository.Saved s =
        repo.saveRetry(
            x,
            "paper",
            d.detectedAt(),
            now,
            ledger.holdings(),
            d.id(),
            new ExecutionRepository.Resolution(
                traded, traded ? note : "retry at " + now + ": " + x.reason()));
    if (!traded) {
      return new RetryOutcome.NothingTraded(d.id(), s.executionId(), x.reason());
    }
    return new RetryOutcome.Retried(
        d.id(),
        s.executionId(),
        x.status(),
        x.realizedProfit(),
        start,
        x.leftover(),
        s.deadLetterId(),
        note);
  }

  private RetryOutcome retried(ExecutionRepository.Saved s, Unwind u, String note) {
    return new RetryOutcome.Retried(
        d.id(),
        s.executionId(),
        u.leftover().isEmpty() ? ExecutionStatus.UNWOUND : ExecutionStatus.STRANDED,
        u.returned(),
        start,
        u.leftover(),
        s.deadLetterId(),
        note);
  }

  private RetryOutcome keepOpen(String why) {
    String error = "retry at " + now + ": " + why;
    dlq.keepOpen(d.id(), error, now);
    return new RetryOutcome.KeptOpen(d.id(), why, error);
  }

  private String whyNotSold(Unwind u) {
    return u.fills().isEmpty()
        ? "no market back to " + start + " in the books"
        : u.fills().get(0).note();
  }

  /** The plan of the context (JSON), carried into a new dead letter; null when absent. */
  private String plan() {
    return c.plan() == null ? null : Json.write(c.plan());
  }

  /** What dead letter {@code d} holds outside its start asset; empty if its context has none. */
  static List<Holding> leftover(DeadLetter d) {
    return DeadLetterContext.read(d.context())
        .map(DeadLetterContext::leftoverHoldings)
        .orElse(List.of());
  }

  /** The cycle's legs from the plan, each market taken from the books when they have it. */
  private static List<Leg> legs(ExecutionJson.Plan plan, Books books) {
    List<Leg> out = new ArrayList<>();
    if (plan == null) {
      return out;
    }
    for (ExecutionJson.PlanLeg n : plan.legs()) {
      Market m =
          Market.of(
              n.exchange(),
              n.base(),
              n.quote(),
              n.takerFee() == null ? BigDecimal.ZERO : n.takerFee());
      Market current = books.book(m).map(OrderBook::market).orElse(m);
      Side side = "buy".equals(n.side()) ? Side.BUY : Side.SELL;
      out.add(new Leg(current, side));
    }
    return out;
  }
}
