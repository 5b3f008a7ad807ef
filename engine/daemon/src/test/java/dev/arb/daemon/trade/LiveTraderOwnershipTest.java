package dev.arb.daemon.trade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.execution.LegMode;
import dev.arb.engine.execution.RiskGate;
import dev.arb.engine.execution.RiskLimits;
import dev.arb.engine.port.AccountBalances;
import dev.arb.engine.port.AccountLocks;
import dev.arb.engine.port.DeadLetterRepository;
import dev.arb.engine.port.ExecutionRepository;
import dev.arb.engine.port.OpportunityRecorder;
import dev.arb.engine.port.OpportunityRepository;
import dev.arb.engine.port.OrderExecutor;
import dev.arb.engine.port.OrderJournal;
import dev.arb.engine.port.RecordStore;
import dev.arb.engine.port.RelayRecordStore;
import dev.arb.engine.port.TradingVenues;
import dev.arb.engine.record.Reconciliation;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A live trader trades only the accounts whose locks it holds: while another instance holds one it
 * stays blocked without touching the journal; once the lock frees it takes it and reconciles before
 * anything else; a lock lost later blocks it again.
 */
class LiveTraderOwnershipTest {

  /** Locks another instance may hold ({@code elsewhere}); this process's are in {@code mine}. */
  private static final class Locks implements AccountLocks {
    final Set<String> elsewhere = new HashSet<>();
    final Set<String> mine = new HashSet<>();

    @Override
    public boolean tryAcquire(String account) {
      if (elsewhere.contains(account)) {
        return false;
      }
      mine.add(account);
      return true;
    }

    @Override
    public boolean holds(String account) {
      return mine.contains(account);
    }

    @Override
    public void release(String account) {
      mine.remove(account);
    }

    @Override
    public void close() {
      mine.clear();
    }
  }

  /** Venues counting reconciliations; what they touch is not used by these tests. */
  private static final class Venues implements TradingVenues {
    int reconciled;

    @Override
    public OrderExecutor orders() {
      throw new UnsupportedOperationException("no order is sent in these tests");
    }

    @Override
    public List<String> cancelOpen() {
      return List.of();
    }

    @Override
    public Reconciliation reconcile() {
      reconciled++;
      return new Reconciliation(List.of(), List.of(), List.of());
    }

    @Override
    public List<AccountBalances> balances() {
      return List.of();
    }
  }

  private static RecordStore store(AccountLocks locks) {
    return new RecordStore() {
      @Override
      public String location() {
        return "test";
      }

      @Override
      public List<String> notes() {
        return List.of();
      }

      @Override
      public OpportunityRecorder recorder() {
        return null;
      }

      @Override
      public OpportunityRepository opportunities() {
        return null;
      }

      @Override
      public ExecutionRepository executions() {
        return null;
      }

      @Override
      public DeadLetterRepository deadLetters() {
        return null;
      }

      @Override
      public OrderJournal orderJournal() {
        return null;
      }

      @Override
      public RelayRecordStore relays() {
        return null;
      }

      @Override
      public AccountLocks accountLocks() {
        return locks;
      }

      @Override
      public void close() {}
    };
  }

  private static LiveTrader trader(Locks locks, Venues venues) {
    return new LiveTrader(
        venues,
        store(locks),
        new RiskGate(RiskLimits.none()),
        Clock.systemUTC(),
        LegMode.SEQUENTIAL,
        List.of("kraken", "bitstamp"));
  }

  @Test
  void anAccountHeldElsewhereBlocksTradingWithoutReconcilingUntilItFrees() {
    Locks locks = new Locks();
    locks.elsewhere.add("kraken");
    Venues venues = new Venues();
    LiveTrader t = trader(locks, venues);

    assertThat(t.reconcile()).isFalse();
    assertThat(venues.reconciled).isZero();
    assertThat(t.blocked())
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .contains("another arb instance trades kraken")
                    .doesNotContain("bitstamp"));

    locks.elsewhere.clear(); // the holder died; the server freed its lock
    assertThat(t.reconcile()).isTrue();
    assertThat(venues.reconciled).isEqualTo(1);
    assertThat(locks.mine).containsExactlyInAnyOrder("kraken", "bitstamp");
    assertThat(t.blocked()).isEmpty();
  }

  @Test
  void withoutAccountsEveryTraderReconcilesAtOnce() {
    Venues venues = new Venues();
    LiveTrader t =
        new LiveTrader(
            venues,
            store(new Locks()),
            new RiskGate(RiskLimits.none()),
            Clock.systemUTC(),
            LegMode.SEQUENTIAL);
    assertThat(t.reconcile()).isTrue();
    assertThat(venues.reconciled).isEqualTo(1);
  }
}
