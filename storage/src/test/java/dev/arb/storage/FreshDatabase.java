package dev.arb.storage;

import dev.arb.config.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension giving each test a fresh database, opened and migrated on first use, closed and
 * removed after the test: a SQLite file in the test's own temporary directory, or a new database on
 * the tests' real PostgreSQL server ({@link PostgresServer}). Use with {@code @RegisterExtension}.
 */
final class FreshDatabase implements BeforeEachCallback, AfterEachCallback {

  static final Duration BUSY_TIMEOUT = Duration.ofSeconds(5);

  /** Which store a test runs against. */
  enum Kind {
    SQLITE,
    POSTGRES
  }

  /** The instance name the tests' databases write as. */
  static final String INSTANCE = "test-instance";

  private final Kind kind;
  private final List<Database> opened = new ArrayList<>();
  private Path dir;
  private String url;
  private Database db;

  /** A SQLite file per test. */
  FreshDatabase() {
    this(Kind.SQLITE);
  }

  FreshDatabase(Kind kind) {
    this.kind = kind;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("arb-storage-test-");
    if (kind == Kind.POSTGRES) {
      url = PostgresServer.shared().createDatabase();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    closeQuietly();
    if (url != null) {
      PostgresServer.shared().dropDatabase(url);
      url = null;
    }
    deleteTree(dir);
  }

  Kind kind() {
    return kind;
  }

  /** The test's own directory (deleted after the test). */
  Path dir() {
    return dir;
  }

  /** The SQLite file, {@code <dir>/arb.db}; it does not exist until {@link #database()}. */
  Path file() {
    return dir.resolve("arb.db");
  }

  /** The PostgreSQL database's URL (PostgreSQL tests only). */
  String url() {
    if (url == null) {
      throw new IllegalStateException("not a PostgreSQL test");
    }
    return url;
  }

  /** The database, opened and migrated on first use. */
  Database database() {
    if (db == null) {
      db = open();
    }
    return db;
  }

  /** The SQLite database (SQLite tests only). */
  SqliteDatabase sqlite() {
    if (kind != Kind.SQLITE) {
      throw new IllegalStateException("not a SQLite test");
    }
    return (SqliteDatabase) database();
  }

  /** Another connection (pool) to the same database, as another process would open it. */
  Database open() {
    return open(INSTANCE);
  }

  /** As {@link #open()}, writing rows as {@code instance}; closed after the test. */
  Database open(String instance) {
    Database d =
        switch (kind) {
          case SQLITE -> SqliteDatabase.open(file(), BUSY_TIMEOUT, instance);
          case POSTGRES -> openPostgres(url(), instance);
        };
    opened.add(d);
    return d;
  }

  static PostgresDatabase openPostgres(String url, String instance) {
    return PostgresDatabase.open(
        url,
        Optional.of(new Secret(PostgresServer.USER, "test")),
        Optional.of(new Secret(PostgresServer.PASSWORD, "test")),
        4,
        BUSY_TIMEOUT,
        instance);
  }

  /** SQL naming the storage type of {@code column}'s value ({@code text} for text). */
  String typeOf(String column) {
    return kind == Kind.SQLITE ? "typeof(" + column + ")" : "pg_typeof(" + column + ")::text";
  }

  /** Closes and opens the database again, as a new process would. */
  Database reopen() {
    closeQuietly();
    return database();
  }

  private void closeQuietly() {
    for (Database d : opened) {
      d.close();
    }
    opened.clear();
    db = null;
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
