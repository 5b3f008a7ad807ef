package dev.arb.storage;

import dev.arb.engine.port.OrderJournal;
import dev.arb.engine.record.JournalEntry;
import dev.arb.error.StorageException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.JdbiException;

/**
 * The live order journal in {@code arb.db} (table {@code live_orders}, migration V5). Every write
 * is its own committed transaction: a row written here survives a crash the moment this returns
 * (SQLite in WAL mode, as {@link SqliteDatabase} opens it; PostgreSQL on commit).
 */
public final class SqliteOrderJournal implements OrderJournal {
  private static final String COLUMNS =
      "client_order_id, execution_ref, exchange, base, quote, side, amount, limit_price, state,"
          + " venue_order_id, filled_base, spent, received, fee, fee_asset, error, created_at,"
          + " updated_at";

  /** The columns as {@link JournalEntry}'s components (an entry without error has {@code ""}). */
  private static final String ENTRY =
      "client_order_id, execution_ref, exchange, base, quote, side, amount, limit_price, state,"
          + " venue_order_id, filled_base, spent, received, fee, fee_asset,"
          + " coalesce(error, '') AS error, created_at, updated_at";

  private final Database db;

  public SqliteOrderJournal(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  @Override
  public void insert(JournalEntry e) {
    write(
        "INSERT INTO live_orders ("
            + COLUMNS
            + ", instance) VALUES (:clientOrderId, :executionRef, :exchange, :base, :quote, :side,"
            + " :amount, :limitPrice, :state, :venueOrderId, :filledBase, :spent, :received, :fee,"
            + " :feeAsset, :error, :createdAt, :updatedAt, :instance)",
        e,
        "record a live order in");
  }

  @Override
  public void update(JournalEntry e) {
    int n =
        write(
            "UPDATE live_orders SET state = :state, venue_order_id = :venueOrderId, filled_base ="
                + " :filledBase, spent = :spent, received = :received, fee = :fee, fee_asset ="
                + " :feeAsset, error = :error, updated_at = :updatedAt"
                + " WHERE client_order_id = :clientOrderId",
            e,
            "update a live order in");
    if (n != 1) {
      throw new StorageException(
          "live order " + e.clientOrderId() + " is not in the journal of " + db.location());
    }
  }

  private int write(String sql, JournalEntry e, String what) {
    try {
      return db.inTransaction(
          h -> {
            var u =
                h.createUpdate(sql)
                    .bindMethods(e)
                    .bind("error", e.error().isEmpty() ? null : e.error());
            if (sql.contains(":instance")) {
              u.bind("instance", db.instance());
            }
            return u.execute();
          });
    } catch (JdbiException x) {
      throw StorageErrors.map(what, db.location(), x);
    }
  }

  @Override
  public Optional<JournalEntry> find(String clientOrderId) {
    return query("SELECT " + ENTRY + " FROM live_orders WHERE client_order_id = :v", clientOrderId)
        .stream()
        .findFirst();
  }

  @Override
  public List<JournalEntry> unresolved() {
    return query(
        "SELECT "
            + ENTRY
            + " FROM live_orders WHERE state IN ('intent', 'sent', 'unknown')"
            + " ORDER BY created_at, client_order_id",
        null);
  }

  @Override
  public List<JournalEntry> forExecution(String executionRef) {
    return query(
        "SELECT "
            + ENTRY
            + " FROM live_orders WHERE execution_ref = :v ORDER BY created_at, client_order_id",
        executionRef);
  }

  /** Runs {@code sql}, binding {@code value} to {@code :v} unless it is null. */
  private List<JournalEntry> query(String sql, String value) {
    try {
      return db.jdbi()
          .withHandle(
              h -> {
                var q = h.createQuery(sql);
                if (value != null) {
                  q.bind("v", value);
                }
                return q.mapTo(JournalEntry.class).list();
              });
    } catch (JdbiException x) {
      throw StorageErrors.map("read the live order journal from", db.location(), x);
    }
  }
}
