package dev.arb.daemon.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.chain.ChainView;
import dev.arb.engine.chain.DexAttempt;
import dev.arb.engine.chain.DexExecutor;
import dev.arb.engine.chain.PoolWatch;
import dev.arb.engine.model.ChainSnapshot;
import dev.arb.engine.model.ConstantProductPool;
import dev.arb.engine.model.Pool;
import dev.arb.engine.model.Token;
import dev.arb.engine.port.OpportunityRecorder;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.record.OpportunityStatus;
import dev.arb.engine.sizing.GasModel;
import dev.arb.engine.sizing.TradePlan;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The follower's decisions on a two-pool chain whose WETH is dearer on one pair than on the other:
 * each sized cycle goes to the executor once per pool state, never while its pools are in a pending
 * transaction, with the live/paper choice of the settings.
 */
class ChainFollowerTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Token WETH =
      Token.of("local", "0x00000000000000000000000000000000000000a1", "WETH", 18);
  private static final Token USDC =
      Token.of("local", "0x00000000000000000000000000000000000000b2", "USDC", 18);
  private static final String DEAR = "0x00000000000000000000000000000000000000d1";
  private static final String CHEAP = "0x00000000000000000000000000000000000000d2";

  private static BigInteger tokens(long n) {
    return BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(n));
  }

  private static ChainView view(long block, long cheapUsdc, List<String> changed) {
    List<Pool> pools =
        List.of(
            new ConstantProductPool(
                "local",
                DEAR,
                "dex-b",
                WETH,
                USDC,
                tokens(100),
                tokens(220_000),
                new BigDecimal("0.003")),
            new ConstantProductPool(
                "local",
                CHEAP,
                "dex-a",
                WETH,
                USDC,
                tokens(100),
                tokens(cheapUsdc),
                new BigDecimal("0.003")));
    ChainSnapshot s =
        new ChainSnapshot(
            "local",
            31337,
            OptionalLong.of(block),
            T0.plusSeconds(block),
            Optional.of(WETH.address()),
            List.of(WETH, USDC),
            pools);
    return new ChainView(
        s,
        block,
        block,
        T0.plusSeconds(block),
        1,
        changed,
        changed.size(),
        0,
        0,
        2,
        0,
        Optional.empty(),
        Optional.empty(),
        BigDecimal.ONE,
        List.of());
  }

  private static final class Watch implements PoolWatch {
    final Deque<ChainView> views = new ArrayDeque<>();

    @Override
    public String chain() {
      return "local";
    }

    @Override
    public ChainView advance() {
      return views.size() > 1 ? views.poll() : views.peek();
    }

    @Override
    public void close() {}
  }

  private static final class Executor implements DexExecutor {
    final List<TradePlan> plans = new ArrayList<>();
    final List<Boolean> sends = new ArrayList<>();
    DexAttempt.Outcome next = DexAttempt.Outcome.REJECTED;
    List<String> busy = List.of();
    List<DexAttempt> settled = List.of();

    @Override
    public DexAttempt attempt(TradePlan plan, ChainView view, Instant detectedAt, boolean send) {
      plans.add(plan);
      sends.add(send);
      List<String> pools = plan.swaps().stream().map(s -> s.pool().address()).toList();
      if (next == DexAttempt.Outcome.PENDING) {
        return new DexAttempt(
            next,
            Optional.empty(),
            pools,
            Optional.of("0x01"),
            Optional.empty(),
            Optional.empty(),
            BigInteger.ZERO);
      }
      return new DexAttempt(
          next,
          Optional.of(record(OpportunityStatus.REJECTED)),
          pools,
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          BigInteger.ZERO);
    }

    @Override
    public List<DexAttempt> settle(ChainView view) {
      List<DexAttempt> out = settled;
      settled = List.of();
      return out;
    }

    @Override
    public List<String> busyPools() {
      return busy;
    }
  }

  private static OpportunityRecord record(OpportunityStatus status) {
    return new OpportunityRecord(
        0,
        T0,
        status,
        "WETH",
        List.of("dex-a"),
        List.of("WETH"),
        "{}",
        "{}",
        BigDecimal.ONE,
        1.0,
        status == OpportunityStatus.EXECUTED ? BigDecimal.ONE : null,
        status == OpportunityStatus.EXECUTED ? null : "why");
  }

  private static final class Records implements OpportunityRecorder {
    final List<OpportunityRecord> kept = new ArrayList<>();

    @Override
    public void record(OpportunityRecord r) {
      kept.add(r);
    }

    @Override
    public void flush() {}

    @Override
    public long acceptedCount() {
      return kept.size();
    }

    @Override
    public long writtenCount() {
      return kept.size();
    }

    @Override
    public long spilledCount() {
      return 0;
    }

    @Override
    public Optional<String> failure() {
      return Optional.empty();
    }

    @Override
    public void watch(Watcher watcher) {}

    @Override
    public void close() {}
  }

  private static ChainFollower follower(Watch w, Executor e, Records r, boolean send) {
    return new ChainFollower(
        w,
        e,
        new ChainFollower.Settings(
            Duration.ofMillis(10),
            send,
            3,
            5,
            0,
            List.of("WETH"),
            Optional.empty(),
            GasModel.defaults()),
        r,
        Clock.fixed(T0.plusSeconds(100), ZoneOffset.UTC),
        a -> {});
  }

  @Test
  void aCycleRejectedOnTheSamePoolStatesIsNotDecidedOrRecordedAgain() {
    Watch w = new Watch();
    Executor e = new Executor();
    Records r = new Records();
    w.views.add(view(10, 200_000, List.of(DEAR, CHEAP)));
    w.views.add(view(11, 200_000, List.of(DEAR)));
    w.views.add(view(12, 190_000, List.of(CHEAP)));
    ChainFollower f = follower(w, e, r, false);

    f.step();
    f.step();
    assertThat(e.plans).hasSize(1);
    TradePlan first = e.plans.get(0);
    assertThat(first.swaps()).extracting(s -> s.pool().address()).containsExactly(DEAR, CHEAP);
    assertThat(e.sends).containsExactly(false);
    assertThat(r.kept).hasSize(1);

    f.step(); // the cheap pair moved: a new state, decided again
    assertThat(e.plans).hasSize(2);
    assertThat(e.plans.get(1).profit()).isGreaterThan(first.profit());
    assertThat(r.kept).hasSize(2);
    assertThat(f.attempts().get(DexAttempt.Outcome.REJECTED)).isEqualTo(2);
    assertThat(f.status(T0.plusSeconds(100)).mode()).isEqualTo("paper");
  }

  @Test
  void poolsOfAPendingTransactionAreNotUsedUntilItIsMined() {
    Watch w = new Watch();
    Executor e = new Executor();
    Records r = new Records();
    e.next = DexAttempt.Outcome.PENDING;
    w.views.add(view(10, 200_000, List.of(DEAR, CHEAP)));
    w.views.add(view(11, 199_000, List.of(CHEAP)));
    w.views.add(view(12, 198_000, List.of(CHEAP)));
    ChainFollower f = follower(w, e, r, true);

    f.step();
    assertThat(e.plans).hasSize(1);
    assertThat(e.sends).containsExactly(true);
    assertThat(f.status(T0).pending()).isEqualTo(1);

    e.busy = List.of(DEAR, CHEAP);
    f.step(); // still pending: its pools are not used
    assertThat(e.plans).hasSize(1);

    e.busy = List.of();
    e.settled =
        List.of(
            new DexAttempt(
                DexAttempt.Outcome.EXECUTED,
                Optional.of(record(OpportunityStatus.EXECUTED)),
                List.of(DEAR, CHEAP),
                Optional.of("0x01"),
                Optional.of(12L),
                Optional.of(BigInteger.valueOf(200_000)),
                BigInteger.valueOf(7_000_000)));
    f.step(); // mined: recorded, counted, its gas added, and the pools free again
    assertThat(r.kept)
        .extracting(OpportunityRecord::status)
        .containsExactly(OpportunityStatus.EXECUTED);
    assertThat(f.status(T0).pending()).isEqualTo(1); // the new attempt of this block
    assertThat(f.attempts().get(DexAttempt.Outcome.EXECUTED)).isEqualTo(1);
    assertThat(f.gasSpentWei()).isEqualTo(BigInteger.valueOf(7_000_000));
    assertThat(e.plans).hasSize(2);
    assertThat(f.status(T0).mode()).isEqualTo("live");
  }

  @Test
  void whileHeldItSettlesWhatWasSentButDecidesNothingAndScansAgainWhenReleased() {
    Watch w = new Watch();
    Executor e = new Executor();
    Records r = new Records();
    w.views.add(view(10, 200_000, List.of(DEAR, CHEAP)));
    w.views.add(view(11, 199_000, List.of(CHEAP)));
    w.views.add(view(12, 199_000, List.of()));
    java.util.concurrent.atomic.AtomicReference<Optional<String>> reason =
        new java.util.concurrent.atomic.AtomicReference<>(Optional.of("the kill switch is on"));
    ChainFollower f = follower(w, e, r, true).holdWhile(reason::get);
    e.settled =
        List.of(
            new DexAttempt(
                DexAttempt.Outcome.EXECUTED,
                Optional.of(record(OpportunityStatus.EXECUTED)),
                List.of(DEAR, CHEAP),
                Optional.of("0x01"),
                Optional.of(10L),
                Optional.of(BigInteger.valueOf(200_000)),
                BigInteger.valueOf(7_000_000)));

    f.step(); // held: a mispricing in view, nothing decided; what was sent before is settled
    f.step(); // still held, a pool moved: still nothing
    assertThat(e.plans).isEmpty();
    assertThat(r.kept)
        .extracting(OpportunityRecord::status)
        .containsExactly(OpportunityStatus.EXECUTED);
    assertThat(f.status(T0).block()).isEqualTo(11L);

    reason.set(Optional.empty());
    f.step(); // released at a block that changed no pool: scanned all the same
    assertThat(e.plans).hasSize(1);
    assertThat(e.sends).containsExactly(true);
  }
}
