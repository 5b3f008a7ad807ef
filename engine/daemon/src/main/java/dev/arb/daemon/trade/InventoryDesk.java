package dev.arb.daemon.trade;

import dev.arb.engine.chain.DexLegs;
import dev.arb.engine.execution.BalanceView;
import dev.arb.engine.execution.Books;
import dev.arb.engine.execution.InventoryCycles;
import dev.arb.engine.execution.LegMode;
import dev.arb.engine.execution.RiskGate;
import dev.arb.engine.execution.RiskLimits;
import dev.arb.engine.port.ExecutionRepository;
import dev.arb.engine.port.OrderExecutor;
import dev.arb.engine.record.Holding;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.record.OpportunityStatus;
import dev.arb.engine.sizing.TradePlan;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The daemon's trading as the chains' CEX–DEX cycles use it: the book legs of an inventory cycle go
 * through the same executor, risk limits ({@code arb.risk}: max trade and daily notional, daily
 * loss limit, profit threshold, data age, max open cycles), kill switch and record store
 * (executions and dead letters) as the daemon's CEX cycles; only the pool legs are new ({@link
 * DexLegs}). Made by {@link PaperTrader#inventoryDesk} (paper fills on the daemon's latest books,
 * the paper ledger) or {@link LiveTrader#inventoryDesk} (live orders journaled through the trader's
 * venues, trading paused until the journal is reconciled, an order of unknown outcome pausing it
 * again).
 */
public final class InventoryDesk {
  /** What one venue side does around a trade; paper and live differ only here. */
  interface Venue {
    /** Why no trade may start now (live: the journal not reconciled); empty when it may. */
    Optional<String> blocked();

    /** The books the book legs walk (dust checks, unwinds). */
    Supplier<Books> books();

    /** The executor of one trade's orders (live: a fresh guard of unknown outcomes each trade). */
    OrderExecutor orders();

    /** Balances of the exchanges, for the balance check, read once per trade. */
    BalanceView balances();

    /** The paper ledger to store with the execution; null live. */
    Supplier<List<Holding>> ledgerAfter();

    /** Called after the trade with the executor it used and the execution id. */
    void after(OrderExecutor used, String id);
  }

  /**
   * What one trade did.
   *
   * @param record the scan's record; {@code rejected} with the reason when not traded
   * @param executed the execution, when traded
   * @param executionId its row in {@code executions}, or -1
   * @param mode {@code paper} or {@code live}
   */
  public record Done(
      OpportunityRecord record,
      Optional<InventoryCycles.Outcome> executed,
      long executionId,
      String mode) {
    public Done {
      Objects.requireNonNull(record, "record");
      Objects.requireNonNull(executed, "executed");
      Objects.requireNonNull(mode, "mode");
    }
  }

  private final TradeCore core;
  private final Venue venue;
  private final boolean live;
  private final Clock clock;

  InventoryDesk(TradeCore core, Venue venue, boolean live, Clock clock) {
    this.core = Objects.requireNonNull(core, "core");
    this.venue = Objects.requireNonNull(venue, "venue");
    this.live = live;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A desk over {@code orders} alone (no journal, nothing to reconcile), recording in {@code
   * executions} under {@code limits}: for tools and tests that bring their own executor.
   *
   * @param books the books {@code orders} fill on (dust checks, unwinds)
   * @param balances the exchanges' balances for the balance check
   * @param live whether the trades are recorded {@code live} and their swaps sent
   */
  public static InventoryDesk of(
      ExecutionRepository executions,
      RiskLimits limits,
      Supplier<Books> books,
      OrderExecutor orders,
      BalanceView balances,
      boolean live,
      Clock clock) {
    TradeCore core =
        new TradeCore(
            executions,
            new RiskGate(limits),
            LegMode.CONCURRENT,
            live ? "live" : "paper",
            live ? "l" : "p");
    return new InventoryDesk(
        core,
        new Venue() {
          @Override
          public Optional<String> blocked() {
            return Optional.empty();
          }

          @Override
          public Supplier<Books> books() {
            return books;
          }

          @Override
          public OrderExecutor orders() {
            return orders;
          }

          @Override
          public BalanceView balances() {
            return balances;
          }

          @Override
          public Supplier<List<Holding>> ledgerAfter() {
            return null;
          }

          @Override
          public void after(OrderExecutor used, String id) {}
        },
        live,
        clock);
  }

  /** Whether book legs are live orders (and swaps are then sent). */
  public boolean live() {
    return live;
  }

  /**
   * Trades {@code plan} (the plan of the sized record {@code r}) from inventory, all legs at once,
   * under the risk limits; a trade refused (a limit, the kill switch, live trading paused) is the
   * record {@code rejected} with the reason and nothing is sent.
   *
   * @param dex swaps the pool legs: sent when {@link #live()}, else simulated
   * @param slippageBp how much less than planned a swap may receive, basis points
   * @param control the daemon's kill switch: checked first, tripped by the daily loss limit
   */
  public Done trade(
      OpportunityRecord r, TradePlan plan, DexLegs dex, int slippageBp, KillSwitch control) {
    Optional<String> blocked = venue.blocked();
    if (blocked.isPresent()) {
      return new Done(
          TradeCore.with(
              r, OpportunityStatus.REJECTED, null, "live trading paused: " + blocked.get()),
          Optional.empty(),
          -1,
          live ? "live" : "paper");
    }
    Instant now = clock.instant();
    OrderExecutor orders = venue.orders();
    TradeCore.InventoryOutcome o =
        core.tradeInventory(
            r,
            plan,
            venue.books(),
            orders,
            dex,
            live,
            slippageBp,
            venue.balances(),
            venue.ledgerAfter(),
            now,
            control);
    if (o.executed().isPresent()) {
      venue.after(orders, o.id());
    }
    return new Done(o.record(), o.executed(), o.executionId(), o.mode());
  }
}
