package dev.arb.daemon.trade;

import dev.arb.config.RiskConfig;
import dev.arb.engine.execution.BalanceView;
import dev.arb.engine.execution.Books;
import dev.arb.engine.execution.ExecutionPolicy;
import dev.arb.engine.execution.LegMode;
import dev.arb.engine.execution.RiskGate;
import dev.arb.engine.execution.RiskLimits;
import dev.arb.engine.execution.UnknownOutcomeGuard;
import dev.arb.engine.json.DeadLetterContext;
import dev.arb.engine.json.Json;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.model.Side;
import dev.arb.engine.port.AccountBalances;
import dev.arb.engine.port.AccountLocks;
import dev.arb.engine.port.DeadLetterRepository;
import dev.arb.engine.port.OrderExecutor;
import dev.arb.engine.port.OrderJournal;
import dev.arb.engine.port.RecordStore;
import dev.arb.engine.port.TradingVenues;
import dev.arb.engine.record.ExecutionResult;
import dev.arb.engine.record.Holding;
import dev.arb.engine.record.JournalEntry;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.record.OpportunityStatus;
import dev.arb.engine.record.OrderState;
import dev.arb.engine.record.Reconciliation;
import dev.arb.engine.scan.Opportunity;
import dev.arb.engine.sizing.TradePlan;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live trading for {@code arb run} with {@code arb.trading.mode = live}: the same risk limits and
 * {@link ExecutionPolicy} as paper trading, with the {@link TradingVenues}' executor sending the
 * orders and every order journaled.
 *
 * <p>Before the first trade (and again after any order whose outcome could not be learned) the
 * journal is reconciled against the exchanges; until that succeeds no trade starts, and {@link
 * #blocked()} says why ({@code /status}, {@code /health}). The balance check uses the accounts'
 * balances, read once per scan that has something to trade. The kill switch cancels every journaled
 * order that may still be open.
 *
 * <p>Ownership: it trades only while it holds the lock of every account it trades ({@link
 * AccountLocks}: with a shared PostgreSQL store, another daemon may hold one). An account held
 * elsewhere keeps trading blocked, retried before each scan's trades; when the holder dies its lock
 * frees, this trader takes it and reconciles the journal (the orders the dead holder left in flight
 * on it) before its first trade. A lock lost later (the connection to the server dropped) blocks
 * trading again.
 */
public final class LiveTrader implements TradeStep {
  private static final Logger LOG = LoggerFactory.getLogger(LiveTrader.class);

  private final AccountLocks locks;
  private final List<String> accounts;
  private final TradingVenues venues;
  private final OrderJournal journal;
  private final DeadLetterRepository deadLetters;
  private final TradeCore core;
  private final Clock clock;
  private volatile Optional<String> blocked = Optional.of("reconciliation has not run yet");
  private volatile List<Holding> held = List.of();

  /**
   * Live trading through {@code venues}, recording in {@code store}; not reconciled yet ({@link
   * #reconcile} before the first trade).
   *
   * @param gate the risk limits, with the day's executions counted in
   */
  public LiveTrader(
      TradingVenues venues, RecordStore store, RiskGate gate, Clock clock, LegMode legs) {
    this(venues, store, gate, clock, legs, List.of());
  }

  /**
   * As {@link #LiveTrader(TradingVenues, RecordStore, RiskGate, Clock, LegMode)}, trading only
   * while this process holds the store's lock of each of {@code accounts} (exchange names).
   */
  public LiveTrader(
      TradingVenues venues,
      RecordStore store,
      RiskGate gate,
      Clock clock,
      LegMode legs,
      List<String> accounts) {
    this.locks = store.accountLocks();
    this.accounts = accounts.stream().map(a -> a.toLowerCase(java.util.Locale.ROOT)).toList();
    this.venues = venues;
    this.journal = store.orderJournal();
    this.deadLetters = store.deadLetters();
    // dead letters of live executions carry the risk limits of the time, as paper ones do
    this.core = new TradeCore(store.executions(), gate, legs, "live", "l");
    this.clock = clock;
  }

  /** Resolves the journal's in-flight orders; trading may start only when this returns true. */
  public synchronized boolean reconcile() {
    List<String> elsewhere = new ArrayList<>();
    for (String a : accounts) {
      if (!locks.tryAcquire(a)) {
        elsewhere.add(a);
      }
    }
    if (!elsewhere.isEmpty()) {
      blocked =
          Optional.of(
              "another arb instance trades "
                  + String.join(", ", elsewhere)
                  + " (it holds the account lock in the shared record store); taking over when it"
                  + " stops");
      LOG.warn("live trading paused: {}", blocked.get());
      return false;
    }
    Reconciliation r = venues.reconcile();
    held = r.holdings();
    recordHeld(r);
    if (!r.holdings().isEmpty()) {
      LOG.warn(
          "live: holdings left by earlier executions, not in their start asset: {}",
          r.holdings().stream()
              .map(h -> h.exchange() + " " + h.amount().toPlainString() + " " + h.asset())
              .collect(Collectors.joining(", ")));
    }
    if (r.ok()) {
      blocked = Optional.empty();
      LOG.info("live: order journal reconciled ({} orders resolved)", r.resolved().size());
      return true;
    }
    blocked =
        Optional.of(
            "live order journal not reconciled: "
                + String.join("; ", r.problems())
                + " (retried before each scan's trades)");
    LOG.warn("live trading paused: {}", blocked.get());
    return false;
  }

  /**
   * Writes a {@code reconcile_unknown} dead letter for each execution whose orders reconciliation
   * found (partially) filled while the execution holds assets outside its start asset, with its
   * journal rows and holdings, once per execution.
   */
  private void recordHeld(Reconciliation r) {
    Set<String> refs = new LinkedHashSet<>();
    for (JournalEntry e : r.resolved()) {
      if (e.state() == OrderState.FILLED || e.state() == OrderState.PARTIAL) {
        refs.add(e.executionRef());
      }
    }
    for (String ref : refs) {
      List<JournalEntry> rows = journal.forExecution(ref);
      List<Holding> hs = Reconciliation.holdings(rows);
      if (rows.isEmpty() || hs.isEmpty()) {
        continue;
      }
      String what =
          hs.stream()
              .map(h -> h.amount().toPlainString() + " " + h.asset() + " on " + h.exchange())
              .collect(Collectors.joining(", "));
      JournalEntry first = rows.get(0);
      DeadLetterContext.Reconciled c =
          DeadLetterContext.ofReconciled(
              ref, first.side() == Side.BUY ? first.quote() : first.base(), rows, hs);
      Optional<Long> id =
          deadLetters.addReconciled(
              ref,
              first.createdAt(),
              "reconciled after restart: " + ref + " still holds " + what,
              Json.write(c),
              clock.instant());
      id.ifPresent(
          d ->
              LOG.warn("live: execution {} holds {}: dead letter {} (arb dlq show)", ref, what, d));
    }
  }

  @Override
  public Optional<String> blocked() {
    return blocked;
  }

  /**
   * Whether a trade may start now: an account lock lost pauses trading; a paused trader reconciles
   * the journal first. Empty when it may, else why not.
   */
  private synchronized Optional<String> ready() {
    if (blocked.isEmpty() && !accounts.stream().allMatch(locks::holds)) {
      blocked = Optional.of("lost an account lock (the connection to the record store dropped)");
      LOG.warn("live trading paused: {}", blocked.get());
    }
    if (blocked.isPresent()) {
      reconcile();
    }
    return blocked;
  }

  /**
   * The desk the chains' CEX–DEX cycles trade through live: their book legs are orders through this
   * trader's venues (journaled; an order of unknown outcome pauses trading until the journal is
   * reconciled, as for its own cycles), under the same risk limits, daily totals and open-cycle
   * slots, recorded in the same executions and dead letters; balances are the accounts' own, read
   * before each trade; {@code latest} gives the daemon's latest books (dust checks and unwinds).
   */
  public InventoryDesk inventoryDesk(Supplier<List<OrderBook>> latest) {
    return new InventoryDesk(
        core,
        new InventoryDesk.Venue() {
          @Override
          public Optional<String> blocked() {
            return ready();
          }

          @Override
          public Supplier<Books> books() {
            return () -> Books.of(latest.get());
          }

          @Override
          public OrderExecutor orders() {
            return new UnknownOutcomeGuard(venues.orders());
          }

          @Override
          public BalanceView balances() {
            Map<String, Map<String, BigDecimal>> view = readBalances();
            return (ex, asset) ->
                view.getOrDefault(ex, Map.of()).getOrDefault(asset.code(), BigDecimal.ZERO);
          }

          @Override
          public Supplier<List<Holding>> ledgerAfter() {
            return null;
          }

          @Override
          public void after(OrderExecutor used, String id) {
            List<?> unknown = ((UnknownOutcomeGuard) used).unknown();
            if (!unknown.isEmpty()) {
              blocked =
                  Optional.of(
                      unknown.size()
                          + " order(s) of "
                          + id
                          + " with unknown outcome; reconciling before the next trade");
              LOG.warn("live trading paused: {}", blocked.get());
            }
          }
        },
        true,
        clock);
  }

  /** What earlier executions left in assets other than their start asset. */
  public List<Holding> held() {
    return held;
  }

  @Override
  public List<String> holdings() {
    return held.stream()
        .map(h -> h.exchange() + " " + h.amount().toPlainString() + " " + h.asset())
        .toList();
  }

  @Override
  public List<String> cancelOpenOrders() {
    return venues.cancelOpen();
  }

  @Override
  public List<OpportunityRecord> trade(ScanResult result, KillSwitch control) {
    List<OpportunityRecord> records = result.records();
    if (result.snapshot().isEmpty() || result.opportunities().isEmpty()) {
      return records;
    }
    if (blocked.isEmpty() && !accounts.stream().allMatch(locks::holds)) {
      blocked = Optional.of("lost an account lock (the connection to the record store dropped)");
      LOG.warn("live trading paused: {}", blocked.get());
    }
    if (blocked.isPresent() && !reconcile()) {
      return records;
    }
    MarketSnapshot snapshot = result.snapshot().get();
    Books books = Books.of(snapshot.books());
    Instant now = clock.instant();
    Map<String, Map<String, BigDecimal>> free = null;
    List<OpportunityRecord> out = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      OpportunityRecord r = records.get(i);
      Opportunity o = result.opportunities().get(i);
      if (control.engaged()
          || blocked.isPresent()
          || r.status() != OpportunityStatus.SIZED
          || o.plan().isEmpty()) {
        out.add(r);
        continue;
      }
      if (free == null) {
        free = readBalances();
      }
      Map<String, Map<String, BigDecimal>> view = free;
      out.add(
          tradeOne(
              r,
              o.plan().get(),
              books,
              now,
              (ex, asset) ->
                  view.getOrDefault(ex, Map.of()).getOrDefault(asset.code(), BigDecimal.ZERO),
              control));
      free = null; // a trade changed the balances: read them again before the next one
    }
    return out;
  }

  private Map<String, Map<String, BigDecimal>> readBalances() {
    Map<String, Map<String, BigDecimal>> m = new HashMap<>();
    for (AccountBalances b : venues.balances()) {
      b.problem().ifPresent(p -> LOG.warn("live: {}", p));
      m.put(b.exchange(), b.available());
    }
    return m;
  }

  private OpportunityRecord tradeOne(
      OpportunityRecord r,
      TradePlan plan,
      Books books,
      Instant now,
      dev.arb.engine.execution.BalanceView balances,
      KillSwitch control) {
    UnknownOutcomeGuard guarded = new UnknownOutcomeGuard(venues.orders());
    TradeCore.Outcome done =
        core.tradeOne(r, plan, () -> books, guarded, balances, null, now, now, control);
    if (done.execution().isEmpty()) {
      return done.record();
    }
    ExecutionResult x = done.execution().get();
    if (!guarded.unknown().isEmpty()) {
      blocked =
          Optional.of(
              guarded.unknown().size()
                  + " order(s) of "
                  + done.id()
                  + " with unknown outcome; reconciling before the next trade");
      LOG.warn("live trading paused: {}", blocked.get());
    }
    if (!x.leftover().isEmpty()) {
      LOG.warn(
          "live: execution {} is {}: still holds {}",
          done.id(),
          x.status().code(),
          x.leftover().stream()
              .map(h -> h.exchange() + " " + h.amount().toPlainString() + " " + h.asset())
              .collect(Collectors.joining(", ")));
    }
    return done.record();
  }

  @Override
  public boolean reloadRisk(RiskConfig risk) {
    core.gate().replaceLimits(RiskLimits.of(risk));
    return true;
  }
}
