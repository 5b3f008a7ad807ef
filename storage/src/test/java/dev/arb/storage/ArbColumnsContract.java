package dev.arb.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Side;
import dev.arb.engine.port.ExecutionRepository;
import dev.arb.engine.record.DeadLetter;
import dev.arb.engine.record.DeadLetterStatus;
import dev.arb.engine.record.HistoryQuery;
import dev.arb.engine.record.Holding;
import dev.arb.engine.record.JournalEntry;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.record.OpportunityStatus;
import dev.arb.engine.record.OrderState;
import dev.arb.engine.record.RelayRecord;
import dev.arb.error.StorageException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rows as earlier versions of arb wrote them (plain SQL: epoch milliseconds, decimal strings, SQL
 * NULL for what is absent) are read back through the registered column mappers into the same
 * values; values written through the mappers are stored in that same form.
 */
abstract class ArbColumnsContract {
  /** The store this run of the contract is against. */
  abstract FreshDatabase.Kind kind();

  @RegisterExtension final FreshDatabase fresh = new FreshDatabase(kind());

  private static final long T0 = Instant.parse("2026-11-24T10:00:00.125Z").toEpochMilli();

  private void sql(String statement) {
    fresh.database().jdbi().useHandle(h -> h.execute(statement));
  }

  private String text(String query) {
    return fresh.database().jdbi().withHandle(h -> h.createQuery(query).mapTo(String.class).one());
  }

  @Test
  void readsAnOpportunityRowWrittenAsPlainText() {
    sql(
        "INSERT INTO arbitrage_record (id, detected_at, status, start_asset, exchanges, assets,"
            + " path, solution, estimated_profit, return_bp, realized_profit, reason) VALUES (7, "
            + T0
            + ", 'executed', 'USD', '[\"kraken\",\"bitstamp\"]', '[\"USD\",\"BTC\"]',"
            + " '{\"nodes\":[]}', '{}', '0.000000012345678901234567890', 12.5, '-3.10', NULL)");

    OpportunityRecord r =
        new SqliteOpportunityRepository(fresh.database()).find(HistoryQuery.all(10)).get(0);

    assertThat(r.id()).isEqualTo(7);
    assertThat(r.detectedAt()).isEqualTo(Instant.ofEpochMilli(T0));
    assertThat(r.status()).isEqualTo(OpportunityStatus.EXECUTED);
    assertThat(r.exchanges()).containsExactly("kraken", "bitstamp");
    assertThat(r.assets()).containsExactly("USD", "BTC");
    assertThat(r.pathJson()).isEqualTo("{\"nodes\":[]}");
    assertThat(r.solutionJson()).isEqualTo("{}");
    assertThat(r.estimatedProfit().toPlainString()).isEqualTo("0.00000001234567890123456789");
    assertThat(r.realizedProfit()).isEqualByComparingTo("-3.1");
    assertThat(r.returnBp()).isEqualTo(12.5);
    assertThat(r.reason()).isNull();
  }

  @Test
  void writesAmountsAsPlainDecimalStringsAndTimesAsEpochMillis() {
    OpportunityRecord r =
        new OpportunityRecord(
            0,
            Instant.ofEpochMilli(T0),
            OpportunityStatus.SIZED,
            "USD",
            List.of("kraken"),
            List.of("USD", "BTC"),
            "{}",
            "{}",
            new BigDecimal("1E-12"),
            1.0,
            new BigDecimal("2.5E+3"),
            null);
    new SqliteOpportunityRepository(fresh.database()).saveAll(List.of(r));

    assertThat(text("SELECT estimated_profit FROM arbitrage_record")).isEqualTo("0.000000000001");
    assertThat(text("SELECT realized_profit FROM arbitrage_record")).isEqualTo("2500");
    assertThat(text("SELECT " + fresh.typeOf("estimated_profit") + " FROM arbitrage_record"))
        .isEqualTo("text");
    assertThat(text("SELECT detected_at FROM arbitrage_record")).isEqualTo(Long.toString(T0));
    assertThat(text("SELECT status FROM arbitrage_record")).isEqualTo("sized");
  }

  @Test
  void readsAJournalRowWithoutVenueIdOrError() {
    sql(
        "INSERT INTO live_orders (client_order_id, execution_ref, exchange, base, quote, side,"
            + " amount, limit_price, state, venue_order_id, filled_base, spent, received, fee,"
            + " fee_asset, error, created_at, updated_at) VALUES ('c1-1', 'c1', 'kraken', 'BTC',"
            + " 'USDT', 'sell', '0.00906732', '110000', 'unknown', NULL, '0', '0', '0', '0', '',"
            + " NULL, "
            + T0
            + ", "
            + (T0 + 1)
            + ")");

    JournalEntry e = new SqliteOrderJournal(fresh.database()).find("c1-1").orElseThrow();

    assertThat(e.side()).isEqualTo(Side.SELL);
    assertThat(e.state()).isEqualTo(OrderState.UNKNOWN);
    assertThat(e.venueOrderId()).isEmpty();
    assertThat(e.error()).isEmpty();
    assertThat(e.amount().toPlainString()).isEqualTo("0.00906732");
    assertThat(e.updatedAt()).isEqualTo(Instant.ofEpochMilli(T0 + 1));
  }

