package dev.arb.storage;

import dev.arb.engine.model.Side;
import dev.arb.engine.port.OrderJournal;
import dev.arb.engine.record.JournalEntry;
import dev.arb.engine.record.OrderState;
import dev.arb.error.StorageException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;

/**
 * The live order journal in {@code arb.db} (table {@code live_orders}, migration V5). Every write
 * is its own committed transaction: a row written here survives a crash the moment this returns
 * (SQLite in WAL mode, as {@link SqliteDatabase} opens it).
 */
public final class SqliteOrderJournal implements OrderJournal {
  private static final String COLUMNS =
      "client_order_id, execution_ref, exchange, base, quote, side, amount, limit_price, state,"
          + " venue_order_id, filled_base, spent, received, fee, fee_asset, error, created_at,"
          + " updated_at";

  private final SqliteDatabase db;

  public SqliteOrderJournal(SqliteDatabase db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  @Override
  public void insert(JournalEntry e) {
    write(
        "INSERT INTO live_orders ("
            + COLUMNS
            + ") VALUES (:id, :ref, :exchange, :base, :quote, :side, :amount, :limit, :state,"
            + " :venueId, :filled, :spent, :received, :fee, :feeAsset, :error, :created,"
            + " :updated)",
        e,
        "record a live order in");
  }

  @Override
  public void update(JournalEntry e) {
    int n =
        write(
            "UPDATE live_orders SET state = :state, venue_order_id = :venueId, filled_base ="
                + " :filled, spent = :spent, received = :received, fee = :fee, fee_asset ="
                + " :feeAsset, error = :error, updated_at = :updated WHERE client_order_id = :id",
            e,
            "update a live order in");
    if (n != 1) {
      throw new StorageException(
          "live order " + e.clientOrderId() + " is not in the journal of " + db.file());
    }
  }

  private int write(String sql, JournalEntry e, String what) {
    try {
      return db.jdbi()
          .inTransaction(
              h -> {
                Update u = h.createUpdate(sql);
                bind(u, e);
                return u.execute();
              });
    } catch (JdbiException x) {
      throw StorageErrors.map(what, db.file(), x);
    }
  }

  private static void bind(Update u, JournalEntry e) {
    u.bind("id", e.clientOrderId())
        .bind("ref", e.executionRef())
        .bind("exchange", e.exchange())
        .bind("base", e.base())
        .bind("quote", e.quote())
        .bind("side", e.side().name().toLowerCase(Locale.ROOT))
        .bind("amount", e.amount().toPlainString())
        .bind("limit", e.limitPrice().toPlainString())
        .bind("state", e.state().code())
        .bind("venueId", e.venueOrderId().orElse(null))
        .bind("filled", e.filledBase().toPlainString())
        .bind("spent", e.spent().toPlainString())
        .bind("received", e.received().toPlainString())
        .bind("fee", e.fee().toPlainString())
        .bind("feeAsset", e.feeAsset())
        .bind("error", e.error().isEmpty() ? null : e.error())
        .bind("created", e.createdAt().toEpochMilli())
        .bind("updated", e.updatedAt().toEpochMilli());
  }

  @Override
  public Optional<JournalEntry> find(String clientOrderId) {
    return query(
            "SELECT " + COLUMNS + " FROM live_orders WHERE client_order_id = :v", clientOrderId)
        .stream()
        .findFirst();
  }

  @Override
  public List<JournalEntry> unresolved() {
    return query(
        "SELECT "
            + COLUMNS
            + " FROM live_orders WHERE state IN ('intent', 'sent', 'unknown')"
            + " ORDER BY created_at, client_order_id",
        null);
  }

  @Override
  public List<JournalEntry> forExecution(String executionRef) {
    return query(
        "SELECT "
            + COLUMNS
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
                return q.map(SqliteOrderJournal::row).list();
              });
    } catch (JdbiException x) {
      throw StorageErrors.map("read the live order journal from", db.file(), x);
    }
  }

  private static JournalEntry row(ResultSet rs, StatementContext ctx) throws SQLException {
    return new JournalEntry(
        rs.getString("client_order_id"),
        rs.getString("execution_ref"),
        rs.getString("exchange"),
        rs.getString("base"),
        rs.getString("quote"),
        Side.valueOf(rs.getString("side").toUpperCase(Locale.ROOT)),
        new BigDecimal(rs.getString("amount")),
        new BigDecimal(rs.getString("limit_price")),
        OrderState.of(rs.getString("state")),
        Optional.ofNullable(rs.getString("venue_order_id")),
        new BigDecimal(rs.getString("filled_base")),
        new BigDecimal(rs.getString("spent")),
        new BigDecimal(rs.getString("received")),
        new BigDecimal(rs.getString("fee")),
        rs.getString("fee_asset"),
        Objects.requireNonNullElse(rs.getString("error"), ""),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        Instant.ofEpochMilli(rs.getLong("updated_at")));
  }
}
