package dev.arb.storage;

import static dev.arb.engine.record.OpportunityStatus.DETECTED;
import static dev.arb.engine.record.OpportunityStatus.EXECUTED;
import static dev.arb.engine.record.OpportunityStatus.FAILED;
import static dev.arb.engine.record.OpportunityStatus.REJECTED;
import static dev.arb.engine.record.OpportunityStatus.SIZED;
import static dev.arb.storage.Records.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.engine.record.AssetTotal;
import dev.arb.engine.record.HistoryQuery;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.record.OpportunityStatus;
import dev.arb.error.StorageException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

abstract class OpportunityRepositoryContract {
  /** The store this run of the contract is against. */
  abstract FreshDatabase.Kind kind();

  @RegisterExtension final FreshDatabase fresh = new FreshDatabase(kind());

  private SqliteOpportunityRepository repo;

  @BeforeEach
  void setUp() {
    repo = new SqliteOpportunityRepository(fresh.database());
  }

  private static HistoryQuery query(
      Instant since,
      Instant until,
      Set<OpportunityStatus> statuses,
      String exchange,
      String asset,
      Double minBp,
      int limit) {
    return new HistoryQuery(
        Optional.ofNullable(since),
        Optional.ofNullable(until),
        statuses,
        Optional.ofNullable(exchange),
        Optional.ofNullable(asset),
        minBp == null ? OptionalDouble.empty() : OptionalDouble.of(minBp),
        limit);
  }

  private static List<Long> ids(List<OpportunityRecord> records) {
    return records.stream().map(OpportunityRecord::id).toList();
  }

  @Test
  void roundTripKeepsEveryFieldExactly() {
    OpportunityRecord tiny =
        new OpportunityRecord(
            0,
            Instant.parse("2026-11-24T10:00:00.123456Z"),
            SIZED,
            "USD",
            List.of("Kraken", "bitstamp"),
            List.of("USD", "BTC", "ETH"),
            "{\"nodes\":[\"USD\",\"BTC\",\"ETH\"],\"legs\":[{\"from\":\"USD\",\"to\":\"BTC\"}]}",
            "{\"amounts\":[\"100\",\"0.0015\"]}",
            new BigDecimal("0.000000012345678901234567890"),
            0.123456789012345,
            null,
            null);
    OpportunityRecord executed =
        new OpportunityRecord(
            0,
            T0,
            EXECUTED,
            "BTC",
            List.of("binance"),
            List.of("BTC", "USDT"),
            "{}",
            "{}",
            new BigDecimal("123456789012345678901234567890.5"),
            -3.25,
            new BigDecimal("-0.00000001"),
            "partial fill on leg 2, \"quoted\", and a comma");

    List<OpportunityRecord> saved = repo.saveAll(List.of(tiny, executed));

    assertThat(ids(saved)).containsExactly(1L, 2L);
    assertThat(saved.get(0)).isEqualTo(tiny.withId(1).withInstance(FreshDatabase.INSTANCE));
    List<OpportunityRecord> found = repo.find(HistoryQuery.all(10));
    assertThat(found)
        .containsExactly(
            tiny.withId(1).withInstance(FreshDatabase.INSTANCE),
            executed.withId(2).withInstance(FreshDatabase.INSTANCE));
    assertThat(found.get(0).estimatedProfit().toPlainString())
        .isEqualTo("0.00000001234567890123456789");
    assertThat(found.get(0).detectedAt()).isEqualTo(Instant.parse("2026-11-24T10:00:00.123Z"));
    assertThat(found.get(0).realizedProfit()).isNull();
    assertThat(found.get(0).exchanges()).containsExactly("Kraken", "bitstamp");
    assertThat(found.get(1).realizedProfit()).isEqualByComparingTo("-0.00000001");
  }

