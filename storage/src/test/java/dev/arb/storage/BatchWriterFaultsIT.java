package dev.arb.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.arb.config.StorageConfig;
import dev.arb.engine.port.OpportunityRecorder;
import dev.arb.engine.port.OpportunityRepository;
import dev.arb.engine.record.AssetTotal;
import dev.arb.engine.record.HistoryQuery;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.error.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The batch writer against a real database whose writes fail with SQLite's own {@code SQLITE_FULL}
 * (injected, so this runs everywhere): the failure is reported at once, every batch goes to the
 * spill, and once the database takes writes again the spill is replayed before anything newer;
 * across a restart too. And when the spill cannot be written either, the records wait in memory
 * (the queue bounds them) and none is lost.
 */
class BatchWriterFaultsIT {
  @RegisterExtension final FreshDatabase fresh = new FreshDatabase();

  private static final Duration AWAIT = Duration.ofSeconds(30);

  /** The real repository, failing as a full disk does while {@link #full} is set. */
  final class FullDisk implements OpportunityRepository, SpillJournal.Target {
    final SqliteOpportunityRepository real = new SqliteOpportunityRepository(fresh.database());
    volatile boolean full;

    private void check() {
      if (full) {
        throw StorageErrors.map(
            "write records to",
            fresh.file(),
            new SQLiteException(
                "[SQLITE_FULL] database or disk is full", SQLiteErrorCode.SQLITE_FULL));
      }
    }

    @Override
    public List<OpportunityRecord> saveAll(List<OpportunityRecord> records) {
      check();
      return real.saveAll(records);
    }

    @Override
    public boolean saveOnce(String batchId, List<OpportunityRecord> records, Instant at) {
      check();
      return real.saveOnce(batchId, records, at);
    }

    @Override
    public List<OpportunityRecord> find(HistoryQuery query) {
      return real.find(query);
    }

    @Override
    public List<AssetTotal> summarize(HistoryQuery query) {
      return real.summarize(query);
    }

    @Override
    public int failExecuting(String reason) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Instant> latestDetectedAt() {
      return real.latestDetectedAt();
    }

    @Override
    public long countPrunable(
        Instant before, java.util.Set<dev.arb.engine.record.OpportunityStatus> statuses) {
      return real.countPrunable(before, statuses);
    }

    @Override
    public long prune(
        Instant before,
        java.util.Set<dev.arb.engine.record.OpportunityStatus> statuses,
        int batchSize) {
      return real.prune(before, statuses, batchSize);
    }
  }

  /** What a watcher heard. */
  static final class Heard implements OpportunityRecorder.Watcher {
    final List<String> failed = new CopyOnWriteArrayList<>();
    final List<String> recovered = new CopyOnWriteArrayList<>();

    @Override
    public void failed(String reason) {
      failed.add(reason);
    }

    @Override
    public void recovered(String note) {
      recovered.add(note);
    }
  }

  private BatchOpportunityWriter writer;

  @AfterEach
  void closeWriter() {
    if (writer != null) {
      try {
        writer.close();
      } catch (StorageException e) {
        // the test's own assertions say what was expected
      }
    }
  }

  private BatchOpportunityWriter start(FullDisk disk, SpillJournal spill, int capacity) {
    writer =
        BatchOpportunityWriter.start(
            disk,
            fresh.file().toString(),
            new StorageConfig(10, Duration.ofMillis(5), capacity, Duration.ofSeconds(1)),
            spill);
    return writer;
  }

  private SpillJournal spill(FullDisk disk) {
    return new SpillJournal(fresh.file(), disk, Clock.systemUTC());
  }

  private List<String> reasonsInDatabase() {
    List<String> r =
        new ArrayList<>(
            new SqliteOpportunityRepository(fresh.database())
                .find(HistoryQuery.all(100_000)).stream().map(OpportunityRecord::reason).toList());
    Collections.reverse(r);
    return r;
  }

