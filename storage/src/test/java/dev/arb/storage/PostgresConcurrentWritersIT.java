package dev.arb.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.config.StorageConfig;
import dev.arb.engine.execution.RiskLimits;
import dev.arb.engine.port.OpportunityRecorder;
import dev.arb.engine.record.HistoryQuery;
import dev.arb.engine.record.OpportunityRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two daemons (two record stores, each with its own connection pool and batch writer, as two
 * processes would have) writing one PostgreSQL database at once: every record lands exactly once,
 * under its writer's instance, with ids unique and each record's child rows complete.
 */
class PostgresConcurrentWritersIT {
  @RegisterExtension final FreshDatabase fresh = new FreshDatabase(FreshDatabase.Kind.POSTGRES);

  private static final int PER_WRITER = 3000;

  @Test
  @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void twoWritersAtOnceLoseAndDoubleNothing() throws Exception {
    StorageConfig cfg = new StorageConfig(100, Duration.ofMillis(20), 1000, Duration.ofSeconds(5));
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (String name : List.of("tokyo", "virginia")) {
      SqliteRecordStore store = SqliteRecordStore.over(fresh.open(name), cfg, (RiskLimits) null);
      Thread t =
          new Thread(
              () -> {
                try (store) {
                  OpportunityRecorder rec = store.recorder();
                  go.await();
                  for (int i = 1; i <= PER_WRITER; i++) {
                    OpportunityRecord r = Records.numbered(i);
                    rec.record(
                        new OpportunityRecord(
                            0,
                            r.detectedAt(),
                            r.status(),
                            r.startAsset(),
                            r.exchanges(),
                            r.assets(),
                            r.pathJson(),
                            r.solutionJson(),
                            r.estimatedProfit(),
                            r.returnBp(),
                            r.realizedProfit(),
                            name + "-" + i));
                  }
                } catch (Throwable e) {
                  failures.add(e);
                }
              },
              "writer-" + name);
      t.start();
      threads.add(t);
    }
    go.countDown();
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(240));
      assertThat(t.isAlive()).as(t.getName() + " finished").isFalse();
    }
    assertThat(failures).isEmpty();

    SqliteOpportunityRepository repo = new SqliteOpportunityRepository(fresh.database());
    List<OpportunityRecord> all = repo.find(HistoryQuery.all(10 * PER_WRITER));
    assertThat(all).hasSize(2 * PER_WRITER);
    Set<String> reasons = new HashSet<>();
    Set<Long> ids = new HashSet<>();
    for (OpportunityRecord r : all) {
      reasons.add(r.reason());
      ids.add(r.id());
      assertThat(r.reason()).startsWith(r.instance() + "-");
    }
    assertThat(reasons).hasSize(2 * PER_WRITER);
    assertThat(ids).hasSize(2 * PER_WRITER);
    for (String name : List.of("tokyo", "virginia")) {
      assertThat(repo.find(HistoryQuery.all(10 * PER_WRITER).withInstance(name)))
          .hasSize(PER_WRITER)
          .allSatisfy(r -> assertThat(r.instance()).isEqualTo(name));
    }
    long exchangeRows =
        fresh
            .database()
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT count(*) FROM arbitrage_record_exchange")
                        .mapTo(Long.class)
                        .one());
    assertThat(exchangeRows).isEqualTo(2L * 2 * PER_WRITER);
  }
}
