package dev.arb.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.arb.config.StorageConfig;
import dev.arb.engine.port.OpportunityRepository;
import dev.arb.engine.record.AssetTotal;
import dev.arb.engine.record.HistoryQuery;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.error.StorageException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchOpportunityWriterTest {

  private static final Duration LONG = Duration.ofHours(1);
  private static final Duration AWAIT = Duration.ofSeconds(10);

  /** Keeps saved batches in memory; can be made to fail or to block. */
  static final class FakeRepository implements OpportunityRepository {
    private final List<List<OpportunityRecord>> batches = new ArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();
    volatile CountDownLatch gate = new CountDownLatch(0);

    @Override
    public List<OpportunityRecord> saveAll(List<OpportunityRecord> records) {
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new StorageException("could not write to fake.db: disk on fire");
      }
      synchronized (this) {
        batches.add(List.copyOf(records));
      }
      return records;
    }

    synchronized List<Integer> batchSizes() {
      return batches.stream().map(List::size).toList();
    }

    synchronized List<String> reasons() {
      return batches.stream().flatMap(List::stream).map(OpportunityRecord::reason).toList();
    }

    @Override
    public List<OpportunityRecord> find(HistoryQuery query) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<AssetTotal> summarize(HistoryQuery query) {
      throw new UnsupportedOperationException();
    }

    @Override
    public int failExecuting(String reason) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Instant> latestDetectedAt() {
      throw new UnsupportedOperationException();
    }

    @Override
    public long countPrunable(
        Instant before, java.util.Set<dev.arb.engine.record.OpportunityStatus> statuses) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long prune(
        Instant before,
        java.util.Set<dev.arb.engine.record.OpportunityStatus> statuses,
        int batchSize) {
      throw new UnsupportedOperationException();
    }
  }

  private final FakeRepository repo = new FakeRepository();
  private BatchOpportunityWriter writer;

  private BatchOpportunityWriter start(int batchSize, Duration interval, int capacity) {
    writer =
        BatchOpportunityWriter.start(
            repo,
            "fake.db",
            new StorageConfig(batchSize, interval, capacity, Duration.ofSeconds(1)));
    return writer;
  }

  @AfterEach
  void tearDown() {
    repo.gate.countDown();
    repo.failuresLeft.set(0);
    if (writer != null) {
      writer.close();
    }
  }

  private static List<String> seqs(int from, int to) {
    List<String> out = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      out.add("seq-" + i);
    }
    return out;
  }

  @Test
  void writesAFullBatchWithoutWaitingForTheInterval() {
    BatchOpportunityWriter w = start(5, LONG, 100);
    for (int i = 1; i <= 12; i++) {
      w.record(Records.numbered(i));
    }
    await().atMost(AWAIT).until(() -> repo.batchSizes().size() == 2);
    // the interval is an hour, so the last two can only go out on flush
    assertThat(repo.batchSizes()).containsExactly(5, 5);
    assertThat(w.writtenCount()).isEqualTo(10);
    w.flush();
    assertThat(repo.batchSizes()).containsExactly(5, 5, 2);
    assertThat(repo.reasons()).isEqualTo(seqs(1, 12));
  }

  @Test
  void writesAPartialBatchOnceTheIntervalHasPassed() {
    BatchOpportunityWriter w = start(1000, Duration.ofMillis(50), 100);
    for (int i = 1; i <= 3; i++) {
      w.record(Records.numbered(i));
    }
    await().atMost(AWAIT).until(() -> w.writtenCount() == 3);
    assertThat(repo.batchSizes()).containsExactly(3);
  }

  @Test
  void flushReturnsOnlyOnceEverythingAcceptedIsWritten() {
    BatchOpportunityWriter w = start(7, LONG, 1000);
    for (int i = 1; i <= 50; i++) {
      w.record(Records.numbered(i));
    }
    w.flush();
    assertThat(repo.reasons()).isEqualTo(seqs(1, 50));
    assertThat(w.acceptedCount()).isEqualTo(50);
    assertThat(w.writtenCount()).isEqualTo(50);
  }

  @Test
  void closeWritesEverythingAcceptedFromManyProducersThroughASmallQueue() throws Exception {
    BatchOpportunityWriter w = start(7, Duration.ofMillis(20), 16);
    int producers = 4;
    int each = 2500;
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      int base = p * each;
      Thread t =
          new Thread(
              () -> {
                for (int i = 1; i <= each; i++) {
                  w.record(Records.numbered(base + i));
                }
              });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    w.close();
    List<String> reasons = repo.reasons();
    assertThat(reasons).hasSize(producers * each).doesNotHaveDuplicates();
    // each producer's records are written in the order it recorded them
    for (int p = 0; p < producers; p++) {
      int base = p * each;
      List<String> mine =
          reasons.stream()
              .filter(
                  r -> {
                    int n = Integer.parseInt(r.substring(4));
                    return n > base && n <= base + each;
                  })
              .toList();
      assertThat(mine).isEqualTo(seqs(base + 1, base + each));
    }
    assertThat(repo.batchSizes()).allMatch(n -> n >= 1 && n <= 7);
  }

  @Test
  void fullQueueMakesProducersWait() throws Exception {
    repo.gate = new CountDownLatch(1);
    // batches are written only when full (the interval is an hour): the writer holds exactly 2
    BatchOpportunityWriter w = start(2, LONG, 4);
    Thread producer =
        new Thread(
            () -> {
              for (int i = 1; i <= 10; i++) {
                w.record(Records.numbered(i));
              }
            });
    producer.start();
    // the writer holds one batch of 2 (blocked in the store), the queue holds 4 more
    await()
        .atMost(AWAIT)
        .until(() -> producer.getState() == Thread.State.WAITING && w.acceptedCount() == 6);
    assertThat(producer.isAlive()).isTrue();
    assertThat(w.writtenCount()).isZero();
    repo.gate.countDown();
    producer.join();
    w.flush();
    assertThat(repo.reasons()).isEqualTo(seqs(1, 10));
  }

  @Test
  void failedWriteIsKeptRetriedAndReportedByFlush() {
    repo.failuresLeft.set(2);
    BatchOpportunityWriter w = start(10, LONG, 100);
    for (int i = 1; i <= 5; i++) {
      w.record(Records.numbered(i));
    }
    assertThatThrownBy(w::flush)
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("flush of fake.db failed; 5 records are kept and retried")
        .hasMessageContaining("disk on fire");
    await().atMost(AWAIT).until(() -> w.writtenCount() == 5);
    assertThat(repo.reasons()).isEqualTo(seqs(1, 5));
    assertThat(repo.failuresLeft.get()).isZero();
  }

  @Test
  void closeOnAStoreThatKeepsFailingSaysHowManyRecordsAreLost() {
    repo.failuresLeft.set(Integer.MAX_VALUE);
    BatchOpportunityWriter w = start(2, LONG, 100);
    for (int i = 1; i <= 3; i++) {
      w.record(Records.numbered(i));
    }
    assertThatThrownBy(w::close)
        .isInstanceOf(StorageException.class)
        .hasMessageStartingWith("3 records could not be written to fake.db and are lost")
        .hasMessageContaining("disk on fire");
    assertThat(repo.reasons()).isEmpty();
    writer = null;
  }

  @Test
  void recordAfterCloseIsRefusedAndCloseIsIdempotent() {
    BatchOpportunityWriter w = start(10, LONG, 100);
    w.record(Records.numbered(1));
    w.close();
    w.close();
    assertThat(repo.reasons()).containsExactly("seq-1");
    assertThatThrownBy(() -> w.record(Records.numbered(2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the record writer for fake.db is closed");
    assertThat(w.acceptedCount()).isEqualTo(1);
  }

  @Test
  void rejectsNonsenseSettings() {
    assertThatThrownBy(() -> start(0, LONG, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> start(1, Duration.ZERO, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> start(1, LONG, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
