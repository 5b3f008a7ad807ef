package dev.arb.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.engine.record.RelayRecord;
import dev.arb.engine.record.RelayRecord.Outcome;
import dev.arb.engine.record.RelaySpending;
import dev.arb.error.StorageException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

abstract class RelayRecordStoreContract {
  /** The store this run of the contract is against. */
  abstract FreshDatabase.Kind kind();

  @RegisterExtension final FreshDatabase fresh = new FreshDatabase(kind());

  private static final String ALICE = "0x1111111111111111111111111111111111111111";
  private static final String BOB = "0x2222222222222222222222222222222222222222";
  private static final String TARGET = "0x3333333333333333333333333333333333333333";
  private static final Instant NOON = Instant.parse("2026-11-24T12:00:00Z");

  /** More than a long can hold: wei must stay exact. */
  private static final BigInteger HUGE = new BigInteger("123456789012345678901234567890");

  private static RelayRecord received(String signer, Instant at, int nonce) {
    return new RelayRecord(
        null,
        at,
        signer,
        TARGET,
        "0xD09DE08A",
        BigInteger.valueOf(nonce),
        1_764_000_000L,
        BigInteger.valueOf(100_000),
        "0x" + "ab".repeat(32),
        "0x" + "cd".repeat(65),
        Outcome.ACCEPTED,
        null,
        null,
        null,
        null,
        BigInteger.valueOf(5_000),
        null);
  }

  @Test
  void storesARequestAndItsSettlementExactly() {
    SqliteRelayRecordStore store = new SqliteRelayRecordStore(fresh.database());
    RelayRecord stored = store.insert(received(ALICE, NOON, 0));
    assertThat(stored.id()).isNotNull();

    store.update(stored.settled(Outcome.MINED, null, null, "0xABCD", BigInteger.TEN, HUGE));

    List<RelayRecord> back = new SqliteRelayRecordStore(fresh.reopen()).recent(10, null);
    assertThat(back).hasSize(1);
    RelayRecord r = back.get(0);
    assertThat(r.outcome()).isEqualTo(Outcome.MINED);
    assertThat(r.weiPaid()).isEqualTo(HUGE);
    assertThat(r.weiReserved()).isEqualTo(BigInteger.valueOf(5_000));
    assertThat(r.gasUsed()).isEqualTo(BigInteger.TEN);
    assertThat(r.txHash()).isEqualTo("0xabcd");
    assertThat(r.selector()).isEqualTo("0xd09de08a");
    assertThat(r.signature()).isEqualTo("0x" + "cd".repeat(65));
    assertThat(r.receivedAt()).isEqualTo(NOON);
    assertThat(r.deadline()).isEqualTo(1_764_000_000L);
  }

  @Test
  void spendingOfADayCountsPaidAndInFlightRequestsButNotRefusedOnesNorOtherDays() {
    SqliteRelayRecordStore store = new SqliteRelayRecordStore(fresh.database());
    RelayRecord a0 = store.insert(received(ALICE, NOON, 0));
    store.update(a0.settled(Outcome.MINED, null, null, "0x01", BigInteger.ONE, HUGE));
    RelayRecord a1 = store.insert(received(ALICE, NOON.plusSeconds(60), 1));
    store.update(
        a1.settled(
            Outcome.REVERTED, "REVERTED", "out of gas", "0x02", BigInteger.ONE, BigInteger.TWO));
    // sent, fate unknown (the process died): counts at its reservation
    store.insert(received(BOB, NOON, 0));
    RelayRecord refused = store.insert(received(BOB, NOON.plusSeconds(1), 7));
    store.update(refused.settled(Outcome.REJECTED, "NONCE", "already used", null, null, null));
    // yesterday, one second before midnight UTC
    store.insert(received(ALICE, Instant.parse("2026-11-23T23:59:59Z"), 9));

    RelaySpending today = store.spending(LocalDate.parse("2026-11-24"));

    assertThat(today.bySigner().get(ALICE))
        .isEqualTo(new RelaySpending.Signer(2, HUGE.add(BigInteger.TWO)));
    assertThat(today.bySigner().get(BOB))
        .isEqualTo(new RelaySpending.Signer(1, BigInteger.valueOf(5_000)));
    assertThat(today.totalWei()).isEqualTo(HUGE.add(BigInteger.valueOf(5_002)));
    assertThat(store.spending(LocalDate.parse("2026-11-23")).totalWei())
        .isEqualTo(BigInteger.valueOf(5_000));
    assertThat(store.spending(LocalDate.parse("2026-11-25"))).isEqualTo(RelaySpending.NONE);
    assertThat(store.recent(10, BOB))
        .extracting(RelayRecord::outcome)
        .containsExactly(Outcome.REJECTED, Outcome.ACCEPTED);
    assertThat(store.recent(2, null)).hasSize(2);
  }

  @Test
  void updatingARecordThatIsNotStoredFails() {
    SqliteRelayRecordStore store = new SqliteRelayRecordStore(fresh.database());
    RelayRecord ghost = received(ALICE, NOON, 0).withId(42);

    assertThatThrownBy(() -> store.update(ghost))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("relay request 42 is not in");
  }
}
