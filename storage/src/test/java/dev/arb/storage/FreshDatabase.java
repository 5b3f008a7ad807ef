package dev.arb.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension giving each test a fresh SQLite file in its own temporary directory, opened and
 * migrated on first use, closed and deleted after the test. Use with {@code @RegisterExtension}.
 */
final class FreshDatabase implements BeforeEachCallback, AfterEachCallback {

  static final Duration BUSY_TIMEOUT = Duration.ofSeconds(5);

  private Path dir;
  private SqliteDatabase db;

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("arb-storage-test-");
  }

  @Override
  public void afterEach(ExtensionContext context) {
    closeQuietly();
    deleteTree(dir);
  }

  /** The test's own directory (deleted after the test). */
  Path dir() {
    return dir;
  }

  /** The database file, {@code <dir>/arb.db}; it does not exist until {@link #database()}. */
  Path file() {
    return dir.resolve("arb.db");
  }

  /** The database, opened and migrated on first use. */
  SqliteDatabase database() {
    if (db == null) {
      db = SqliteDatabase.open(file(), BUSY_TIMEOUT);
    }
    return db;
  }

  /** Closes and opens the file again, as a new process would. */
  SqliteDatabase reopen() {
    closeQuietly();
    return database();
  }

  private void closeQuietly() {
    if (db != null) {
      db.close();
      db = null;
    }
  }

  static void deleteTree(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
