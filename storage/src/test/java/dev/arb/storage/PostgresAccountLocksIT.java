package dev.arb.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.config.StorageConfig;
import dev.arb.engine.execution.RiskLimits;
import dev.arb.engine.port.AccountLocks;
import dev.arb.engine.port.OrderJournal;
import dev.arb.engine.record.JournalEntry;
import dev.arb.engine.record.OrderState;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Trading ownership on a real PostgreSQL server: one daemon per account at a time, the lock freed
 * when its holder is SIGKILLed, and the new owner sees (and must resolve) exactly the orders the
 * dead one left in flight on that account before it trades.
 */
class PostgresAccountLocksIT {
  @RegisterExtension final FreshDatabase fresh = new FreshDatabase(FreshDatabase.Kind.POSTGRES);

  private static final StorageConfig STORAGE =
      new StorageConfig(10, Duration.ofMillis(10), 100, Duration.ofSeconds(5));

  private SqliteRecordStore store(String instance) {
    return SqliteRecordStore.over(fresh.open(instance), STORAGE, (RiskLimits) null);
  }

  @Test
  void anAccountHasOneOwnerAtATimeAndOtherAccountsAreIndependent() {
    try (SqliteRecordStore a = store("daemon-a");
        SqliteRecordStore b = store("daemon-b")) {
      AccountLocks la = a.accountLocks();
      AccountLocks lb = b.accountLocks();
      assertThat(la.tryAcquire("kraken")).isTrue();
      assertThat(la.tryAcquire("kraken")).isTrue(); // held already
      assertThat(lb.tryAcquire("kraken")).isFalse();
      assertThat(lb.holds("kraken")).isFalse();
      assertThat(lb.tryAcquire("bitstamp")).isTrue();
      assertThat(la.tryAcquire("bitstamp")).isFalse();

      la.release("kraken");
      assertThat(la.holds("kraken")).isFalse();
      assertThat(lb.tryAcquire("kraken")).isTrue();
      assertThat(la.tryAcquire("kraken")).isFalse();
    }
  }

  @Test
  void closingTheStoreLetsItsAccountsGo() {
    // at once: a restarted daemon asks right after the old one closed (a closed connection's
    // locks alone are freed only once the server has noticed); many times, as that is a race
    for (int round = 0; round < 20; round++) {
      SqliteRecordStore a = store("daemon-a");
      assertThat(a.accountLocks().tryAcquire("kraken")).isTrue();
      assertThat(a.accountLocks().tryAcquire("bitstamp")).isTrue();
      try (SqliteRecordStore b = store("daemon-b")) {
        assertThat(b.accountLocks().tryAcquire("kraken")).isFalse();
        a.close();
        assertThat(b.accountLocks().tryAcquire("kraken")).as("round %d", round).isTrue();
        assertThat(b.accountLocks().tryAcquire("bitstamp")).as("round %d", round).isTrue();
      }
    }
  }

  @Test
  @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aKilledHoldersAccountIsTakenOverAndItsOrdersInFlightResolvedFirst() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path stderr = fresh.dir().resolve("child-stderr.txt");
    Process child =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                SigkillDurabilityIT.testClassPath(),
                LockHoldingChild.class.getName(),
                fresh.url())
            .redirectError(stderr.toFile())
            .start();
    try (SqliteRecordStore b = store("daemon-b")) {
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line = out.readLine();
        assertThat(line).as("child stderr: %s", Files.readString(stderr)).isEqualTo("holding");
      }
      AccountLocks locks = b.accountLocks();
      OrderJournal mine = b.orderJournalOfHeldAccounts();

      // the live holder's order in flight is not ours to touch
      assertThat(locks.tryAcquire("kraken")).isFalse();
      assertThat(b.orderJournal().unresolved())
          .extracting(JournalEntry::clientOrderId)
          .containsExactly("a-1");
      assertThat(mine.unresolved()).isEmpty();

      child.destroyForcibly(); // SIGKILL: no shutdown hook, no unlock; the server frees it
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).isEqualTo(137);

      boolean taken = false;
      for (int i = 0; i < 300 && !taken; i++) { // the server notices the lost session quickly
        taken = locks.tryAcquire("kraken");
        if (!taken) {
          Thread.sleep(100);
        }
      }
      assertThat(taken).isTrue();

      // before trading: reconcile what the dead holder left in flight on this account
      List<JournalEntry> inFlight = mine.unresolved();
      assertThat(inFlight).extracting(JournalEntry::clientOrderId).containsExactly("a-1");
      assertThat(inFlight.get(0).state()).isEqualTo(OrderState.SENT);
      assertThat(inFlight.get(0).venueOrderId()).contains("OQ1-KRAKEN");
      Instant at = Instant.parse("2026-11-24T08:00:09Z");
      mine.update(
          inFlight
              .get(0)
              .filled(
                  OrderState.FILLED,
                  new BigDecimal("0.01"),
                  new BigDecimal("900"),
                  new BigDecimal("0.01"),
                  new BigDecimal("2.34"),
                  "USD",
                  at));
      assertThat(mine.unresolved()).isEmpty();
      assertThat(locks.holds("kraken")).isTrue();
    } finally {
      child.destroyForcibly();
    }
  }
}