  @Test
  void aJournalEntryWithoutErrorIsStoredAsNull() {
    SqliteOrderJournal j = new SqliteOrderJournal(fresh.database());
    j.insert(
        JournalEntry.intent(
            "c2-1",
            "c2",
            "kraken",
            "ETH",
            "USD",
            Side.BUY,
            new BigDecimal("0.5"),
            new BigDecimal("3000.10"),
            Instant.ofEpochMilli(T0)));

    assertThat(text("SELECT coalesce(error, 'null') FROM live_orders")).isEqualTo("null");
    assertThat(text("SELECT side || ' ' || state || ' ' || limit_price FROM live_orders"))
        .isEqualTo("buy intent 3000.1");
  }

  @Test
  void readsADeadLetterWithAndWithoutResolution() {
    sql(
        "INSERT INTO dead_letters (id, created_at, execution_id, detected_at, kind, error,"
            + " context, status, resolved_at, resolution) VALUES (1, "
            + T0
            + ", 4, "
            + T0
            + ", 'cycle_failed', 'e', '{}', 'open', NULL, NULL), (2, "
            + T0
            + ", 5, "
            + T0
            + ", 'cycle_failed', 'e', '{}', 'dropped', "
            + (T0 + 5)
            + ", 'sold by hand')");
    SqliteDeadLetterRepository q = new SqliteDeadLetterRepository(fresh.database());

    DeadLetter open = q.find(1).orElseThrow();
    DeadLetter dropped = q.find(2).orElseThrow();

    assertThat(open.status()).isEqualTo(DeadLetterStatus.OPEN);
    assertThat(open.resolvedAt()).isEmpty();
    assertThat(open.resolution()).isEmpty();
    assertThat(open.executionId()).isEqualTo(4);
    assertThat(dropped.status()).isEqualTo(DeadLetterStatus.DROPPED);
    assertThat(dropped.resolvedAt()).contains(Instant.ofEpochMilli(T0 + 5));
    assertThat(dropped.resolution()).contains("sold by hand");
  }

  @Test
  void readsARelayRowWithAbsentAmounts() {
    sql(
        "INSERT INTO relay_requests (id, received_at, utc_day, signer, target, selector, nonce,"
            + " deadline, gas_limit, digest, signature, outcome, reason_code, reason, tx_hash,"
            + " gas_used, wei_reserved, wei_paid) VALUES (3, "
            + T0
            + ", '2026-11-24', '0xaa', '0xbb', '0xd09de08a', '123456789012345678901234567890',"
            + " 1764000000, '100000', '0xcc', '0xdd', 'rejected', 'NONCE', 'nonce used', NULL,"
            + " NULL, NULL, NULL)");

    RelayRecord r = new SqliteRelayRecordStore(fresh.database()).recent(5, null).get(0);

    assertThat(r.id()).isEqualTo(3L);
    assertThat(r.nonce()).isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat(r.outcome()).isEqualTo(RelayRecord.Outcome.REJECTED);
    assertThat(r.gasUsed()).isNull();
    assertThat(r.weiPaid()).isNull();
    assertThat(r.txHash()).isNull();
    assertThat(r.deadline()).isEqualTo(1_764_000_000L);
  }

  @Test
  void readsTheLedgerAndExecutionSummariesExactly() {
    sql(
        "INSERT INTO paper_balance (exchange, asset, amount, updated_at) VALUES"
            + " ('kraken', 'USD', '1000.000000000000000001', 1), ('kraken', 'BTC', '0', 1)");
    sql(
        "INSERT INTO executions (executed_at, detected_at, mode, status, start_asset, exchanges,"
            + " start_spent, start_returned, expected_profit, realized_profit, difference, legs,"
            + " unwind, leftover, reason) VALUES ("
            + T0
            + ", "
            + T0
            + ", 'paper', 'executed', 'USD', '[]', '100', '100.5', '0.6', '0.5', '-0.1', '[]',"
            + " '[]', '[]', NULL)");
    SqliteExecutionRepository x = new SqliteExecutionRepository(fresh.database());

    assertThat(x.paperBalances())
        .containsExactly(
            new Holding("kraken", Asset.of("USD"), new BigDecimal("1000.000000000000000001")));
    assertThat(x.since(Instant.ofEpochMilli(T0)))
        .containsExactly(
            new ExecutionRepository.Summary(
                Instant.ofEpochMilli(T0),
                Asset.of("USD"),
                new BigDecimal("100"),
                new BigDecimal("0.5")));
  }

  @Test
  void aStatusThisArbDoesNotKnowIsAClearError() {
    sql(
        "INSERT INTO arbitrage_record (id, detected_at, status, start_asset, exchanges, assets,"
            + " path, solution, estimated_profit, return_bp) VALUES (1, "
            + T0
            + ", 'teleported', 'USD', '[]', '[]', '{}', '{}', '1', 1.0)");

    assertThatThrownBy(
            () -> new SqliteOpportunityRepository(fresh.database()).find(HistoryQuery.all(10)))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("the database holds a record status 'teleported'")
        .hasMessageContaining("upgrade arb");
  }
}
