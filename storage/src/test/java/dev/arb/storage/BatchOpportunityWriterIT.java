package dev.arb.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.config.StorageConfig;
import dev.arb.engine.record.HistoryQuery;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BatchOpportunityWriterIT {

  @RegisterExtension final FreshDatabase fresh = new FreshDatabase();

  @Test
  void tenThousandRecordsThroughASmallQueueAreAllInTheDatabaseAfterClose() {
    SqliteOpportunityRepository repo = new SqliteOpportunityRepository(fresh.database());
    BatchOpportunityWriter writer =
        BatchOpportunityWriter.start(
            repo,
            fresh.file().toString(),
            new StorageConfig(64, Duration.ofMillis(20), 32, Duration.ofSeconds(5)));
    for (int i = 1; i <= 10_000; i++) {
      writer.record(Records.numbered(i));
    }
    writer.close();

    SqliteDatabase db = fresh.reopen();
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
            fresh.file().toString(),
            new StorageConfig(1000, Duration.ofHours(1), 100, Duration.ofSeconds(5)))) {
      for (int i = 1; i <= 5; i++) {
        writer.record(Records.numbered(i));
      }
      writer.flush();
      try (SqliteDatabase other = SqliteDatabase.open(fresh.file(), Duration.ofSeconds(5))) {
        assertThat(new SqliteOpportunityRepository(other).find(HistoryQuery.all(10)))
            .extracting(r -> r.reason())
            .containsExactly("seq-5", "seq-4", "seq-3", "seq-2", "seq-1");
      }
    }
  }
}
