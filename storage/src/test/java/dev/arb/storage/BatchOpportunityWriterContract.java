package dev.arb.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.config.StorageConfig;
import dev.arb.engine.record.HistoryQuery;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

abstract class BatchOpportunityWriterContract {
  /** The store this run of the contract is against. */
  abstract FreshDatabase.Kind kind();

  @RegisterExtension final FreshDatabase fresh = new FreshDatabase(kind());

  @Test
  void tenThousandRecordsThroughASmallQueueAreAllInTheDatabaseAfterClose() {
    SqliteOpportunityRepository repo = new SqliteOpportunityRepository(fresh.database());
    BatchOpportunityWriter writer =
        BatchOpportunityWriter.start(
            repo,
            fresh.database().location(),
            new StorageConfig(64, Duration.ofMillis(20), 32, Duration.ofSeconds(5)));
    for (int i = 1; i <= 10_000; i++) {
      writer.record(Records.numbered(i));
    }
    writer.close();

    Database db = fresh.reopen();
    long inOrder =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT count(*) FROM arbitrage_record WHERE reason = 'seq-' || id")
                        .mapTo(Long.class)
                        .one());
    assertThat(inOrder).isEqualTo(10_000);
    assertThat(new SqliteOpportunityRepository(db).summarize(HistoryQuery.all(1)))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.count()).isEqualTo(10_000);
              assertThat(t.estimatedProfit().toPlainString()).isEqualTo("100");
            });
  }

  @Test
  void flushMakesRecordsVisibleToAnotherConnection() {
    SqliteOpportunityRepository repo = new SqliteOpportunityRepository(fresh.database());
    try (BatchOpportunityWriter writer =
        BatchOpportunityWriter.start(
            repo,
            fresh.database().location(),
            new StorageConfig(1000, Duration.ofHours(1), 100, Duration.ofSeconds(5)))) {
      for (int i = 1; i <= 5; i++) {
        writer.record(Records.numbered(i));
      }
      writer.flush();
      try (Database other = fresh.open()) {
        assertThat(new SqliteOpportunityRepository(other).find(HistoryQuery.all(10)))
            .extracting(r -> r.reason())
            .containsExactly("seq-5", "seq-4", "seq-3", "seq-2", "seq-1");
      }
    }
  }
}
