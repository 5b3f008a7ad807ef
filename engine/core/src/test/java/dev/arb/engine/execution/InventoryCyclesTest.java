package dev.arb.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.chain.DexLegResult;
import dev.arb.engine.chain.DexLegs;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.ChainSnapshot;
import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.model.SameAs;
import dev.arb.engine.model.Token;
import dev.arb.engine.paper.PaperBalances;
import dev.arb.engine.paper.PaperOrderExecutor;
import dev.arb.engine.path.PathQuery;
import dev.arb.engine.record.ExecutionResult;
import dev.arb.engine.record.ExecutionStatus;
import dev.arb.engine.record.Holding;
import dev.arb.engine.scan.PoolOptions;
import dev.arb.engine.scan.ScanRequest;
import dev.arb.engine.scan.Scanner;
import dev.arb.engine.sizing.LegFill;
import dev.arb.engine.sizing.PoolSwap;
import dev.arb.engine.sizing.TradePlan;
import dev.arb.engine.source.SnapshotJson;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A mixed cycle (the real USDC/WETH Uniswap V2 pair at block 11,000,000 with synthetic Kraken
 * books, {@code books-and-pools-v2.json}, joined by same-as) executed from inventory against a
 * stand-in for the chain: every leg at once, expected and realized per leg, and what a missed leg
 * leaves (unwound book legs, or a swap's output held on chain).
 */
class InventoryCyclesTest {
  private static final MarketSnapshot SNAPSHOT = read();
  private static final ChainSnapshot ETHEREUM = SNAPSHOT.chain("ethereum").orElseThrow();
  private static final Token USDC = ETHEREUM.find("USDC").get(0);
  private static final Token WETH = ETHEREUM.find("WETH").get(0);

  private static MarketSnapshot read() {
    String name = "/dev/arb/engine/source/books-and-pools-v2.json";
    try (InputStream in = InventoryCyclesTest.class.getResourceAsStream(name)) {
      return SnapshotJson.read(in, name);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The best sized cycle mixing Kraken books and the chain's pools. */
  private static TradePlan mixedPlan() {
    PoolOptions joins =
        PoolOptions.defaults()
            .withSameAs(
                List.of(
                    new SameAs("ethereum", WETH.asset(), Asset.of("ETH")),
                    new SameAs("ethereum", USDC.asset(), Asset.of("USDC"))));
    return Scanner.scan(
            SNAPSHOT,
            new ScanRequest(
                    PathQuery.defaults().withMaxLength(4),
                    Optional.empty(),
                    Optional.empty(),
                    false)
                .withPools(joins))
        .opportunities()
        .stream()
        .flatMap(o -> o.plan().stream())
        .filter(InventoryCycles::mixed)
        .findFirst()
        .orElseThrow();
  }

  /** A chain stand-in: pays each swap its planned output, or reverts, and remembers the calls. */
  private static final class FakeChain implements DexLegs {
    final boolean revert;
    final List<List<PoolSwap>> calls = new ArrayList<>();
    final List<BigInteger> minOuts = new ArrayList<>();

    FakeChain(boolean revert) {
      this.revert = revert;
    }

    @Override
    public synchronized DexLegResult swap(List<PoolSwap> swaps, BigInteger minOut, boolean send) {
      calls.add(swaps);
      minOuts.add(minOut);
      if (revert) {
        return DexLegResult.missed(
            Optional.of("0xdead"),
            Optional.of(7L),
            BigInteger.valueOf(50_000),
            BigInteger.ONE,
            "reverted on chain: SwapBelowMinimum");
      }
      return new DexLegResult(
          true,
          swaps.get(0).amountIn(),
          swaps.get(swaps.size() - 1).amountOut(),
          Optional.of("0xbeef"),
          Optional.of(7L),
          BigInteger.valueOf(90_000),
          BigInteger.TEN,
          "mined");
    }
  }

  /** Enough of every asset the plan's book legs spend, on their exchanges. */
  private static PaperBalances funded(TradePlan plan) {
    List<Holding> h = new ArrayList<>();
    for (LegFill f : plan.fills()) {
      if (!f.leg().isPool()) {
        h.add(new Holding(f.leg().exchange(), f.leg().from(), f.spent().multiply(BigDecimal.TEN)));
      }
    }
    return new PaperBalances(h);
  }

  @Test
  void everyLegDoneInFullIsExecutedWithEachLegsExpectedAndRealizedAmounts() {
    TradePlan plan = mixedPlan();
    PaperBalances ledger = funded(plan);
    PaperOrderExecutor cex = new PaperOrderExecutor(Books.of(SNAPSHOT.books()), ledger);
    FakeChain chain = new FakeChain(false);

    InventoryCycles.Outcome o =
        InventoryCycles.execute(plan, cex::books, cex, chain, true, "t", 10);

    ExecutionResult x = o.result();
    assertThat(x.status()).isEqualTo(ExecutionStatus.EXECUTED);
    // one swap per run of pool legs, given the plan's exact swaps and its output less 10 bp
    assertThat(chain.calls)
        .hasSize((int) o.legs().stream().filter(l -> l.venue().equals("ethereum")).count());
    List<PoolSwap> sent = chain.calls.stream().flatMap(List::stream).toList();
    assertThat(sent).isEqualTo(plan.swaps());
    BigInteger out = chain.calls.get(0).get(chain.calls.get(0).size() - 1).amountOut();
    assertThat(chain.minOuts.get(0))
        .isEqualTo(out.multiply(BigInteger.valueOf(9_990)).divide(BigInteger.valueOf(10_000)));
    for (InventoryCycles.LegOutcome l : o.legs()) {
      assertThat(l.done()).as(l.route()).isTrue();
      assertThat(l.realizedSpent()).as(l.route()).isEqualByComparingTo(l.expectedSpent());
      assertThat(l.realizedReceived()).as(l.route()).isEqualByComparingTo(l.expectedReceived());
    }
    assertThat(x.realizedProfit())
        .isEqualByComparingTo(
            x.legs().get(x.legs().size() - 1).received().subtract(x.legs().get(0).spent()));
    assertThat(x.realizedProfit()).isEqualByComparingTo(plan.profit());
    assertThat(DeadLetterKind.of(x)).isEmpty();
  }

  @Test
  void aSwapThatRevertsUnwindsTheBookLegsThatFilledAndGoesToTheDeadLetterQueue() {
    TradePlan plan = mixedPlan();
    PaperBalances ledger = funded(plan);
    PaperOrderExecutor cex = new PaperOrderExecutor(Books.of(SNAPSHOT.books()), ledger);

    InventoryCycles.Outcome o =
        InventoryCycles.execute(plan, cex::books, cex, new FakeChain(true), true, "t", 10);

    ExecutionResult x = o.result();
    assertThat(x.status()).isEqualTo(ExecutionStatus.UNWOUND);
    assertThat(x.reason()).contains("SwapBelowMinimum");
    assertThat(x.unwind()).isNotEmpty();
    // what the book legs bought was sold back: per exchange and asset, the unwind orders spent
    // what the legs received (up to lot-size dust, which cannot be sold on its own)
    java.util.Map<String, BigDecimal> bought = new java.util.TreeMap<>();
    java.util.Map<String, BigDecimal> sold = new java.util.TreeMap<>();
    for (dev.arb.engine.record.Fill f : x.legs()) {
      if (!f.leg().isPool()) {
        bought.merge(f.leg().exchange() + " " + f.leg().to(), f.received(), BigDecimal::add);
      }
    }
    for (dev.arb.engine.record.Fill f : x.unwind()) {
      sold.merge(f.leg().exchange() + " " + f.leg().from(), f.spent(), BigDecimal::add);
    }
    assertThat(sold.keySet()).isEqualTo(bought.keySet());
    bought.forEach(
        (k, v) ->
            assertThat(sold.get(k)).as(k).isBetween(v.subtract(new BigDecimal("0.00000001")), v));
    assertThat(o.legs().stream().filter(l -> !l.done()).map(l -> l.venue()))
        .containsOnly("ethereum");
    assertThat(DeadLetterKind.of(x)).contains(DeadLetterKind.CYCLE_FAILED);
  }

  @Test
  void aBookLegThatFillsNothingLeavesTheSwapsOutputHeldOnChainAndStranded() {
    TradePlan plan = mixedPlan();
    PaperBalances empty = new PaperBalances(List.of());
    PaperOrderExecutor cex = new PaperOrderExecutor(Books.of(SNAPSHOT.books()), empty);
    FakeChain chain = new FakeChain(false);

    InventoryCycles.Outcome o =
        InventoryCycles.execute(plan, cex::books, cex, chain, false, "t", 10);

    ExecutionResult x = o.result();
    assertThat(x.status()).isEqualTo(ExecutionStatus.STRANDED);
    PoolSwap last = chain.calls.get(0).get(chain.calls.get(0).size() - 1);
    assertThat(x.leftover())
        .containsExactly(
            new Holding(
                "ethereum",
                last.tokenOut().asset(),
                new BigDecimal(last.amountOut()).movePointLeft(last.tokenOut().decimals())));
    assertThat(x.reason()).contains("not swapped back on chain");
    assertThat(DeadLetterKind.of(x)).contains(DeadLetterKind.UNWIND_INCOMPLETE);
  }

  @Test
  void theRiskGateChecksAnInventoryCycleWithTheLimitsAndTheBookLegsBalancesOnly() {
    TradePlan plan = mixedPlan();
    java.time.Instant now = java.time.Instant.now();
    // the chain side holds nothing in the ledger: a pool leg spends the contract's balance, which
    // the swap's simulation checks
    PaperBalances books = funded(plan);
    assertThat(new RiskGate(RiskLimits.none()).checkInventory(plan, List.of(), now, now, books))
        .isEmpty();
    // the order path still refuses pools
    assertThat(new RiskGate(RiskLimits.none()).check(plan, List.of(), now, now, books))
        .hasValueSatisfying(r -> assertThat(r).startsWith("not traded: leg "));

    BigDecimal half = plan.startAmount().divide(BigDecimal.valueOf(2));
    RiskLimits small =
        new RiskLimits(
            Optional.of(half),
            Optional.empty(),
            ProfitThreshold.anyProfit(),
            Optional.empty(),
            Optional.empty(),
            1);
    assertThat(new RiskGate(small).checkInventory(plan, List.of(), now, now, books))
        .hasValue(
            "risk: spends "
                + plan.startAmount().toPlainString()
                + " "
                + plan.cycle().startAsset()
                + ", above max-trade-notional "
                + half.toPlainString());

    LegFill book = plan.fills().stream().filter(f -> !f.leg().isPool()).findFirst().orElseThrow();
    assertThat(
            new RiskGate(RiskLimits.none())
                .checkInventory(plan, List.of(), now, now, new PaperBalances(List.of())))
        .hasValueSatisfying(
            r ->
                assertThat(r)
                    .startsWith("balance: " + book.leg().exchange() + " has 0 ")
                    .contains("needs " + book.spent().toPlainString()));
  }

  @Test
  void anInterruptWhileTheLegsAreOutWaitsForThemAndIsRaisedAgainAfterwards() throws Exception {
    TradePlan plan = mixedPlan();
    PaperBalances ledger = funded(plan);
    PaperOrderExecutor cex = new PaperOrderExecutor(Books.of(SNAPSHOT.books()), ledger);
    FakeChain mined = new FakeChain(false);
    java.util.concurrent.CountDownLatch swapping = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    DexLegs slow =
        (swaps, minOut, send) -> {
          swapping.countDown();
          try {
            // the swap is on its way (waiting for its receipt) when the caller is interrupted
            release.await(30, java.util.concurrent.TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            throw new AssertionError("the leg itself must not be interrupted", e);
          }
          return mined.swap(swaps, minOut, send);
        };
    java.util.concurrent.atomic.AtomicReference<InventoryCycles.Outcome> outcome =
        new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicBoolean interruptedAfter =
        new java.util.concurrent.atomic.AtomicBoolean();
    Thread caller =
        new Thread(
            () -> {
              outcome.set(InventoryCycles.execute(plan, cex::books, cex, slow, true, "t", 10));
              interruptedAfter.set(Thread.currentThread().isInterrupted());
            });
    caller.start();
    assertThat(swapping.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    caller.interrupt();
    release.countDown();
    caller.join(30_000);

    assertThat(caller.isAlive()).isFalse();
    assertThat(outcome.get().result().status()).isEqualTo(ExecutionStatus.EXECUTED);
    assertThat(outcome.get().swaps()).allMatch(DexLegResult::done);
    assertThat(interruptedAfter).isTrue();
  }
}
