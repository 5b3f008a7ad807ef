package dev.arb.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.error.StorageException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MigrationsIT {

  @RegisterExtension final FreshDatabase fresh = new FreshDatabase();

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-24T08:00:00Z"), ZoneOffset.UTC);

  /** The first migration alone: a database of an older arb. */
  private static final Migrations ONE =
      new Migrations(List.of(Migrations.standard().list().get(0)));

  private static final Migrations.Migration V2 =
      new Migrations.Migration(
          2, "notes", "CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT NOT NULL);");

  private SqliteDatabase open(Migrations migrations) {
    return SqliteDatabase.open(fresh.file(), FreshDatabase.BUSY_TIMEOUT, migrations, CLOCK);
  }

  private static List<Map<String, Object>> versions(SqliteDatabase db) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT version, description, applied_at FROM schema_version ORDER BY"
                            + " version")
                    .mapToMap()
                    .list());
  }

  private static List<String> tables(SqliteDatabase db) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                    .mapTo(String.class)
                    .list());
  }

  @Test
  void freshFileGetsEveryMigrationRecordedWithItsTime() {
    try (SqliteDatabase db = open(Migrations.standard())) {
      assertThat(db.schemaVersion()).isEqualTo(Migrations.standard().latestVersion()).isEqualTo(8);
      assertThat(versions(db))
          .containsExactly(
              Map.of("version", 1, "description", "records", "applied_at", "2026-11-24T08:00:00Z"),
              Map.of(
                  "version",
                  2,
                  "description",
                  "executions and paper ledger",
                  "applied_at",
                  "2026-11-24T08:00:00Z"),
              Map.of(
                  "version",
                  3,
                  "description",
                  "relay requests",
                  "applied_at",
                  "2026-11-24T08:00:00Z"),
              Map.of(
                  "version",
                  4,
                  "description",
                  "dead letters",
                  "applied_at",
                  "2026-11-24T08:00:00Z"),
              Map.of(
                  "version",
                  5,
                  "description",
                  "live order journal",
                  "applied_at",
                  "2026-11-24T08:00:00Z"),
              Map.of(
                  "version",
                  6,
                  "description",
                  "spill batches",
                  "applied_at",
                  "2026-11-24T08:00:00Z"),
              Map.of(
                  "version",
                  7,
                  "description",
                  "instance of every row",
                  "applied_at",
                  "2026-11-24T08:00:00Z"),
              Map.of(
                  "version",
                  8,
                  "description",
                  "record ids never reused",
                  "applied_at",
                  "2026-11-24T08:00:00Z"));
      assertThat(tables(db))
          .contains(
              "arbitrage_record",
              "arbitrage_record_asset",
              "arbitrage_record_exchange",
              "dead_letters",
              "executions",
              "id_sequence",
              "live_orders",
              "paper_balance",
              "relay_requests",
              "schema_version",
              "spill_batches");
    }
  }

  @Test
  void reopeningAppliesNothingAgainAndKeepsData() {
    try (SqliteDatabase db = open(Migrations.standard())) {
      new SqliteOpportunityRepository(db).saveAll(List.of(Records.sample(1)));
    }
    try (SqliteDatabase db = open(Migrations.standard())) {
      assertThat(Migrations.standard().apply(db, CLOCK)).isEmpty();
      assertThat(versions(db)).hasSize(Migrations.standard().list().size());
      assertThat(
              new SqliteOpportunityRepository(db).find(dev.arb.engine.record.HistoryQuery.all(10)))
          .hasSize(1);
    }
  }

  @Test
  void olderDatabaseGetsOnlyThePendingMigration() {
    open(ONE).close();
    Migrations two = new Migrations(List.of(Migrations.standard().list().get(0), V2));
    try (SqliteDatabase db = open(two)) {
      assertThat(db.schemaVersion()).isEqualTo(2);
      assertThat(versions(db)).extracting(m -> m.get("version")).containsExactly(1, 2);
      assertThat(tables(db)).contains("note");
    }
  }

  @Test
  void newerSchemaIsRefusedWithWhatToDo() {
    Migrations two = new Migrations(List.of(Migrations.standard().list().get(0), V2));
    open(two).close();
    assertThatThrownBy(() -> open(ONE))
        .isInstanceOf(StorageException.class)
        .hasMessage(
            "database "
                + fresh.file().toAbsolutePath()
                + " has schema version 2 but this arb knows up to 1; upgrade arb (or use another"
                + " --data-dir)");
  }

  @Test
  void failingMigrationLeavesTheDatabaseAtTheOldVersion() {
    open(ONE).close();
    Migrations broken =
        new Migrations(
            List.of(
                Migrations.standard().list().get(0),
                new Migrations.Migration(
                    2,
                    "broken",
                    "CREATE TABLE half (a INTEGER); INSERT INTO nowhere VALUES (1);")));
    assertThatThrownBy(() -> open(broken))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("could not migrate " + fresh.file().toAbsolutePath())
        .hasMessageContaining("nowhere");
    try (SqliteDatabase db = open(ONE)) {
      assertThat(db.schemaVersion()).isEqualTo(1);
      assertThat(tables(db)).doesNotContain("half");
    }
  }

  @Test
  void migrationVersionsMustBeContiguous() {
    assertThatThrownBy(() -> new Migrations(List.of(V2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be 1..1 in order");
  }
}
