package dev.arb.engine.execution;

import dev.arb.engine.chain.DexLegResult;
import dev.arb.engine.chain.DexLegs;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Leg;
import dev.arb.engine.model.Side;
import dev.arb.engine.model.Token;
import dev.arb.engine.port.OrderExecutor;
import dev.arb.engine.record.ExecutionResult;
import dev.arb.engine.record.ExecutionStatus;
import dev.arb.engine.record.Fill;
import dev.arb.engine.record.Holding;
import dev.arb.engine.record.OrderRequest;
import dev.arb.engine.record.Unwind;
import dev.arb.engine.sizing.LegFill;
import dev.arb.engine.sizing.PoolSwap;
import dev.arb.engine.sizing.TradePlan;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Executes a cycle that mixes order books and pools (joined by {@code same-as}) as inventory
 * trades: every leg spends its planned input from what its venue already holds, all legs at once.
 * Book legs are orders through the {@link OrderExecutor} (paper fills or live orders, limit: the
 * plan's worst price); each run of consecutive pool legs of one chain is one swap through {@link
 * DexLegs} (no loan), requiring at least the plan's output less {@code slippageBp}.
 *
 * <p>When every leg is done in full the cycle is executed: realized profit = what the last leg
 * received − what the first leg spent (the start asset and its joined token count as one). When a
 * leg is missed (a book leg short beyond dust, a swap that reverted), every book leg that filled is
 * unwound: what it received is sold back to what it spent ({@link ExecutionPolicy#sellBack}, on its
 * own market or the reverse route); a swap that was done is not swapped back on chain (that costs
 * gas and another price) and what it received is reported as held ({@link
 * ExecutionResult#leftover}). The result is {@code unwound}, or {@code stranded} when something is
 * held; both go to the dead-letter queue when stored, like any cycle that did not execute.
 */
public final class InventoryCycles {

  private InventoryCycles() {}

  /**
   * One leg (a book order, or a swap over one or more pools) as planned and as done.
   *
   * @param venue exchange or chain
   * @param route the leg(s), e.g. {@code ETH->USDC@kraken} or the pool legs joined by {@code " | "}
   * @param expectedSpent what the plan spends, in the leg's input asset
   * @param expectedReceived what the plan receives, in the leg's output asset
   * @param realizedSpent what was spent
   * @param realizedReceived what was received (a swap: the holder's balance change, to the wei)
   * @param ref the order id, or the transaction hash ({@code null}: a simulation)
   * @param done whether the leg was done in full
   * @param note why not, or how
   */
  public record LegOutcome(
      String venue,
      String route,
      BigDecimal expectedSpent,
      BigDecimal expectedReceived,
      BigDecimal realizedSpent,
      BigDecimal realizedReceived,
      String ref,
      boolean done,
      String note) {
    public LegOutcome {
      Objects.requireNonNull(venue, "venue");
      Objects.requireNonNull(route, "route");
      Objects.requireNonNull(expectedSpent, "expectedSpent");
      Objects.requireNonNull(expectedReceived, "expectedReceived");
      Objects.requireNonNull(realizedSpent, "realizedSpent");
      Objects.requireNonNull(realizedReceived, "realizedReceived");
      Objects.requireNonNull(note, "note");
    }
  }

  /**
   * An inventory execution.
   *
   * @param result as stored in {@code executions} (with its dead letter when not executed)
   * @param legs each leg as planned and as done, in cycle order (a swap over several pools is one)
   * @param swaps what each swap did on chain, in cycle order
   */
  public record Outcome(ExecutionResult result, List<LegOutcome> legs, List<DexLegResult> swaps) {
    public Outcome {
      Objects.requireNonNull(result, "result");
      legs = List.copyOf(legs);
      swaps = List.copyOf(swaps);
    }
  }

  /** Whether {@code plan} has both book legs and pool legs. */
  public static boolean mixed(TradePlan plan) {
    boolean pools = false;
    boolean books = false;
    for (LegFill f : plan.fills()) {
      if (f.leg().isPool()) {
        pools = true;
      } else {
        books = true;
      }
    }
    return pools && books;
  }

  /** A run of legs sent as one: a book order, or consecutive pool legs of one chain. */
  private record Segment(int from, int to, boolean pool) {}

  /**
   * Executes {@code plan} from inventory, all legs at once.
   *
   * @param books the current books (book legs' dust checks and unwinds)
   * @param orders places the book legs' orders
   * @param dex swaps the pool legs
   * @param send passed to {@link DexLegs#swap}: {@code false} simulates the swaps
   * @param idPrefix prefix of the client order ids
   * @param slippageBp a swap may receive this much less than planned, in basis points
   */
  public static Outcome execute(
      TradePlan plan,
      Supplier<Books> books,
      OrderExecutor orders,
      DexLegs dex,
      boolean send,
      String idPrefix,
      int slippageBp) {
    if (slippageBp < 0 || slippageBp >= 10_000) {
      throw new IllegalArgumentException("slippageBp must be in [0, 10000), got " + slippageBp);
    }
    List<LegFill> planned = plan.fills();
    List<Segment> segments = segments(planned);
    List<Callable<Object>> calls = new ArrayList<>();
    for (Segment s : segments) {
      if (s.pool()) {
        List<PoolSwap> swaps = new ArrayList<>();
        for (int i = s.from(); i <= s.to(); i++) {
          swaps.add(planned.get(i).swap().orElseThrow());
        }
        BigInteger out = swaps.get(swaps.size() - 1).amountOut();
        BigInteger minOut =
            out.multiply(BigInteger.valueOf(10_000L - slippageBp))
                .divide(BigInteger.valueOf(10_000));
        calls.add(() -> dex.swap(swaps, minOut, send));
      } else {
        LegFill f = planned.get(s.from());
        OrderRequest o =
            new OrderRequest(idPrefix + "-" + (s.from() + 1), f.leg(), f.spent(), f.worstPrice());
        calls.add(() -> orders.execute(o));
      }
    }
    boolean[] interrupted = new boolean[1];
    List<Object> done = sendAll(calls, segments, planned, idPrefix, interrupted);
    try {
      return outcome(plan, planned, segments, done, books, orders, idPrefix);
    } finally {
      if (interrupted[0]) {
        Thread.currentThread().interrupt(); // deferred until the legs and any unwind are done
      }
    }
  }

  /** What the legs did, with the unwind of the book legs when one was missed. */
  private static Outcome outcome(
      TradePlan plan,
      List<LegFill> planned,
      List<Segment> segments,
      List<Object> done,
      Supplier<Books> books,
      OrderExecutor orders,
      String idPrefix) {

    List<Fill> fills = new ArrayList<>();
    List<LegOutcome> outcomes = new ArrayList<>();
    List<DexLegResult> swaps = new ArrayList<>();
    List<String> missed = new ArrayList<>();
    List<Holding> heldOnChain = new ArrayList<>();
    List<Integer> filledBookLegs = new ArrayList<>();
    for (int k = 0; k < segments.size(); k++) {
      Segment s = segments.get(k);
      if (s.pool()) {
        DexLegResult r = (DexLegResult) done.get(k);
        swaps.add(r);
        LegFill first = planned.get(s.from());
        LegFill last = planned.get(s.to());
        Token in = first.swap().orElseThrow().tokenIn();
        Token out = last.swap().orElseThrow().tokenOut();
        BigDecimal spent = units(r.amountIn(), in);
        BigDecimal received = units(r.amountOut(), out);
        String ref = r.txHash().orElse(null);
        StringBuilder route = new StringBuilder();
        for (int i = s.from(); i <= s.to(); i++) {
          route.append(i > s.from() ? " | " : "").append(planned.get(i).leg());
        }
        outcomes.add(
            new LegOutcome(
                first.leg().exchange(),
                route.toString(),
                first.spent(),
                last.received(),
                spent,
                received,
                ref,
                r.done(),
                r.note()));
        for (int i = s.from(); i <= s.to(); i++) {
          fills.add(poolFill(planned.get(i), i == s.from(), i == s.to(), r, spent, received, ref));
        }
        if (!r.done()) {
          missed.add("swap " + route + " missed: " + r.note());
        } else if (received.signum() > 0) {
          heldOnChain.add(new Holding(last.leg().exchange(), last.leg().to(), received));
        }
      } else {
        LegFill f = planned.get(s.from());
        Fill x = (Fill) done.get(k);
        fills.add(x);
        boolean isShort =
            ExecutionPolicy.isShort(x, f.spent(), f.leg(), f.worstPrice(), books.get());
        outcomes.add(
            new LegOutcome(
                f.leg().exchange(),
                f.leg().toString(),
                f.spent(),
                f.received(),
                x.spent(),
                x.received(),
                x.orderId(),
                !isShort,
                x.note()));
        if (isShort) {
          missed.add(
              "leg "
                  + (s.from() + 1)
                  + " "
                  + f.leg()
                  + " filled "
                  + x.spent().toPlainString()
                  + " of "
                  + f.spent().toPlainString()
                  + (x.note().isEmpty() ? "" : " (" + x.note() + ")"));
        }
        if (x.filled()) {
          filledBookLegs.add(s.from());
        }
      }
    }
    Asset startIn = planned.get(0).leg().from();
    BigDecimal spent = fills.get(0).spent();
    BigDecimal returned = fills.get(fills.size() - 1).received();
    if (missed.isEmpty()) {
      return new Outcome(
          new ExecutionResult(
              plan, ExecutionStatus.EXECUTED, fills, List.of(), spent, returned, List.of(), ""),
          outcomes,
          swaps);
    }
    // a leg missed: the book legs that filled are sold back to what they spent
    List<Fill> unwind = new ArrayList<>();
    List<Holding> leftover = new ArrayList<>();
    BigDecimal back = returned;
    if (!fills.get(fills.size() - 1).filled()) {
      back = BigDecimal.ZERO;
    }
    for (int i : filledBookLegs) {
      Fill x = fills.get(i);
      Leg leg = x.leg();
      if (x.received().signum() == 0) {
        continue;
      }
      Unwind u =
          ExecutionPolicy.sellBack(
              List.of(new Holding(leg.exchange(), leg.to(), x.received())),
              leg.from(),
              List.of(leg),
              books,
              orders,
              idPrefix + "-" + (i + 1));
      unwind.addAll(u.fills());
      leftover.addAll(u.leftover());
      if (leg.from().equals(startIn)) {
        back = back.add(u.returned());
      }
    }
    leftover.addAll(heldOnChain);
    ExecutionStatus status;
    if (!leftover.isEmpty()) {
      status = ExecutionStatus.STRANDED;
    } else if (spent.signum() == 0 && unwind.isEmpty()) {
      status = ExecutionStatus.ABORTED;
    } else {
      status = ExecutionStatus.UNWOUND;
    }
    String reason =
        "inventory legs sent at once: "
            + String.join("; ", missed)
            + (heldOnChain.isEmpty()
                ? ""
                : "; swaps done are not swapped back on chain: "
                    + heldOnChain.stream()
                        .map(
                            h ->
                                h.amount().toPlainString()
                                    + " "
                                    + h.asset()
                                    + " on "
                                    + h.exchange())
                        .reduce((a, b) -> a + ", " + b)
                        .orElse(""));
    return new Outcome(
        new ExecutionResult(plan, status, fills, unwind, spent, back, leftover, reason),
        outcomes,
        swaps);
  }

  private static List<Segment> segments(List<LegFill> planned) {
    List<Segment> out = new ArrayList<>();
    int i = 0;
    while (i < planned.size()) {
      Leg leg = planned.get(i).leg();
      if (!leg.isPool()) {
        out.add(new Segment(i, i, false));
        i++;
        continue;
      }
      if (planned.get(i).swap().isEmpty()) {
        throw new IllegalArgumentException("pool leg " + (i + 1) + " " + leg + " was not sized");
      }
      int j = i;
      while (j + 1 < planned.size()
          && planned.get(j + 1).leg().isPool()
          && planned.get(j + 1).swap().isPresent()
          && planned.get(j + 1).leg().exchange().equals(leg.exchange())) {
        j++;
      }
      out.add(new Segment(i, j, true));
      i = j + 1;
    }
    return out;
  }

  /**
   * Runs every call at once, one thread each; a call that throws is a missed leg, with why. Once
   * sent, the legs are waited for even if this thread is interrupted (the daemon stopping): an
   * order or a swap already out must end in the execution's record; {@code interrupted[0]} says
   * whether an interrupt is to be raised again once the execution is complete.
   */
  private static List<Object> sendAll(
      List<Callable<Object>> calls,
      List<Segment> segments,
      List<LegFill> planned,
      String id,
      boolean[] interrupted) {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            calls.size(),
            r -> {
              Thread t = new Thread(r, "arb-inventory-leg");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<Object>> futures = new ArrayList<>();
      for (Callable<Object> c : calls) {
        futures.add(pool.submit(c));
      }
      List<Object> out = new ArrayList<>();
      for (int k = 0; k < futures.size(); k++) {
        while (true) {
          try {
            out.add(futures.get(k).get());
            break;
          } catch (InterruptedException e) {
            interrupted[0] = true;
          } catch (ExecutionException e) {
            Segment s = segments.get(k);
            String why = "outcome unknown: " + e.getCause().getMessage();
            if (s.pool()) {
              out.add(
                  DexLegResult.missed(
                      Optional.empty(), Optional.empty(), BigInteger.ZERO, BigInteger.ZERO, why));
            } else {
              LegFill f = planned.get(s.from());
              out.add(Fill.empty(f.leg(), id + "-" + (s.from() + 1), f.spent(), why));
            }
            break;
          }
        }
      }
      return out;
    } finally {
      pool.shutdown();
    }
  }

  /**
   * The fill of pool leg {@code f} within a swap: the swap's first leg spent what the swap spent,
   * its last received what it received; a leg in between is reported as planned when the swap was
   * done (the contract measures only the swap's ends).
   */
  private static Fill poolFill(
      LegFill f,
      boolean first,
      boolean last,
      DexLegResult r,
      BigDecimal swapSpent,
      BigDecimal swapReceived,
      String ref) {
    String id = ref == null ? "simulated" : ref;
    if (!r.done()) {
      return Fill.empty(f.leg(), id, f.spent(), r.note());
    }
    BigDecimal spent = first ? swapSpent : f.spent();
    BigDecimal received = last ? swapReceived : f.received();
    BigDecimal requested = spent.max(f.spent());
    boolean sell = f.leg().side() == Side.SELL;
    BigDecimal base = sell ? spent : received;
    BigDecimal quote = sell ? received : spent;
    BigDecimal price =
        base.signum() == 0 ? BigDecimal.ZERO : quote.divide(base, 18, RoundingMode.HALF_EVEN);
    return new Fill(
        f.leg(), id, requested, spent, received, base, price, BigDecimal.ZERO, r.note());
  }

  private static BigDecimal units(BigInteger amount, Token token) {
    return new BigDecimal(amount).movePointLeft(token.decimals());
  }
}