  @Test
  void amountsAreStoredAsDecimalText() {
    repo.saveAll(List.of(Records.sample(0)));
    List<String> types =
        fresh
            .database()
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT "
                                + fresh.typeOf("estimated_profit")
                                + " || ',' || estimated_profit"
                                + " FROM arbitrage_record")
                        .mapTo(String.class)
                        .list());
    assertThat(types).containsExactly("text,1.5");
  }

  @Test
  void idsContinueAcrossBatchesAndEmptyBatchIsANoOp() {
    repo.saveAll(List.of(Records.sample(1), Records.sample(2)));
    assertThat(repo.saveAll(List.of())).isEmpty();
    assertThat(ids(repo.saveAll(List.of(Records.sample(3))))).containsExactly(3L);
  }

  @Test
  void idsAreNeverGivenAgainAfterTheNewestOrAllRecordsArePruned() {
    repo.saveAll(List.of(Records.sample(1), Records.sample(2), Records.sample(3)));
    Instant afterAll = T0.plusSeconds(3600);
    assertThat(repo.prune(afterAll, Set.of(), 100)).isEqualTo(3);
    assertThat(repo.find(HistoryQuery.all(10))).isEmpty();
    assertThat(ids(repo.saveAll(List.of(Records.sample(4), Records.sample(5)))))
        .containsExactly(4L, 5L);
    // the newest records pruned again: their ids are not given again either
    assertThat(repo.prune(T0.plusSeconds(6), Set.of(), 100)).isEqualTo(2);
    assertThat(ids(repo.saveAll(List.of(Records.sample(6))))).containsExactly(6L);
    // a batch replayed from the spill file takes its ids from the same sequence
    assertThat(repo.saveOnce("batch-1", List.of(Records.sample(7)), afterAll)).isTrue();
    assertThat(ids(repo.find(HistoryQuery.all(10)))).containsExactly(7L, 6L);
    // and a new process (a restart) continues after them
    SqliteOpportunityRepository reopened = new SqliteOpportunityRepository(fresh.reopen());
    assertThat(reopened.prune(afterAll, Set.of(), 100)).isEqualTo(2);
    assertThat(ids(reopened.saveAll(List.of(Records.sample(8))))).containsExactly(8L);
  }

  @Test
  void aDatabaseFromBeforeTheSequenceKeepsItsIdsAndNeverGivesThemAgain() {
    repo.saveAll(List.of(Records.sample(1), Records.sample(2), Records.sample(3)));
    // make it the database an arb before migration 8 left: no sequence, schema version 7
    fresh
        .database()
        .jdbi()
        .useHandle(
            h -> {
              h.execute("DROP TABLE id_sequence");
              h.execute("DELETE FROM schema_version WHERE version = 8");
            });
    SqliteOpportunityRepository upgraded = new SqliteOpportunityRepository(fresh.reopen());
    assertThat(fresh.database().schemaVersion()).isEqualTo(8);
    assertThat(ids(upgraded.find(HistoryQuery.all(10)))).containsExactly(3L, 2L, 1L);
    assertThat(upgraded.prune(T0.plusSeconds(3600), Set.of(), 100)).isEqualTo(3);
    assertThat(ids(upgraded.saveAll(List.of(Records.sample(4))))).containsExactly(4L);
  }

  @Test
  void exchangesDifferingOnlyInCaseDoNotBreakTheBatch() {
    OpportunityRecord r =
        Records.record(
            T0, SIZED, "usd", List.of("Kraken", "kraken"), List.of("USD", "btc"), "1", 1);
    repo.saveAll(List.of(r));
    assertThat(ids(repo.find(query(null, null, Set.of(), "KRAKEN", "Usd", null, 10))))
        .containsExactly(1L);
  }

  /** The data set for filter tests; ids are 1..8 in this order. */
  private void saveFilterFixture() {
    repo.saveAll(
        List.of(
            // 1
            Records.record(
                T0, SIZED, "USD", List.of("kraken", "bitstamp"), List.of("USD", "BTC"), "1.5", 15),
            // 2
            Records.record(
                T0.plusSeconds(60),
                REJECTED,
                "USD",
                List.of("kraken"),
                List.of("USD", "ETH", "BTC"),
                "0.1",
                1),
            // 3
            Records.record(
                T0.plusSeconds(120),
                DETECTED,
                "BTC",
                List.of("Binance"),
                List.of("BTC", "ETH"),
                "0.0001",
                30),
            // 4
            Records.record(
                T0.plusSeconds(180),
                EXECUTED,
                "USD",
                List.of("coinbase", "kraken"),
                List.of("USD", "SOL"),
                "2.25",
                22.5),
            // 5
            Records.record(
                T0.plusSeconds(240),
                FAILED,
                "EUR",
                List.of("bitstamp"),
                List.of("EUR", "BTC"),
                "0.2",
                5),
            // 6: same instant as 5, so ordering falls back to id
            Records.record(
                T0.plusSeconds(240),
                SIZED,
                "USD",
                List.of("binance"),
                List.of("USD", "USDT"),
                "0.3",
                -2),
            // 7
            Records.record(
                T0.plusSeconds(3600),
                SIZED,
                "BTC",
                List.of("kraken"),
                List.of("BTC", "USD"),
                "0.00005",
                10),
            // 8
            Records.record(
                T0.plusSeconds(7200),
                REJECTED,
                "USD",
                List.of("coinbase"),
                List.of("USD", "ETH"),
                "0.05",
                0.5)));
  }

  @Test
  void noFilterReturnsAllNewestFirstThenHighestId() {
    saveFilterFixture();
    assertThat(ids(repo.find(HistoryQuery.all(50))))
        .containsExactly(8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L);
  }

  @Test
  void sinceIsInclusiveAndUntilExclusive() {
    saveFilterFixture();
    assertThat(ids(repo.find(query(T0.plusSeconds(120), null, Set.of(), null, null, null, 50))))
        .containsExactly(8L, 7L, 6L, 5L, 4L, 3L);
    assertThat(ids(repo.find(query(null, T0.plusSeconds(240), Set.of(), null, null, null, 50))))
        .containsExactly(4L, 3L, 2L, 1L);
    assertThat(
            ids(
                repo.find(
                    query(
                        T0.plusSeconds(60), T0.plusSeconds(3600), Set.of(), null, null, null, 50))))
        .containsExactly(6L, 5L, 4L, 3L, 2L);
  }

  @Test
  void statusFilterTakesAnyOfTheGivenStatuses() {
    saveFilterFixture();
    assertThat(ids(repo.find(query(null, null, Set.of(SIZED), null, null, null, 50))))
        .containsExactly(7L, 6L, 1L);
    assertThat(ids(repo.find(query(null, null, Set.of(REJECTED, FAILED), null, null, null, 50))))
        .containsExactly(8L, 5L, 2L);
  }

  @Test
  void exchangeFilterIsCaseInsensitiveAndMatchesAnyLeg() {
    saveFilterFixture();
    assertThat(ids(repo.find(query(null, null, Set.of(), "KRAKEN", null, null, 50))))
        .containsExactly(7L, 4L, 2L, 1L);
    assertThat(ids(repo.find(query(null, null, Set.of(), "binance", null, null, 50))))
        .containsExactly(6L, 3L);
    assertThat(repo.find(query(null, null, Set.of(), "kucoin", null, null, 50))).isEmpty();
  }

  @Test
  void assetFilterMatchesAnyAssetOnThePathIncludingTheStart() {
    saveFilterFixture();
    assertThat(ids(repo.find(query(null, null, Set.of(), null, "eth", null, 50))))
        .containsExactly(8L, 3L, 2L);
    assertThat(ids(repo.find(query(null, null, Set.of(), null, "EUR", null, 50))))
        .containsExactly(5L);
    // USDT must not match USD
    assertThat(ids(repo.find(query(null, null, Set.of(), null, "usdt", null, 50))))
        .containsExactly(6L);
  }

  @Test
  void minProfitBpIsInclusive() {
    saveFilterFixture();
    assertThat(ids(repo.find(query(null, null, Set.of(), null, null, 15.0, 50))))
        .containsExactly(4L, 3L, 1L);
    assertThat(ids(repo.find(query(null, null, Set.of(), null, null, -1.0, 50))))
        .containsExactly(8L, 7L, 5L, 4L, 3L, 2L, 1L);
  }

  @Test
  void filtersCombineWithAnd() {
    saveFilterFixture();
    assertThat(
            ids(
                repo.find(
                    query(
                        T0.plusSeconds(60),
                        null,
                        Set.of(SIZED, EXECUTED, REJECTED),
                        "kraken",
                        "usd",
                        2.0,
                        50))))
        .containsExactly(7L, 4L);
  }

  @Test
  void limitKeepsTheNewest() {
    saveFilterFixture();
    assertThat(ids(repo.find(HistoryQuery.all(3)))).containsExactly(8L, 7L, 6L);
  }

  @Test
  void summaryTotalsAreExactPerStartAssetAndIgnoreTheLimit() {
    saveFilterFixture();
    assertThat(repo.summarize(HistoryQuery.all(1)))
        .containsExactly(
            new AssetTotal("BTC", 2, new BigDecimal("0.00015")),
            new AssetTotal("EUR", 1, new BigDecimal("0.2")),
            new AssetTotal("USD", 5, new BigDecimal("4.2")));
    assertThat(repo.summarize(query(null, null, Set.of(), "kraken", null, null, 1)))
        .containsExactly(
            new AssetTotal("BTC", 1, new BigDecimal("0.00005")),
            new AssetTotal("USD", 3, new BigDecimal("3.85")));
  }

  @Test
  void summaryOfManySmallAmountsHasNoFloatingPointError() {
    List<OpportunityRecord> tenths =
        java.util.stream.LongStream.range(0, 10)
            .mapToObj(
                i ->
                    Records.record(
                        T0.plusSeconds(i), SIZED, "USD", List.of("k"), List.of("USD"), "0.1", 1))
            .toList();
    repo.saveAll(tenths);
    AssetTotal total = repo.summarize(HistoryQuery.all(1)).get(0);
    assertThat(total.count()).isEqualTo(10);
    assertThat(total.estimatedProfit().toPlainString()).isEqualTo("1");
  }

  @Test
  void emptyStoreFindsAndSummarisesNothing() {
    assertThat(repo.find(HistoryQuery.all(10))).isEmpty();
    assertThat(repo.summarize(HistoryQuery.all(10))).isEmpty();
  }

  @Test
  void failExecutingMarksOnlyInFlightRecordsFailedWithTheReason() {
    repo.saveAll(
        List.of(
            Records.record(T0, SIZED, "USD", List.of("kraken"), List.of("USD", "BTC"), "1", 3),
            Records.record(
                T0.plusSeconds(1),
                OpportunityStatus.EXECUTING,
                "USD",
                List.of("kraken"),
                List.of("USD", "BTC"),
                "2",
                4),
            Records.record(
                T0.plusSeconds(2),
                OpportunityStatus.EXECUTING,
                "BTC",
                List.of("bitstamp"),
                List.of("BTC", "ETH"),
                "0.1",
                5),
            Records.record(
                T0.plusSeconds(3), EXECUTED, "USD", List.of("kraken"), List.of("USD"), "3", 6)));

    SqliteOpportunityRepository holder = new SqliteOpportunityRepository(fresh.database(), true);
    assertThat(holder.failExecuting("interrupted by restart")).isEqualTo(2);

    List<OpportunityRecord> all = repo.find(HistoryQuery.all(10));
    assertThat(all)
        .extracting(r -> r.status().code() + "/" + r.reason())
        .containsExactly(
            "executed/null",
            "failed/interrupted by restart",
            "failed/interrupted by restart",
            "sized/null");
    assertThat(holder.failExecuting("again")).isZero();
  }

  @Test
  void onlyTheHolderOfTheDataDirectoryMayMarkInFlightRecordsFailed() {
    repo.saveAll(
        List.of(
            Records.record(
                T0,
                OpportunityStatus.EXECUTING,
                "USD",
                List.of("kraken"),
                List.of("USD"),
                "2",
                4)));

    assertThatThrownBy(() -> repo.failExecuting("interrupted by restart"))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("only the process holding the data directory")
        .hasMessageContaining("arb.lock");
    assertThat(repo.find(HistoryQuery.all(10)))
        .extracting(OpportunityRecord::status)
        .containsExactly(OpportunityStatus.EXECUTING);
  }

  @Test
  void pruneDeletesRecordsOlderThanTheCutInBatchesAndCountsThem() {
    saveFilterFixture();
    // 1..5 are before T0+240s (1 sized, 2 rejected, 3 detected, 4 executed, 5 failed)
    Instant cut = T0.plusSeconds(240);
    assertThat(repo.countPrunable(cut, Set.of())).isEqualTo(4);
    assertThat(repo.countPrunable(cut, Set.of(REJECTED, FAILED))).isEqualTo(1);
    assertThat(repo.prune(cut, Set.of(REJECTED, FAILED), 1)).isEqualTo(1);
    assertThat(ids(repo.find(HistoryQuery.all(50)))).containsExactly(8L, 7L, 6L, 5L, 4L, 3L, 1L);
    // a batch of 2, then one of 1; nothing at or after the cut is touched
    assertThat(repo.prune(cut, Set.of(), 2)).isEqualTo(3);
    assertThat(ids(repo.find(HistoryQuery.all(50)))).containsExactly(8L, 7L, 6L, 5L);
    assertThat(repo.countPrunable(cut, Set.of())).isZero();
    assertThat(repo.prune(cut, Set.of(), 2)).isZero();
    // what belonged to the deleted records went with them: the filters see only what is left
    assertThat(ids(repo.find(query(null, null, Set.of(), "kraken", null, null, 50))))
        .containsExactly(7L);
    assertThat(repo.summarize(HistoryQuery.all(1)).stream().mapToLong(AssetTotal::count).sum())
        .isEqualTo(4);
  }

  @Test
  void pruneNeverDeletesRecordsStillExecuting() {
    repo.saveAll(
        List.of(
            Records.record(
                T0, OpportunityStatus.EXECUTING, "USD", List.of("kraken"), List.of("USD"), "1", 1),
            Records.record(T0, SIZED, "USD", List.of("kraken"), List.of("USD"), "1", 1)));
    Instant later = T0.plusSeconds(3600);
    assertThat(repo.countPrunable(later, Set.of())).isEqualTo(1);
    assertThat(repo.prune(later, Set.of(OpportunityStatus.EXECUTING, SIZED), 100)).isEqualTo(1);
    assertThat(repo.find(HistoryQuery.all(10)))
        .extracting(OpportunityRecord::status)
        .containsExactly(OpportunityStatus.EXECUTING);
  }

  @Test
  void latestDetectedAtIsTheNewestRecordOrEmpty() {
    assertThat(repo.latestDetectedAt()).isEmpty();
    repo.saveAll(List.of(Records.sample(5), Records.sample(2)));
    assertThat(repo.latestDetectedAt()).contains(T0.plusSeconds(5));
  }
}
