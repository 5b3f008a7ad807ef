package dev.arb.storage;

import dev.arb.config.StorageConfig;
import dev.arb.engine.execution.RiskLimits;
import dev.arb.engine.model.Side;
import dev.arb.engine.port.AccountLocks;
import dev.arb.engine.record.JournalEntry;
import dev.arb.engine.record.OrderState;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * Child process for {@link PostgresAccountLocksIT}, standing in for a daemon trading {@code
 * kraken}: on the PostgreSQL database given as the only argument it takes the account's lock,
 * journals an order and marks it sent (as the live executor does before the exchange answers),
 * prints {@code holding}, and then waits, order in flight, until it is killed.
 */
public final class LockHoldingChild {
  private LockHoldingChild() {}

  public static void main(String[] args) throws InterruptedException {
    PostgresDatabase db = FreshDatabase.openPostgres(args[0], "daemon-a");
    SqliteRecordStore store =
        SqliteRecordStore.over(
            db,
            new StorageConfig(10, Duration.ofMillis(10), 100, Duration.ofSeconds(5)),
            (RiskLimits) null);
    AccountLocks locks = store.accountLocks();
    if (!locks.tryAcquire("kraken")) {
      System.out.println("refused");
      System.exit(3);
    }
    Instant t = Instant.parse("2026-11-24T08:00:00Z");
    JournalEntry e =
        JournalEntry.intent(
            "a-1",
            "exec-a",
            "kraken",
            "BTC",
            "USD",
            Side.BUY,
            new BigDecimal("0.01"),
            new BigDecimal("90000"),
            t);
    store.orderJournal().insert(e);
    store.orderJournal().update(e.with(OrderState.SENT, "OQ1-KRAKEN", null, t.plusMillis(5)));
    System.out.println("holding");
    System.out.flush();
    for (int i = 0; i < 600; i++) {
      Thread.sleep(1000); // bounded: the test kills it long before
    }
  }
}
