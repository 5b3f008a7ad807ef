package dev.arb.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.config.StorageConfig;
import dev.arb.engine.execution.RiskLimits;
import dev.arb.engine.port.OpportunityRecorder;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A measurement, not a timing test: records per second through the batch writer into SQLite and
 * into PostgreSQL on this machine (the same records, the default batch settings), printed for
 * docs/benchmarks.md. It asserts only that every record arrived; never a time.
 */
class RecordThroughputIT {
  @RegisterExtension final FreshDatabase sqlite = new FreshDatabase(FreshDatabase.Kind.SQLITE);
  @RegisterExtension final FreshDatabase postgres = new FreshDatabase(FreshDatabase.Kind.POSTGRES);

  private static final int WARMUP = 5_000;
  private static final int RECORDS = 50_000;

  @Test
  @Timeout(value = 600, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void measuresRecordsPerSecondThroughTheBatchWriterIntoEachStore() {
    for (int batch : new int[] {100, 1000}) {
      measure("SQLite", sqlite, batch);
      measure("PostgreSQL", postgres, batch);
    }
  }

  private void measure(String name, FreshDatabase fresh, int batch) {
    StorageConfig cfg =
        new StorageConfig(batch, Duration.ofMillis(200), 10_000, Duration.ofSeconds(5));
    Database db = fresh.open("bench-" + batch);
    long start;
    long end;
    try (SqliteRecordStore store = SqliteRecordStore.over(db, cfg, (RiskLimits) null)) {
      OpportunityRecorder rec = store.recorder();
      for (int i = 1; i <= WARMUP; i++) {
        rec.record(Records.numbered(i));
      }
      start = System.nanoTime();
      for (int i = 1; i <= RECORDS; i++) {
        rec.record(Records.numbered(WARMUP + i));
      }
      store.close(); // flushes everything accepted
      end = System.nanoTime();
    }
    Database check = fresh.open();
    long stored =
        check
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT count(*) FROM arbitrage_record WHERE instance = :i")
                        .bind("i", "bench-" + batch)
                        .mapTo(Long.class)
                        .one());
    assertThat(stored).isEqualTo(WARMUP + RECORDS);
    double seconds = (end - start) / 1e9;
    System.out.printf(
        "record throughput: %-10s batch-size %4d: %,d records in %.2f s = %,.0f records/s%n",
        name, batch, RECORDS, seconds, RECORDS / seconds);
  }
}
