package dev.arb.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.engine.record.HistoryQuery;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.error.StorageException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The spill file: what is appended is durable line by line and private; a replay writes it into the
 * database in order, each batch exactly once even when a replay is cut short and run again, then
 * removes the file; a torn last line is left out, a damaged one stops the replay loudly.
 */
class SpillJournalIT {
  @RegisterExtension final FreshDatabase fresh = new FreshDatabase();

  private SqliteOpportunityRepository repo() {
    return new SqliteOpportunityRepository(fresh.database());
  }

  private SpillJournal spill(SpillJournal.Target target) {
    return new SpillJournal(fresh.file(), target, Clock.systemUTC());
  }

  private static List<OpportunityRecord> numbered(int from, int to) {
    List<OpportunityRecord> out = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      out.add(Records.numbered(i));
    }
    return out;
  }

  private List<String> reasonsInDatabase() {
    List<String> r =
        new ArrayList<>(
            repo().find(HistoryQuery.all(100_000)).stream()
                .map(OpportunityRecord::reason)
                .toList());
    java.util.Collections.reverse(r); // find is newest first
    return r;
  }

  private static List<String> seqs(int from, int to) {
    return numbered(from, to).stream().map(OpportunityRecord::reason).toList();
  }

  @Test
  void appendedBatchesAreLinesOfAPrivateFileAndReplayOnceInOrder() throws Exception {
    SqliteOpportunityRepository repo = repo();
    SpillJournal s = spill(repo::saveOnce);
    s.append(numbered(1, 3));
    s.append(numbered(4, 10));

    assertThat(s.file()).isEqualTo(fresh.dir().resolve("arb.db.spill.jsonl"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(s.file())))
        .isEqualTo("rw-------");
    assertThat(Files.readAllLines(s.file())).hasSize(2);
    assertThat(s.records()).isEqualTo(10);
    assertThat(new SpillJournal(fresh.file(), repo::saveOnce, Clock.systemUTC()).records())
        .as("counted again from the file, as a new process would")
        .isEqualTo(10);

    assertThat(s.replay()).isEqualTo(10);

    assertThat(s.file()).doesNotExist();
    assertThat(s.records()).isZero();
    assertThat(reasonsInDatabase()).isEqualTo(seqs(1, 10));
    OpportunityRecord first = repo.find(HistoryQuery.all(100)).get(9);
    assertThat(first)
        .isEqualTo(Records.numbered(1).withId(first.id()).withInstance(FreshDatabase.INSTANCE));
  }

  @Test
  void aReplayCutShortAndRunAgainWritesEveryBatchExactlyOnce() throws Exception {
    SqliteOpportunityRepository repo = repo();
    AtomicInteger calls = new AtomicInteger();
    SpillJournal.Target crashesOnTheThird =
        (id, records, at) -> {
          if (calls.incrementAndGet() == 3) {
            throw new StorageException("the process died here");
          }
          return repo.saveOnce(id, records, at);
        };
    SpillJournal s = spill(crashesOnTheThird);
    s.append(numbered(1, 2));
    s.append(numbered(3, 4));
    s.append(numbered(5, 6));
    s.append(numbered(7, 8));

    assertThatThrownBy(s::replay).hasMessage("the process died here");
    assertThat(reasonsInDatabase()).isEqualTo(seqs(1, 4));
    assertThat(s.file()).exists();

    SpillJournal restarted = spill(repo::saveOnce);
    assertThat(restarted.replay()).as("only the batches not written before").isEqualTo(4);
    assertThat(reasonsInDatabase()).isEqualTo(seqs(1, 8));
    assertThat(restarted.file()).doesNotExist();
  }

  @Test
  void aTornLastLineIsLeftOutAndADamagedLineStopsTheReplay() throws Exception {
    SpillJournal s = spill(repo()::saveOnce);
    s.append(numbered(1, 2));
    Files.writeString(
        s.file(), "{\"batch\":\"x\",\"records\":[{\"detec", StandardOpenOption.APPEND);

    assertThat(spill(repo()::saveOnce).replay()).isEqualTo(2);
    assertThat(reasonsInDatabase()).isEqualTo(seqs(1, 2));

    SpillJournal damaged = spill(repo()::saveOnce);
    damaged.append(numbered(3, 3));
    Files.writeString(s.file(), "not json\n", StandardOpenOption.APPEND);
    damaged.append(numbered(4, 4));

    assertThatThrownBy(() -> spill(repo()::saveOnce).replay())
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(s.file() + " is damaged at line 2")
        .hasMessageContaining("move the file away");
    assertThat(reasonsInDatabase()).as("nothing of a damaged file").isEqualTo(seqs(1, 2));
    assertThat(Files.readString(s.file(), StandardCharsets.UTF_8)).contains("not json");
  }

  @Test
  void amountsAndTimesComeBackExactly() throws Exception {
    OpportunityRecord r =
        new OpportunityRecord(
            0,
            Instant.parse("2026-11-24T10:00:00.123Z"),
            dev.arb.engine.record.OpportunityStatus.EXECUTED,
            "USD",
            List.of("kraken", "bitstamp"),
            List.of("USD", "BTC"),
            "{\"nodes\":[\"USD\",\"BTC\"]}",
            "{\"legs\":[]}",
            new java.math.BigDecimal("0.000000000000000001"),
            12.345678901234567,
            new java.math.BigDecimal("-12345678901234567890.5"),
            "line\nbreak \"quoted\"");
    SqliteOpportunityRepository repo = repo();
    SpillJournal s = spill(repo::saveOnce);
    s.append(List.of(r));

    s.replay();

    OpportunityRecord back = repo.find(HistoryQuery.all(1)).get(0);
    assertThat(back).isEqualTo(r.withId(back.id()).withInstance(FreshDatabase.INSTANCE));
  }
}
