package dev.arb.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.error.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SQLite migrations on a real PostgreSQL server: translated to PostgreSQL's types, applied once
 * even when several processes open a new database at once, and a newer schema refused.
 */
class PostgresMigrationsIT {
  @RegisterExtension final FreshDatabase fresh = new FreshDatabase(FreshDatabase.Kind.POSTGRES);

  @Test
  void freshDatabaseGetsEveryMigrationWithSqliteTypesWidened() {
    Database db = fresh.database();
    assertThat(db.schemaVersion()).isEqualTo(Migrations.standard().latestVersion()).isEqualTo(8);
    Map<String, String> types =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT column_name, data_type FROM information_schema.columns"
                                + " WHERE table_name = 'arbitrage_record'")
                        .setMapKeyColumn("column_name")
                        .setMapValueColumn("data_type")
                        .collectInto(
                            new org.jdbi.v3.core.generic.GenericType<Map<String, String>>() {}));
    // SQLite's INTEGER is 64 bits and REAL 8 bytes: epoch milliseconds must not overflow
    assertThat(types)
        .containsEntry("id", "bigint")
        .containsEntry("detected_at", "bigint")
        .containsEntry("return_bp", "double precision")
        .containsEntry("estimated_profit", "text")
        .containsEntry("instance", "text");
    String identity =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT is_identity FROM information_schema.columns"
                                + " WHERE table_name = 'executions' AND column_name = 'id'")
                        .mapTo(String.class)
                        .one());
    assertThat(identity).isEqualTo("YES");
  }

  @Test
  void severalProcessesOpeningANewDatabaseAtOnceMigrateItOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Database>> opening = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String name = "starter-" + i;
        Callable<Database> open = () -> fresh.open(name);
        opening.add(pool.submit(open));
      }
      for (Future<Database> f : opening) {
        assertThat(f.get(60, TimeUnit.SECONDS).schemaVersion()).isEqualTo(8);
      }
    } finally {
      pool.shutdownNow();
    }
    List<Integer> versions =
        fresh
            .database()
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT version FROM schema_version ORDER BY version")
                        .mapTo(Integer.class)
                        .list());
    assertThat(versions).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
  }

  @Test
  void aDatabaseMigratedByANewerArbIsRefused() {
    fresh
        .database()
        .jdbi()
        .useHandle(
            h ->
                h.execute(
                    "INSERT INTO schema_version (version, description, applied_at)"
                        + " VALUES (9, 'from the future', '2030-01-01T00:00:00Z')"));
    assertThatThrownBy(() -> fresh.open())
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("has schema version 9 but this arb knows up to 8")
        .hasMessageContaining(fresh.url());
  }

  @Test
  void aServerThatIsNotThereIsAClearErrorWithoutThePassword() {
    String url = "jdbc:postgresql://127.0.0.1:1/arb?connectTimeout=2";
    assertThatThrownBy(() -> FreshDatabase.openPostgres(url, "x"))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("could not connect to " + url)
        .hasMessageContaining("running and reachable")
        .hasMessageNotContaining(PostgresServer.PASSWORD);
  }

  @Test
  void aWrongPasswordSaysWhichSettingsToCheck() {
    assertThatThrownBy(
            () ->
                PostgresDatabase.open(
                    fresh.url(),
                    java.util.Optional.of(new dev.arb.config.Secret(PostgresServer.USER, "t")),
                    java.util.Optional.of(new dev.arb.config.Secret("not-the-password", "t")),
                    2,
                    java.time.Duration.ofSeconds(5),
                    "x"))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("arb.storage.password")
        .hasMessageNotContaining("not-the-password");
  }
}
