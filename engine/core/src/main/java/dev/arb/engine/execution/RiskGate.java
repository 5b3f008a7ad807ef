package dev.arb.engine.execution;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.record.ExecutionResult;
import dev.arb.engine.sizing.LegFill;
import dev.arb.engine.sizing.TradePlan;
import dev.arb.engine.text.Durations;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies {@link RiskLimits} before a trade and keeps each UTC day's totals per start asset
 * (notional spent, realized profit) and the number of cycles in progress. Thread-safe: traders on
 * several threads may share one gate, and {@link #acquire()} bounds how many cycles they run at
 * once. Day totals count an execution when it is {@link #record recorded}: cycles still in progress
 * are not in them, which is one reason to keep {@code max-open-cycles} small.
 */
public final class RiskGate {
  private volatile RiskLimits limits;
  private final Map<String, BigDecimal> dayNotional = new HashMap<>();
  private final Map<String, BigDecimal> dayRealized = new HashMap<>();
  private int open;

  public RiskGate(RiskLimits limits) {
    this.limits = limits;
  }

  public RiskLimits limits() {
    return limits;
  }

  /**
   * Replaces the limits (a reload of the configuration); the day's totals and the cycles in
   * progress are kept, and the next check uses the new limits.
   */
  public synchronized void replaceLimits(RiskLimits next) {
    this.limits = Objects.requireNonNull(next, "next");
  }

  /**
   * Adds what an earlier execution of the same day did (e.g. loaded from the store at start).
   *
   * @param at when it executed
   * @param startAsset its start asset
   * @param spent start asset spent
   * @param realized realized profit (negative: a loss)
   */
  public synchronized void add(
      Instant at, Asset startAsset, BigDecimal spent, BigDecimal realized) {
    String k = key(at, startAsset);
    dayNotional.merge(k, spent, BigDecimal::add);
    dayRealized.merge(k, realized, BigDecimal::add);
  }

  /**
   * Why {@code plan} must not be traded now, or empty when it may.
   *
   * @param books the cycle's books, in leg order (for the data age)
   * @param now the trade's clock (day totals, and data age)
   * @param balances balances for the balance check
   */
  public Optional<String> check(
      TradePlan plan, List<OrderBook> books, Instant now, BalanceView balances) {
    return check(plan, books, now, now, balances);
  }

  /**
   * As {@link #check(TradePlan, List, Instant, BalanceView)}, with the data age measured against
   * {@code dataClock} (a replay's own time) instead of {@code now}.
   *
   * <p>Balance check: the first leg's exchange must hold the plan's start amount; a later leg on
   * another exchange than the leg before it must find what it spends already there (pre-funded
   * inventory); a later leg on the same exchange spends what the leg before it received.
   */
  public Optional<String> check(
      TradePlan plan, List<OrderBook> books, Instant now, Instant dataClock, BalanceView balances) {
    for (Leg leg : plan.cycle().legs()) {
      if (leg.isPool()) {
        return Optional.of(
            "not traded: leg "
                + leg
                + " swaps through a pool, and orders go to exchanges only (on-chain execution"
                + " of scanned cycles is not built yet)");
      }
    }
    return limits(plan, books, now, dataClock, balances);
  }

  /**
   * As {@link #check(TradePlan, List, Instant, Instant, BalanceView)} for a cycle traded from
   * inventory, whose pool legs are swaps from a chain's inventory (a CEX–DEX cycle joined by {@code
   * same-as}): the same limits on the start amount, the day's totals, the daily loss, the profit
   * threshold and the books' age; the balance check covers the book legs only (a pool leg spends
   * the contract's balance, which its swap's simulation checks before anything is sent).
   */
  public Optional<String> checkInventory(
      TradePlan plan, List<OrderBook> books, Instant now, Instant dataClock, BalanceView balances) {
    return limits(plan, books, now, dataClock, balances);
  }

  private synchronized Optional<String> limits(
      TradePlan plan, List<OrderBook> books, Instant now, Instant dataClock, BalanceView balances) {
    Asset start = plan.cycle().startAsset();
    BigDecimal spend = plan.startAmount();
    if (limits.maxTradeNotional().isPresent()
        && spend.compareTo(limits.maxTradeNotional().get()) > 0) {
      return Optional.of(
          "risk: spends "
              + spend.toPlainString()
              + " "
              + start
              + ", above max-trade-notional "
              + limits.maxTradeNotional().get().toPlainString());
    }
    if (limits.maxDailyNotional().isPresent()) {
      BigDecimal today = dayNotional.getOrDefault(key(now, start), BigDecimal.ZERO);
      if (today.add(spend).compareTo(limits.maxDailyNotional().get()) > 0) {
        return Optional.of(
            "risk: "
                + today.toPlainString()
                + " + "
                + spend.toPlainString()
                + " "
                + start
                + " today would exceed max-daily-notional "
                + limits.maxDailyNotional().get().toPlainString());
      }
    }
    if (dailyLossTripped(now, start)) {
      return Optional.of("risk: daily loss limit reached for " + start);
    }
    BigDecimal required = limits.threshold().required(spend);
    if (plan.profit().compareTo(required) < 0) {
      return Optional.of(
          "risk: profit "
              + plan.profit().toPlainString()
              + " "
              + start
              + " below min-profit plus slippage buffer "
              + required.toPlainString());
    }
    if (limits.maxDataAge().isPresent()) {
      for (OrderBook b : books) {
        Duration age = Duration.between(b.observedAt(), dataClock);
        if (age.compareTo(limits.maxDataAge().get()) > 0) {
          return Optional.of(
              "risk: book of "
                  + b.market().id()
                  + " is "
                  + Durations.rounded(age)
                  + " old, above max-data-age "
                  + Durations.format(limits.maxDataAge().get()));
        }
      }
    }
    List<LegFill> fills = plan.fills();
    for (int i = 0; i < fills.size(); i++) {
      LegFill f = fills.get(i);
      Leg leg = f.leg();
      if (leg.isPool() || (i > 0 && leg.exchange().equals(fills.get(i - 1).leg().exchange()))) {
        continue;
      }
      BigDecimal have = balances.balance(leg.exchange(), leg.from());
      if (have.compareTo(f.spent()) < 0) {
        return Optional.of(
            "balance: "
                + leg.exchange()
                + " has "
                + have.toPlainString()
                + " "
                + leg.from()
                + ", leg "
                + leg
                + " needs "
                + f.spent().toPlainString()
                + hint(balances.whereToSet(leg.exchange(), leg.from())));
      }
    }
    return Optional.empty();
  }

  /**
   * Counts an execution into the day's totals.
   *
   * @return true when the day's realized loss for its start asset has now reached the daily loss
   *     limit (the caller trips the kill switch)
   */
  public synchronized boolean record(ExecutionResult r, Instant at) {
    add(at, r.startAsset(), r.startSpent(), r.realizedProfit());
    return dailyLossTripped(at, r.startAsset());
  }

  /** The realized profit of the UTC day of {@code at} for {@code asset}. */
  public synchronized BigDecimal dayRealized(Instant at, Asset asset) {
    return dayRealized.getOrDefault(key(at, asset), BigDecimal.ZERO);
  }

  /** Whether the realized loss of the UTC day of {@code at} for {@code asset} reached the limit. */
  public synchronized boolean dailyLossReached(Instant at, Asset asset) {
    return dailyLossTripped(at, asset);
  }

  /**
   * Takes one of the {@link RiskLimits#maxOpenCycles()} slots for a cycle about to start, or says
   * why not. A cycle that got a slot gives it back with {@link #release()} once it is recorded,
   * whatever its outcome (release in a {@code finally}).
   *
   * @return empty when the slot was taken; the refusal otherwise (record the cycle rejected)
   */
  public synchronized Optional<String> acquire() {
    if (open >= limits.maxOpenCycles()) {
      return Optional.of(
          "risk: "
              + open
              + (open == 1 ? " cycle" : " cycles")
              + " already in progress, max-open-cycles "
              + limits.maxOpenCycles());
    }
    open++;
    return Optional.empty();
  }

  /** Gives back a slot taken by {@link #acquire()}. */
  public synchronized void release() {
    if (open == 0) {
      throw new IllegalStateException("release without acquire");
    }
    open--;
  }

  /** Cycles in progress now (slots taken and not released). */
  public synchronized int openCycles() {
    return open;
  }

  private boolean dailyLossTripped(Instant at, Asset asset) {
    if (limits.dailyLossLimit().isEmpty()) {
      return false;
    }
    BigDecimal loss = dayRealized(at, asset).negate();
    return loss.compareTo(limits.dailyLossLimit().get()) >= 0;
  }

  private static String key(Instant at, Asset asset) {
    return LocalDate.ofInstant(at, ZoneOffset.UTC) + " " + asset;
  }

  private static String hint(String whereToSet) {
    return whereToSet.isEmpty() ? "" : "; " + whereToSet;
  }
}
