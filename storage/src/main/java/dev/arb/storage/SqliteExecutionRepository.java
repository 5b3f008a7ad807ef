package dev.arb.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.engine.execution.ExecutionResult;
import dev.arb.engine.execution.Fill;
import dev.arb.engine.execution.Holding;
import dev.arb.engine.model.Asset;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * Executions and the paper balance ledger in {@code arb.db} (migration V2). Each execution is
 * stored with its fills and, for paper trading, the ledger as it stands after it, in one
 * transaction.
 */
public final class SqliteExecutionRepository {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One stored execution, in short: what the risk limits of a day need.
   *
   * @param executedAt when it ran
   * @param startAsset its start asset
   * @param startSpent start asset spent
   * @param realizedProfit realized profit, negative for a loss
   */
  public record Summary(
      Instant executedAt, Asset startAsset, BigDecimal startSpent, BigDecimal realizedProfit) {}

  private final SqliteDatabase db;

  public SqliteExecutionRepository(SqliteDatabase db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /**
   * Stores an execution and, when {@code ledger} is given, replaces the paper ledger with it, in
   * one transaction.
   *
   * @param mode {@code paper} or {@code live}
   * @param detectedAt detection time of the opportunity record it belongs to
   * @param executedAt when it ran
   * @param ledger the paper balances after it, or null to leave the ledger alone
   * @return the execution's id
   */
  public long save(
      ExecutionResult r,
      String mode,
      Instant detectedAt,
      Instant executedAt,
      List<Holding> ledger) {
    try {
      return db.jdbi()
          .inTransaction(
              h -> {
                long id =
                    h.createUpdate(
                            "INSERT INTO executions (executed_at, detected_at, mode, status,"
                                + " start_asset, exchanges, start_spent, start_returned,"
                                + " expected_profit, realized_profit, difference, legs, unwind,"
                                + " leftover, reason) VALUES (:executedAt, :detectedAt, :mode,"
                                + " :status, :startAsset, :exchanges, :spent, :returned,"
                                + " :expected, :realized, :difference, :legs, :unwind, :leftover,"
                                + " :reason)")
                        .bind("executedAt", executedAt.toEpochMilli())
                        .bind("detectedAt", detectedAt.toEpochMilli())
                        .bind("mode", mode)
                        .bind("status", r.status().code())
                        .bind("startAsset", r.startAsset().toString())
                        .bind("exchanges", json(exchanges(r)))
                        .bind("spent", r.startSpent().toPlainString())
                        .bind("returned", r.startReturned().toPlainString())
                        .bind("expected", r.expectedProfit().toPlainString())
                        .bind("realized", r.realizedProfit().toPlainString())
                        .bind("difference", r.difference().toPlainString())
                        .bind("legs", json(fills(r.legs())))
                        .bind("unwind", json(fills(r.unwind())))
                        .bind("leftover", json(holdings(r.leftover())))
                        .bind("reason", r.reason().isEmpty() ? null : r.reason())
                        .executeAndReturnGeneratedKeys("id")
                        .mapTo(Long.class)
                        .one();
                if (ledger != null) {
                  writeLedger(h, ledger, executedAt);
                }
                return id;
              });
    } catch (JdbiException e) {
      throw StorageErrors.map("write an execution to", db.file(), e);
    }
  }

  /**
   * Creates the paper ledger with {@code initial} if it has no rows yet.
   *
   * @return true when it was created now, false when it already existed (left as it is)
   */
  public boolean seedPaperLedger(List<Holding> initial, Instant at) {
    try {
      return db.jdbi()
          .inTransaction(
              h -> {
                long rows =
                    h.createQuery("SELECT count(*) FROM paper_balance").mapTo(Long.class).one();
                if (rows > 0) {
                  return false;
                }
                writeLedger(h, initial, at);
                return true;
              });
    } catch (JdbiException e) {
      throw StorageErrors.map("write the paper ledger to", db.file(), e);
    }
  }

  /** The paper ledger's non-zero balances, by exchange then asset. */
  public List<Holding> paperBalances() {
    try {
      return db
          .jdbi()
          .withHandle(
              h ->
                  h.createQuery(
                          "SELECT exchange, asset, amount FROM paper_balance ORDER BY exchange,"
                              + " asset")
                      .map(
                          (rs, ctx) ->
                              new Object[] {
                                rs.getString("exchange"),
                                rs.getString("asset"),
                                new BigDecimal(rs.getString("amount"))
                              })
                      .list())
          .stream()
          .filter(row -> ((BigDecimal) row[2]).signum() > 0)
          .map(row -> new Holding((String) row[0], Asset.of((String) row[1]), (BigDecimal) row[2]))
          .toList();
    } catch (JdbiException e) {
      throw StorageErrors.map("read the paper ledger from", db.file(), e);
    }
  }

  /** Executions at or after {@code from}, oldest first. */
  public List<Summary> since(Instant from) {
    try {
      return db.jdbi()
          .withHandle(
              h ->
                  h.createQuery(
                          "SELECT executed_at, start_asset, start_spent, realized_profit FROM"
                              + " executions WHERE executed_at >= :from ORDER BY executed_at, id")
                      .bind("from", from.toEpochMilli())
                      .map(
                          (rs, ctx) ->
                              new Summary(
                                  Instant.ofEpochMilli(rs.getLong("executed_at")),
                                  Asset.of(rs.getString("start_asset")),
                                  new BigDecimal(rs.getString("start_spent")),
                                  new BigDecimal(rs.getString("realized_profit"))))
                      .list());
    } catch (JdbiException e) {
      throw StorageErrors.map("read executions from", db.file(), e);
    }
  }

  /** Number of stored executions. */
  public long count() {
    try {
      return db.jdbi()
          .withHandle(
              h -> h.createQuery("SELECT count(*) FROM executions").mapTo(Long.class).one());
    } catch (JdbiException e) {
      throw StorageErrors.map("read executions from", db.file(), e);
    }
  }

  private static void writeLedger(Handle h, List<Holding> ledger, Instant at) {
    h.createUpdate("DELETE FROM paper_balance").execute();
    for (Holding b : ledger) {
      h.createUpdate(
              "INSERT INTO paper_balance (exchange, asset, amount, updated_at)"
                  + " VALUES (:e, :a, :m, :t)")
          .bind("e", b.exchange())
          .bind("a", b.asset().toString())
          .bind("m", b.amount().toPlainString())
          .bind("t", at.toEpochMilli())
          .execute();
    }
  }

  private static ArrayNode exchanges(ExecutionResult r) {
    ArrayNode a = JSON.createArrayNode();
    r.plan().cycle().exchanges().forEach(a::add);
    return a;
  }

  private static ArrayNode fills(List<Fill> fills) {
    ArrayNode a = JSON.createArrayNode();
    for (Fill f : fills) {
      ObjectNode o = a.addObject();
      o.put("market", f.leg().market().id());
      o.put("side", f.leg().side().name().toLowerCase(java.util.Locale.ROOT));
      o.put("order_id", f.orderId());
      o.put("requested", f.requested().toPlainString());
      o.put("spent", f.spent().toPlainString());
      o.put("received", f.received().toPlainString());
      o.put("base_amount", f.baseAmount().toPlainString());
      o.put("average_price", f.averagePrice().toPlainString());
      o.put("fee", f.fee().toPlainString());
      if (!f.note().isEmpty()) {
        o.put("note", f.note());
      }
    }
    return a;
  }

  private static ArrayNode holdings(List<Holding> hs) {
    ArrayNode a = JSON.createArrayNode();
    for (Holding x : hs) {
      ObjectNode o = a.addObject();
      o.put("exchange", x.exchange());
      o.put("asset", x.asset().toString());
      o.put("amount", x.amount().toPlainString());
    }
    return a;
  }

  private static String json(ArrayNode a) {
    try {
      return JSON.writeValueAsString(a);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
