package dev.arb.storage;

import dev.arb.config.StorageConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Child process for {@link SigkillDurabilityIT}: records numbered records through the batch writer
 * into the database given as the only argument, forever, printing {@code written <n> accepted <m>}
 * whenever the writer's committed count has grown. It never exits on its own; the test kills it.
 */
public final class RecordingChild {
  private RecordingChild() {}

  public static void main(String[] args) {
    SqliteDatabase db = SqliteDatabase.open(Path.of(args[0]), Duration.ofSeconds(5));
    BatchOpportunityWriter writer =
        BatchOpportunityWriter.start(
            new SqliteOpportunityRepository(db),
            db.file().toString(),
            new StorageConfig(50, Duration.ofMillis(10), 500, Duration.ofSeconds(5)));
    System.out.println("started");
    System.out.flush();
    long reported = 0;
    for (long seq = 1; ; seq++) {
      writer.record(Records.numbered(seq));
      long written = writer.writtenCount();
      if (written > reported) {
        reported = written;
        System.out.println("written " + written + " accepted " + writer.acceptedCount());
        System.out.flush();
      }
    }
  }
}
