package dev.arb.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.error.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteDatabaseIT {

  @RegisterExtension final FreshDatabase fresh = new FreshDatabase();

  @Test
  void createsMissingParentDirectories() {
    Path file = fresh.dir().resolve("a/b/arb.db");
    try (SqliteDatabase db = SqliteDatabase.open(file, Duration.ofSeconds(1))) {
      assertThat(Files.isRegularFile(file)).isTrue();
      assertThat(db.file()).isEqualTo(file.toAbsolutePath());
    }
  }

  @Test
  void connectionsUseWalSynchronousNormalAndTheBusyTimeout() {
    try (SqliteDatabase db = SqliteDatabase.open(fresh.file(), Duration.ofMillis(1234))) {
      db.jdbi()
          .useHandle(
              h -> {
                assertThat(h.createQuery("PRAGMA journal_mode").mapTo(String.class).one())
                    .isEqualTo("wal");
                assertThat(h.createQuery("PRAGMA busy_timeout").mapTo(Integer.class).one())
                    .isEqualTo(1234);
                // 1 = NORMAL
                assertThat(h.createQuery("PRAGMA synchronous").mapTo(Integer.class).one())
                    .isEqualTo(1);
                assertThat(h.createQuery("PRAGMA foreign_keys").mapTo(Integer.class).one())
                    .isEqualTo(1);
              });
    }
  }

  @Test
  void pathThatIsADirectoryIsAClearError() throws Exception {
    Files.createDirectories(fresh.file());
    assertThatThrownBy(() -> SqliteDatabase.open(fresh.file(), Duration.ofSeconds(1)))
        .isInstanceOf(StorageException.class)
        .hasMessage(
            "could not open "
                + fresh.file().toAbsolutePath()
                + ": it is a directory; move it away or use another --data-dir");
  }

  @Test
  void parentThatCannotBeCreatedIsAClearError() throws Exception {
    Path blocker = fresh.dir().resolve("not-a-dir");
    Files.writeString(blocker, "x");
    assertThatThrownBy(() -> SqliteDatabase.open(blocker.resolve("arb.db"), Duration.ofSeconds(1)))
        .isInstanceOf(StorageException.class)
        .hasMessageStartingWith("could not create data directory " + blocker.toAbsolutePath())
        .hasMessageEndingWith("; create it or use another --data-dir");
  }

  @Test
  void fileThatIsNotADatabaseIsAClearError() throws Exception {
    Files.writeString(
        fresh.file(), "this is not sqlite, just text that is long enough. ".repeat(40));
    assertThatThrownBy(() -> SqliteDatabase.open(fresh.file(), Duration.ofSeconds(1)))
        .isInstanceOf(StorageException.class)
        .hasMessageStartingWith("could not ")
        .hasMessageContaining(fresh.file().toAbsolutePath().toString())
        .hasMessageEndingWith(
            "the file is not an arb database or is damaged; move it away or use"
                + " another --data-dir");
  }

  @Test
  void freshDatabasePassesIntegrityCheck() {
    assertThat(fresh.sqlite().integrityCheck()).isEqualTo("ok");
  }
}
