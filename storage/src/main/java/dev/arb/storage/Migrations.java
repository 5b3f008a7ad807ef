package dev.arb.storage;

import dev.arb.error.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * Versioned schema migrations. Each migration is an SQL script resource under {@code
 * dev/arb/storage/migrations/} named {@code V<version>__<description>.sql}; versions start at 1 and
 * have no gaps. Pending migrations are applied at open in one transaction and recorded in {@code
 * schema_version(version, description, applied_at)}. A database whose version is newer than the
 * newest migration known here is refused: an older arb must not write to a schema it does not know.
 *
 * <p>The scripts are written once, for SQLite; {@link Dialect#migration} turns them into
 * PostgreSQL's types. On PostgreSQL the migration runs under the database's write lock, so several
 * processes starting at once migrate a new database once.
 */
public final class Migrations {

  /** One schema step. */
  public record Migration(int version, String description, String sql) {}

  private static final String RESOURCE_DIR = "/dev/arb/storage/migrations/";

  private final List<Migration> migrations;

  Migrations(List<Migration> migrations) {
    for (int i = 0; i < migrations.size(); i++) {
      if (migrations.get(i).version() != i + 1) {
        throw new IllegalArgumentException(
            "migration versions must be 1.." + migrations.size() + " in order, got " + migrations);
      }
    }
    this.migrations = List.copyOf(migrations);
  }

  /** The migrations of this binary, oldest first. Add new ones at the end, never edit old ones. */
  public static Migrations standard() {
    return new Migrations(
        List.of(
            fromResource(1, "records", "V1__records.sql"),
            fromResource(2, "executions and paper ledger", "V2__executions_and_paper_ledger.sql"),
            fromResource(3, "relay requests", "V3__relay_requests.sql"),
            fromResource(4, "dead letters", "V4__dead_letters.sql"),
            fromResource(5, "live order journal", "V5__live_orders.sql"),
            fromResource(6, "spill batches", "V6__spill_batches.sql"),
            fromResource(7, "instance of every row", "V7__instance.sql"),
            fromResource(8, "record ids never reused", "V8__record_ids.sql")));
  }

  static Migration fromResource(int version, String description, String name) {
    try (InputStream in = Migrations.class.getResourceAsStream(RESOURCE_DIR + name)) {
      if (in == null) {
        throw new IllegalStateException("migration resource missing: " + RESOURCE_DIR + name);
      }
      return new Migration(
          version, description, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The newest schema version this binary knows. */
  public int latestVersion() {
    return migrations.size();
  }

  /** The migrations, oldest first. */
  public List<Migration> list() {
    return migrations;
  }

  /**
   * Brings the database to {@link #latestVersion()}.
   *
   * @return the versions applied now (empty if it was up to date)
   * @throws StorageException if the database is newer than this binary, or a migration fails
   */
  List<Integer> apply(Database db, Clock clock) {
    Dialect dialect = db.dialect();
    try {
      return db.inTransaction(
          h -> {
            h.execute(
                "CREATE TABLE IF NOT EXISTS schema_version ("
                    + " version BIGINT NOT NULL PRIMARY KEY,"
                    + " description TEXT NOT NULL,"
                    + " applied_at TEXT NOT NULL)");
            int current = currentVersion(h, dialect);
            if (current > latestVersion()) {
              throw new StorageException(
                  "database "
                      + db.location()
                      + " has schema version "
                      + current
                      + " but this arb knows up to "
                      + latestVersion()
                      + "; upgrade arb (or use another --data-dir)");
            }
            List<Integer> applied = new ArrayList<>();
            for (Migration m : migrations.subList(current, migrations.size())) {
              h.createScript(dialect.migration(m.sql())).execute();
              h.createUpdate(
                      "INSERT INTO schema_version (version, description, applied_at)"
                          + " VALUES (:v, :d, :t)")
                  .bind("v", m.version())
                  .bind("d", m.description())
                  .bind("t", clock.instant().toString())
                  .execute();
              applied.add(m.version());
            }
            return applied;
          });
    } catch (JdbiException e) {
      throw StorageErrors.map("migrate", db.location(), e);
    }
  }

  static int currentVersion(Handle h, Dialect dialect) {
    boolean exists = h.createQuery(dialect.schemaVersionExists()).mapTo(Integer.class).one() > 0;
    if (!exists) {
      return 0;
    }
    return h.createQuery("SELECT coalesce(max(version), 0) FROM schema_version")
        .mapTo(Integer.class)
        .one();
  }
}
