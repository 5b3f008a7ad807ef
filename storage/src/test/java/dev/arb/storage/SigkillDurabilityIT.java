package dev.arb.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.engine.record.HistoryQuery;
import dev.arb.engine.record.OpportunityRecord;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kills a real child JVM with SIGKILL while it is writing records through the batch writer, then
 * checks that the database is sound and holds everything the child saw committed.
 */
class SigkillDurabilityIT {

  @RegisterExtension final FreshDatabase fresh = new FreshDatabase();

  /** How many committed records the child must report before it is killed. */
  private static final long KILL_AFTER = 3_000;

  static String testClassPath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void processKilledMidWriteLeavesASoundDatabaseWithEveryCommittedRecord() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path stderr = fresh.dir().resolve("child-stderr.txt");
    ProcessBuilder pb =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                testClassPath(),
                RecordingChild.class.getName(),
                fresh.file().toString())
            .redirectError(stderr.toFile());
    Process child = pb.start();
    long lastReported = -1;
    long lastAccepted = -1;
    List<String> lines = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        if (line.startsWith("written ")) {
          String[] words = line.split(" ");
          lastReported = Long.parseLong(words[1]);
          lastAccepted = Long.parseLong(words[3]);
          if (lastReported >= KILL_AFTER) {
            // SIGKILL while the child keeps recording and its writer keeps committing
            child.destroyForcibly();
            break;
          }
        }
      }
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    assertThat(lastReported)
        .as("child output %s, stderr %s", lines, Files.readString(stderr))
        .isGreaterThanOrEqualTo(KILL_AFTER);
    assertThat(child.exitValue()).isEqualTo(137); // 128 + SIGKILL

    SqliteDatabase db = fresh.sqlite();
    assertThat(db.integrityCheck()).isEqualTo("ok");
    long count =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT count(*) FROM arbitrage_record").mapTo(Long.class).one());
    long maxId =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT coalesce(max(id), 0) FROM arbitrage_record")
                        .mapTo(Long.class)
                        .one());
    long mismatched =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT count(*) FROM arbitrage_record WHERE reason <> 'seq-' || id")
                        .mapTo(Long.class)
                        .one());
    long exchangeRows =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT count(*) FROM arbitrage_record_exchange")
                        .mapTo(Long.class)
                        .one());
    System.out.printf(
        "SIGKILL durability: child had accepted %d and reported %d committed when killed;"
            + " database holds %d records%n",
        lastAccepted, lastReported, count);
    // everything reported committed is there, and nothing else is half-there: the rows are
    // exactly records 1..count in recording order, each with both of its exchange rows
    assertThat(count).isGreaterThanOrEqualTo(lastReported);
    assertThat(maxId).isEqualTo(count);
    assertThat(mismatched).isZero();
    assertThat(exchangeRows).isEqualTo(2 * count);
    // and the repository reads them back
    List<OpportunityRecord> newest = new SqliteOpportunityRepository(db).find(HistoryQuery.all(1));
    assertThat(newest.get(0).reason()).isEqualTo("seq-" + count);
  }
}