  private static List<String> seqs(int from, int to) {
    List<String> out = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      out.add("seq-" + i);
    }
    return out;
  }

  @Test
  void aFullDiskIsReportedAtOnceTheRecordsAreSpilledAndReplayedBeforeAnythingNewer()
      throws Exception {
    FullDisk disk = new FullDisk();
    SpillJournal spill = spill(disk);
    Heard heard = new Heard();
    BatchOpportunityWriter w = start(disk, spill, 50);
    w.watch(heard);
    w.record(Records.numbered(1));
    w.flush();
    assertThat(w.failure()).isEmpty();

    disk.full = true;
    for (int i = 2; i <= 301; i++) {
      w.record(Records.numbered(i)); // 300 records through a queue of 50: the spill takes them
    }
    w.flush();

    assertThat(heard.failed).isNotEmpty();
    assertThat(heard.failed.get(0))
        .contains("SQLITE_FULL")
        .contains("the disk is full")
        .contains("the records are kept in " + spill.file());
    assertThat(w.failure()).isPresent();
    assertThat(w.writtenCount()).isEqualTo(1);
    assertThat(w.spilledCount()).isEqualTo(300);
    assertThat(spill.records()).isEqualTo(300);
    assertThat(reasonsInDatabase()).containsExactly("seq-1");

    disk.full = false;
    for (int i = 302; i <= 310; i++) {
      w.record(Records.numbered(i));
    }
    await()
        .atMost(AWAIT)
        .until(() -> w.writtenCount() == 310 && !heard.recovered.isEmpty()); // watcher told too

    assertThat(w.failure()).isEmpty();
    assertThat(w.spilledCount()).isZero();
    assertThat(heard.recovered).hasSize(1);
    // the 300 spilled while the disk was full, plus those of 302..310 that arrived while the spill
    // still waited for its replay (they queue behind it, so order is kept)
    String recovered = heard.recovered.get(0);
    assertThat(recovered).contains(" records kept in " + spill.file());
    assertThat(Integer.parseInt(recovered.substring(0, recovered.indexOf(' '))))
        .isBetween(300, 309);
    assertThat(spill.file()).doesNotExist();
    assertThat(reasonsInDatabase()).isEqualTo(seqs(1, 310));
    w.close();
    System.out.printf(
        "injected SQLITE_FULL: 1 record written before, 300 spilled, 300 replayed, %d in the"
            + " database, %d failed writes reported%n",
        reasonsInDatabase().size(), heard.failed.size());
  }

  @Test
  void whatIsStillInTheSpillAtCloseIsSaidAndWrittenAtTheNextStart() throws Exception {
    FullDisk disk = new FullDisk();
    disk.full = true;
    BatchOpportunityWriter w = start(disk, spill(disk), 50);
    for (int i = 1; i <= 25; i++) {
      w.record(Records.numbered(i));
    }

    assertThatThrownBy(w::close)
        .isInstanceOf(StorageException.class)
        .hasMessageStartingWith(
            "25 records are kept in " + fresh.dir().resolve("arb.db.spill.jsonl"))
        .hasMessageContaining("written to it at the next start")
        .hasMessageNotContaining("lost");
    writer = null;
    assertThat(reasonsInDatabase()).isEmpty();

    // the next start: the process holding the data directory opens the store
    try (DataDirLock lock = DataDirLock.acquire(fresh.dir())) {
      dev.arb.config.ArbConfig cfg = TestConfigs.withDataDir(fresh.dir());
      fresh.reopen().close();
      try (SqliteRecordStore store = SqliteRecordStore.open(cfg, lock)) {
        assertThat(store.notes())
            .containsExactly(
                "25 records from "
                    + fresh.dir().resolve("arb.db.spill.jsonl")
                    + " (kept there while the database could not be written) are in the"
                    + " database now");
      }
    }
    assertThat(reasonsInDatabase()).isEqualTo(seqs(1, 25));
    assertThat(Files.exists(fresh.dir().resolve("arb.db.spill.jsonl"))).isFalse();
  }

  @Test
  void whenTheSpillCannotBeWrittenEitherRecordsWaitInMemoryAndNoneIsLost() throws Exception {
    FullDisk disk = new FullDisk();
    // the spill's directory is gone (as on a full or read-only file system: it cannot be written)
    Path elsewhere = fresh.dir().resolve("gone/arb.db");
    SpillJournal spill = new SpillJournal(elsewhere, disk, Clock.systemUTC());
    Heard heard = new Heard();
    disk.full = true;
    BatchOpportunityWriter w = start(disk, spill, 20);
    w.watch(heard);
    Thread producer =
        new Thread(
            () -> {
              for (int i = 1; i <= 100; i++) {
                w.record(Records.numbered(i));
              }
            });
    producer.start();
    // the writer holds a batch of 10, the queue 20 more; the producer waits for room
    await()
        .atMost(AWAIT)
        .until(
            () ->
                producer.getState() == Thread.State.WAITING
                    && w.acceptedCount() == 30
                    && w.failure().isPresent()); // the writer's first failed write is reported
    assertThat(w.failure().orElseThrow())
        .contains("the disk is full")
        .contains("cannot be kept in " + spill.file() + " either")
        .contains("wait in memory");
    assertThat(w.writtenCount()).isZero();
    assertThat(w.spilledCount()).isZero();

    disk.full = false;
    producer.join(AWAIT.toMillis());
    w.flush();

    assertThat(reasonsInDatabase()).isEqualTo(seqs(1, 100));
    assertThat(w.failure()).isEmpty();
    assertThat(heard.recovered).isNotEmpty();
    w.close();
  }
}
