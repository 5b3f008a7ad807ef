package dev.arb.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.engine.execution.DeadLetterKind;
import dev.arb.engine.execution.RiskLimits;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Decimals;
import dev.arb.engine.model.Leg;
import dev.arb.engine.port.ExecutionRepository;
import dev.arb.engine.record.ExecutionResult;
import dev.arb.engine.record.ExecutionStatus;
import dev.arb.engine.record.Fill;
import dev.arb.engine.record.Holding;
import dev.arb.engine.record.Unwind;
import dev.arb.engine.sizing.LegFill;
import dev.arb.engine.sizing.TradePlan;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * Executions, their dead letters and the paper balance ledger in {@code arb.db} (migrations V2 and
 * V3). Each execution is stored with its fills, its dead letter when it did not end as planned
 * ({@link DeadLetterKind#of}) and, for paper trading, the ledger as it stands after it, in one
 * transaction: nothing of a failed cycle is lost between them.
 */
public final class SqliteExecutionRepository implements ExecutionRepository {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SqliteDatabase db;
  private final RiskLimits limits;

  /** A repository whose dead letters do not record the risk limits (they are unknown here). */
  public SqliteExecutionRepository(SqliteDatabase db) {
    this(db, null);
  }

  /**
   * @param limits the risk limits the trader applies, recorded in every dead letter's context
   *     (null: unknown)
   */
  public SqliteExecutionRepository(SqliteDatabase db, RiskLimits limits) {
    this.db = Objects.requireNonNull(db, "db");
    this.limits = limits;
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
  @Override
  public long save(
      ExecutionResult r,
      String mode,
      Instant detectedAt,
      Instant executedAt,
      List<Holding> ledger) {
    return store(r, mode, detectedAt, executedAt, ledger, 0, null).executionId();
  }

  /**
   * Stores the execution of a retried dead letter: as {@link #save}, and in the same transaction
   * resolves dead letter {@code deadLetterId} as {@code resolution} says. The new execution gets a
   * dead letter of its own when it did not end as planned.
   */
  @Override
  public Saved saveRetry(
      ExecutionResult r,
      String mode,
      Instant detectedAt,
      Instant executedAt,
      List<Holding> ledger,
      long deadLetterId,
      Resolution resolution) {
    return store(r, mode, detectedAt, executedAt, ledger, deadLetterId, resolution);
  }

  private Saved store(
      ExecutionResult r,
      String mode,
      Instant detectedAt,
      Instant executedAt,
      List<Holding> ledger,
      long retryOf,
      Resolution resolution) {
    Row row =
        new Row(
            executedAt,
            detectedAt,
            mode,
            r.status().code(),
            r.startAsset(),
            exchanges(r),
            r.startSpent(),
            r.startReturned(),
            r.expectedProfit(),
            r.legs(),
            r.unwind(),
            r.leftover(),
            r.reason());
    // a retry that leaves its dead letter open (nothing traded) adds no second one for the same
    // cycle: the open one carries the new error
    Optional<DeadLetterKind> kind =
        resolution != null && !resolution.retried() ? Optional.empty() : DeadLetterKind.of(r);
    Optional<Dead> dead =
        kind.map(k -> new Dead(k, error(r), context(row, retryOf, plan(r.plan()), true)));
    return write(row, dead, retryOf, resolution, ledger);
  }

  /**
   * Stores a retry that sold what an incomplete unwind left back to the start asset: an execution
   * that spent no start asset (its realized profit is what came back, its expected profit 0), with
   * status {@code unwound}, or {@code stranded} and a new dead letter when something is still left.
   * In the same transaction the retried dead letter is resolved as {@code resolution} says.
   *
   * @param start the start asset sold back to
   * @param u what the unwind did
   * @param cycle the {@code plan} node (JSON) of the retried dead letter's context (carried into
   *     the new dead letter so a later retry can still use the cycle's reverse route); may be null
   */
  @Override
  public Saved saveSellBack(
      Asset start,
      Unwind u,
      String mode,
      Instant detectedAt,
      Instant executedAt,
      List<Holding> ledger,
      long deadLetterId,
      String cycle,
      Resolution resolution) {
    JsonNode plan;
    try {
      plan = cycle == null ? null : JSON.readTree(cycle);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "the retried cycle is not JSON: " + e.getOriginalMessage());
    }
    boolean left = !u.leftover().isEmpty();
    String reason =
        "retry of dead letter "
            + deadLetterId
            + ": sell leftover holdings back to "
            + start
            + (left ? "; still held: " + describe(u.leftover()) : "");
    ArrayNode ex = JSON.createArrayNode();
    LinkedHashSet<String> names = new LinkedHashSet<>();
    for (Fill f : u.fills()) {
      names.add(f.leg().exchange());
    }
    for (Holding x : u.leftover()) {
      names.add(x.exchange());
    }
    names.forEach(ex::add);
    Row row =
        new Row(
            executedAt,
            detectedAt,
            mode,
            left ? ExecutionStatus.STRANDED.code() : ExecutionStatus.UNWOUND.code(),
            start,
            ex,
            BigDecimal.ZERO,
            u.returned(),
            BigDecimal.ZERO,
            List.of(),
            u.fills(),
            u.leftover(),
            reason);
    Optional<Dead> dead =
        left
            ? Optional.of(
                new Dead(
                    DeadLetterKind.UNWIND_INCOMPLETE,
                    reason,
                    context(row, deadLetterId, plan, false)))
            : Optional.empty();
    return write(row, dead, deadLetterId, resolution, ledger);
  }

  /**
   * One transaction: the execution, its dead letter if any, the resolution of the retried dead
   * letter ({@code resolution} null: not a retry) and the paper ledger (null: left alone).
   */
  private Saved write(
      Row row, Optional<Dead> dead, long retryOf, Resolution resolution, List<Holding> ledger) {
    try {
      return db.jdbi()
          .inTransaction(
              h -> {
                long id = insertExecution(h, row);
                Optional<Long> dl =
                    dead.map(
                        d ->
                            SqliteDeadLetterRepository.insert(
                                h,
                                row.executedAt(),
                                id,
                                row.detectedAt(),
                                d.kind().code(),
                                d.error(),
                                json(d.context())));
                if (resolution != null) {
                  SqliteDeadLetterRepository.resolve(
                      h,
                      retryOf,
                      resolution.retried(),
                      noted(resolution, id, dl),
                      row.executedAt());
                }
                if (ledger != null) {
                  writeLedger(h, ledger, row.executedAt());
                }
                return new Saved(id, dl);
              });
    } catch (JdbiException e) {
      throw StorageErrors.map("write an execution to", db.file(), e);
    }
  }

  /**
   * An {@code executions} row: what was spent and returned in the start asset, what the scan
   * expected, the fills of the legs and the unwind, and what is still held.
   */
  private record Row(
      Instant executedAt,
      Instant detectedAt,
      String mode,
      String status,
      Asset start,
      ArrayNode exchanges,
      BigDecimal spent,
      BigDecimal returned,
      BigDecimal expected,
      List<Fill> legs,
      List<Fill> unwind,
      List<Holding> leftover,
      String reason) {
    BigDecimal realized() {
      return returned.subtract(spent);
    }
  }

  /** A dead letter to write with its execution. */
  private record Dead(DeadLetterKind kind, String error, ObjectNode context) {}

  /** The resolution note with the ids of the retry's execution and its own dead letter. */
  private static String noted(Resolution r, long executionId, Optional<Long> deadLetter) {
    return r.note()
        + " (execution "
        + executionId
        + deadLetter.map(d -> "; its dead letter " + d).orElse("")
        + ")";
  }

  private static long insertExecution(Handle h, Row row) {
    BigDecimal realized = row.realized();
    return h.createUpdate(
            "INSERT INTO executions (executed_at, detected_at, mode, status,"
                + " start_asset, exchanges, start_spent, start_returned,"
                + " expected_profit, realized_profit, difference, legs, unwind,"
                + " leftover, reason) VALUES (:executedAt, :detectedAt, :mode,"
                + " :status, :startAsset, :exchanges, :spent, :returned,"
                + " :expected, :realized, :difference, :legs, :unwind, :leftover,"
                + " :reason)")
        .bind("executedAt", row.executedAt())
        .bind("detectedAt", row.detectedAt())
        .bind("mode", row.mode())
        .bind("status", row.status())
        .bind("startAsset", row.start())
        .bind("exchanges", json(row.exchanges()))
        .bind("spent", Decimals.normalise(row.spent()))
        .bind("returned", Decimals.normalise(row.returned()))
        .bind("expected", Decimals.normalise(row.expected()))
        .bind("realized", Decimals.normalise(realized))
        .bind("difference", Decimals.normalise(realized.subtract(row.expected())))
        .bind("legs", json(fills(row.legs())))
        .bind("unwind", json(fills(row.unwind())))
        .bind("leftover", json(holdings(row.leftover())))
        .bind("reason", row.reason().isEmpty() ? null : row.reason())
        .executeAndReturnGeneratedKeys("id")
        .mapTo(Long.class)
        .one();
  }

  /** The dead letter's error: status and reason, and what is still held. */
  private static String error(ExecutionResult r) {
    String e = r.status().code() + ": " + r.reason();
    if (!r.leftover().isEmpty()) {
      e += "; still held: " + describe(r.leftover());
    }
    return e;
  }

  private static String describe(List<Holding> hs) {
    StringBuilder sb = new StringBuilder();
    for (Holding x : hs) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(x.amount().toPlainString())
          .append(' ')
          .append(x.asset())
          .append(" on ")
          .append(x.exchange());
    }
    return sb.toString();
  }

  /**
   * Everything a person or a retry needs about a failed execution: {@code plan} (omitted when
   * null), the fills, what is still held, and with {@code profits} the expected and realized
   * profit; {@code retryOf} (when &gt; 0) is the dead letter it retried.
   */
  private ObjectNode context(Row row, long retryOf, JsonNode plan, boolean profits) {
    ObjectNode c = JSON.createObjectNode();
    c.put("mode", row.mode());
    c.put("status", row.status());
    c.put("start_asset", row.start().toString());
    c.set("exchanges", row.exchanges());
    if (retryOf > 0) {
      c.put("retry_of", retryOf);
    }
    if (plan != null) {
      c.set("plan", plan);
    }
    c.set("fills", fills(row.legs()));
    c.set("unwind", fills(row.unwind()));
    c.set("leftover", holdings(row.leftover()));
    c.put("start_spent", row.spent().toPlainString());
    c.put("start_returned", row.returned().toPlainString());
    if (profits) {
      c.put("expected_profit", row.expected().toPlainString());
      c.put("realized_profit", Decimals.normalise(row.realized()).toPlainString());
    }
    c.put("reason", row.reason());
    c.set("risk", risk(limits));
    return c;
  }

  private static ObjectNode plan(TradePlan p) {
    ObjectNode o = JSON.createObjectNode();
    ArrayNode legs = o.putArray("legs");
    for (LegFill f : p.fills()) {
      Leg l = f.leg();
      ObjectNode x = legs.addObject();
      x.put("market", l.market().id());
      x.put("exchange", l.exchange());
      x.put("base", l.market().base().toString());
      x.put("quote", l.market().quote().toString());
      x.put("side", l.side().name().toLowerCase(Locale.ROOT));
      x.put("taker_fee", l.market().takerFee().toPlainString());
      x.put("spent", f.spent().toPlainString());
      x.put("received", f.received().toPlainString());
      x.put("worst_price", f.worstPrice().toPlainString());
    }
    o.put("start_amount", p.startAmount().toPlainString());
    o.put("end_amount", p.endAmount().toPlainString());
    o.put("profit", p.profit().toPlainString());
    return o;
  }

  private static JsonNode risk(RiskLimits l) {
    if (l == null) {
      return JSON.nullNode();
    }
    ObjectNode o = JSON.createObjectNode();
    o.put("max_trade_notional", l.maxTradeNotional().map(BigDecimal::toPlainString).orElse(null));
    o.put("max_daily_notional", l.maxDailyNotional().map(BigDecimal::toPlainString).orElse(null));
    o.put("min_profit", l.threshold().minProfit().toPlainString());
    o.put("slippage_buffer_bp", l.threshold().slippageBufferBp().toPlainString());
    o.put("max_data_age", l.maxDataAge().map(Object::toString).orElse(null));
    o.put("daily_loss_limit", l.dailyLossLimit().map(BigDecimal::toPlainString).orElse(null));
    o.put("max_open_cycles", l.maxOpenCycles());
    return o;
  }

  /**
   * Creates the paper ledger with {@code initial} if it has no rows yet.
   *
   * @return true when it was created now, false when it already existed (left as it is)
   */
  @Override
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
  @Override
  public List<Holding> paperBalances() {
    try {
      return db
          .jdbi()
          .withHandle(
              h ->
                  h.createQuery(
                          "SELECT exchange, asset, amount FROM paper_balance ORDER BY exchange,"
                              + " asset")
                      .mapTo(ArbColumns.LedgerRow.class)
                      .list())
          .stream()
          .filter(row -> row.amount().signum() > 0)
          .map(row -> new Holding(row.exchange(), row.asset(), row.amount()))
          .toList();
    } catch (JdbiException e) {
      throw StorageErrors.map("read the paper ledger from", db.file(), e);
    }
  }

  /** Executions at or after {@code from}, oldest first. */
  @Override
  public List<Summary> since(Instant from) {
    try {
      return db.jdbi()
          .withHandle(
              h ->
                  h.createQuery(
                          "SELECT executed_at, start_asset, start_spent, realized_profit FROM"
                              + " executions WHERE executed_at >= :from ORDER BY executed_at, id")
                      .bind("from", from)
                      .mapTo(Summary.class)
                      .list());
    } catch (JdbiException e) {
      throw StorageErrors.map("read executions from", db.file(), e);
    }
  }

  /** Number of stored executions. */
  @Override
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
          .bind("a", b.asset())
          .bind("m", b.amount())
          .bind("t", at)
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

  private static String json(JsonNode a) {
    try {
      return JSON.writeValueAsString(a);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
