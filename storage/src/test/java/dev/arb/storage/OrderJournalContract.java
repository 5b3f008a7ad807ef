package dev.arb.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.engine.model.Side;
import dev.arb.engine.record.JournalEntry;
import dev.arb.engine.record.OrderState;
import dev.arb.error.StorageException;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The live order journal: exact amounts, state changes, and what a restart finds unresolved. */
abstract class OrderJournalContract {
  /** The store this run of the contract is against. */
  abstract FreshDatabase.Kind kind();

  @RegisterExtension final FreshDatabase fresh = new FreshDatabase(kind());

  private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
  private static final Instant T1 = Instant.parse("2026-11-24T08:00:01.250Z");

  private static JournalEntry intent(String id, Instant at) {
    return JournalEntry.intent(
        id,
        "c1",
        "kraken",
        "BTC",
        "USDT",
        Side.BUY,
        new BigDecimal("0.00906732"),
        new BigDecimal("110000"),
        at);
  }

  @Test
  void aRowWrittenBeforeSendingIsUpdatedWithTheExactFillAndSurvivesReopening() {
    SqliteOrderJournal j = new SqliteOrderJournal(fresh.database());
    JournalEntry e = intent("c1-1", T0);
    j.insert(e);
    assertThat(j.find("c1-1")).contains(e);
    JournalEntry sent = e.with(OrderState.SENT, "OLEG01-AAAAA-BBBBB1", null, T1);
    j.update(sent);
    JournalEntry filled =
        sent.filled(
            OrderState.FILLED,
            new BigDecimal("0.00906732"),
            new BigDecimal("999.99845"),
            new BigDecimal("0.00906732"),
            new BigDecimal("2.59325"),
            "USDT",
            T1);
    j.update(filled);

    JournalEntry read = new SqliteOrderJournal(fresh.reopen()).find("c1-1").orElseThrow();

    assertThat(read).isEqualTo(filled);
    assertThat(read.spent().toPlainString()).isEqualTo("999.99845");
    assertThat(read.venueOrderId()).contains("OLEG01-AAAAA-BBBBB1");
    assertThat(read.createdAt()).isEqualTo(T0);
    assertThat(read.updatedAt()).isEqualTo(T1);
  }

  @Test
  void unresolvedListsIntentSentAndUnknownRowsOldestFirst() {
    SqliteOrderJournal j = new SqliteOrderJournal(fresh.database());
    j.insert(intent("c1-3", T1));
    j.insert(intent("c1-1", T0));
    j.insert(intent("c1-2", T0));
    j.insert(intent("c1-4", T1));
    j.update(j.find("c1-2").orElseThrow().with(OrderState.UNKNOWN, null, "timed out", T1));
    j.update(j.find("c1-3").orElseThrow().with(OrderState.SENT, "O3", null, T1));
    j.update(j.find("c1-4").orElseThrow().with(OrderState.REJECTED, null, "EOrder:x", T1));

    assertThat(j.unresolved())
        .extracting(JournalEntry::clientOrderId, JournalEntry::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("c1-1", OrderState.INTENT),
            org.assertj.core.groups.Tuple.tuple("c1-2", OrderState.UNKNOWN),
            org.assertj.core.groups.Tuple.tuple("c1-3", OrderState.SENT));
    assertThat(j.find("c1-2").orElseThrow().error()).isEqualTo("timed out");
    assertThat(j.forExecution("c1")).hasSize(4);
    assertThat(j.forExecution("c2")).isEmpty();
  }

  @Test
  void aClientOrderIdIsWrittenOnceAndAnUnknownOneCannotBeUpdated() {
    SqliteOrderJournal j = new SqliteOrderJournal(fresh.database());
    j.insert(intent("c1-1", T0));

    assertThatThrownBy(() -> j.insert(intent("c1-1", T1))).isInstanceOf(StorageException.class);
    assertThatThrownBy(() -> j.update(intent("c9-1", T1)))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("c9-1");
    assertThat(j.find("c1-1").orElseThrow().createdAt()).isEqualTo(T0);
  }
}
