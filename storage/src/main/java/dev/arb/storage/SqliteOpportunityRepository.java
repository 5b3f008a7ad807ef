package dev.arb.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.arb.engine.json.Json;
import dev.arb.engine.port.OpportunityRepository;
import dev.arb.engine.record.AssetTotal;
import dev.arb.engine.record.HistoryQuery;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.record.OpportunityStatus;
import dev.arb.error.StorageException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * {@link OpportunityRepository} on the {@code arbitrage_record} tables. Amounts are stored as plain
 * decimal strings and summed in Java, so totals are exact; exchanges and assets are kept in their
 * given case for display and lower-cased in child tables for the (indexed) filters.
 */
public final class SqliteOpportunityRepository implements OpportunityRepository {

  private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {};

  private static final String COLUMNS =
      "id, detected_at, status, start_asset, exchanges, assets, path, solution,"
          + " estimated_profit, return_bp, realized_profit, reason";

  private final SqliteDatabase db;

  public SqliteOpportunityRepository(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public List<OpportunityRecord> saveAll(List<OpportunityRecord> records) {
    if (records.isEmpty()) {
      return List.of();
    }
    try {
      return db.jdbi().inTransaction(h -> insert(h, records));
    } catch (JdbiException e) {
      throw StorageErrors.map("write " + records.size() + " records to", db.file(), e);
    }
  }

  private static List<OpportunityRecord> insert(Handle h, List<OpportunityRecord> records) {
    // The transaction is BEGIN IMMEDIATE (see SqliteDatabase): we hold the write lock, so ids
    // after the current maximum are ours and can be assigned up front, which lets all three tables
    // be written as prepared batches.
    long next =
        h.createQuery("SELECT coalesce(max(id), 0) FROM arbitrage_record").mapTo(Long.class).one()
            + 1;
    PreparedBatch main =
        h.prepareBatch(
            "INSERT INTO arbitrage_record ("
                + COLUMNS
                + ") VALUES (:id, :detected_at, :status, :start_asset, :exchanges, :assets, :path,"
                + " :solution, :estimated_profit, :return_bp, :realized_profit, :reason)");
    PreparedBatch exchanges =
        h.prepareBatch(
            "INSERT OR IGNORE INTO arbitrage_record_exchange (record_id, exchange) VALUES (:id, :v)");
    PreparedBatch assets =
        h.prepareBatch(
            "INSERT OR IGNORE INTO arbitrage_record_asset (record_id, asset) VALUES (:id, :v)");
    List<OpportunityRecord> saved = new ArrayList<>(records.size());
    for (OpportunityRecord r : records) {
      long id = next++;
      main.bind("id", id)
          .bind("detected_at", r.detectedAt().toEpochMilli())
          .bind("status", r.status().code())
          .bind("start_asset", r.startAsset())
          .bind("exchanges", toJson(r.exchanges()))
          .bind("assets", toJson(r.assets()))
          .bind("path", r.pathJson())
          .bind("solution", r.solutionJson())
          .bind("estimated_profit", r.estimatedProfit().toPlainString())
          .bind("return_bp", r.returnBp())
          .bind(
              "realized_profit",
              r.realizedProfit() == null ? null : r.realizedProfit().toPlainString())
          .bind("reason", r.reason())
          .add();
      for (String e : r.exchanges()) {
        exchanges.bind("id", id).bind("v", key(e)).add();
      }
      Set<String> through = new LinkedHashSet<>();
      through.add(key(r.startAsset()));
      for (String a : r.assets()) {
        through.add(key(a));
      }
      for (String a : through) {
        assets.bind("id", id).bind("v", a).add();
      }
      saved.add(r.withId(id));
    }
    main.execute();
    if (exchanges.size() > 0) {
      exchanges.execute();
    }
    assets.execute();
    return saved;
  }

  @Override
  public List<OpportunityRecord> find(HistoryQuery query) {
    try {
      return db.jdbi()
          .withHandle(
              h -> {
                Map<String, Object> params = new LinkedHashMap<>();
                String where = where(query, params);
                Query q =
                    h.createQuery(
                        "SELECT "
                            + COLUMNS
                            + " FROM arbitrage_record"
                            + where
                            + " ORDER BY detected_at DESC, id DESC LIMIT :limit");
                params.forEach(q::bind);
                q.bind("limit", query.limit());
                return q.map((rs, ctx) -> read(rs)).list();
              });
    } catch (JdbiException e) {
      throw StorageErrors.map("read records from", db.file(), e);
    }
  }

  @Override
  public List<AssetTotal> summarize(HistoryQuery query) {
    try {
      Map<String, long[]> counts = new TreeMap<>();
      Map<String, BigDecimal> sums = new TreeMap<>();
      db.jdbi()
          .useHandle(
              h -> {
                Map<String, Object> params = new LinkedHashMap<>();
                String where = where(query, params);
                Query q =
                    h.createQuery(
                        "SELECT start_asset, estimated_profit FROM arbitrage_record" + where);
                params.forEach(q::bind);
                q.setFetchSize(1000)
                    .map(
                        (rs, ctx) -> {
                          String asset = rs.getString(1);
                          counts.computeIfAbsent(asset, k -> new long[1])[0]++;
                          sums.merge(asset, new BigDecimal(rs.getString(2)), BigDecimal::add);
                          return Boolean.TRUE;
                        })
                    .forEach(x -> {});
              });
      List<AssetTotal> out = new ArrayList<>(counts.size());
      counts.forEach(
          (asset, n) -> out.add(new AssetTotal(asset, n[0], normalise(sums.get(asset)))));
      return out;
    } catch (JdbiException e) {
      throw StorageErrors.map("read records from", db.file(), e);
    }
  }

  /**
   * Recovery after a restart: every record still {@code executing} was in flight when the previous
   * process ended and can no longer finish, so it is marked {@code failed} with {@code reason}, in
   * one transaction. Other records are left alone.
   *
   * @return how many records were marked failed
   */
  @Override
  public int failExecuting(String reason) {
    java.util.Objects.requireNonNull(reason, "reason");
    try {
      // Nearly always there is nothing in flight: look first, so a start does not pay for a write
      // transaction (and its sync) for nothing.
      boolean any =
          db.jdbi()
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT 1 FROM arbitrage_record WHERE status = :executing LIMIT 1")
                          .bind("executing", OpportunityStatus.EXECUTING.code())
                          .mapTo(Integer.class)
                          .findOne()
                          .isPresent());
      if (!any) {
        return 0;
      }
      return db.jdbi()
          .inTransaction(
              h ->
                  h.createUpdate(
                          "UPDATE arbitrage_record SET status = :failed, reason = :reason"
                              + " WHERE status = :executing")
                      .bind("failed", OpportunityStatus.FAILED.code())
                      .bind("executing", OpportunityStatus.EXECUTING.code())
                      .bind("reason", reason)
                      .execute());
    } catch (JdbiException e) {
      throw StorageErrors.map("recover in-flight records in", db.file(), e);
    }
  }

  /** When the newest stored record was detected; empty when there are none. */
  @Override
  public java.util.Optional<Instant> latestDetectedAt() {
    try {
      return db.jdbi()
          .withHandle(
              h ->
                  h.createQuery("SELECT max(detected_at) FROM arbitrage_record")
                      .mapTo(Long.class)
                      .findOne()
                      .map(Instant::ofEpochMilli));
    } catch (JdbiException e) {
      throw StorageErrors.map("read records from", db.file(), e);
    }
  }

  /** The WHERE clause of a query (leading space, or empty), filling the bound parameters. */
  private static String where(HistoryQuery query, Map<String, Object> params) {
    List<String> terms = new ArrayList<>();
    query
        .since()
        .ifPresent(
            t -> {
              terms.add("detected_at >= :since");
              params.put("since", t.toEpochMilli());
            });
    query
        .until()
        .ifPresent(
            t -> {
              terms.add("detected_at < :until");
              params.put("until", t.toEpochMilli());
            });
    if (!query.statuses().isEmpty()) {
      List<String> names = new ArrayList<>();
      int i = 0;
      for (OpportunityStatus s : query.statuses()) {
        names.add(":status" + i);
        params.put("status" + i, s.code());
        i++;
      }
      terms.add("status IN (" + String.join(", ", names) + ")");
    }
    query
        .exchange()
        .ifPresent(
            e -> {
              terms.add(
                  "id IN (SELECT record_id FROM arbitrage_record_exchange WHERE exchange = :exchange)");
              params.put("exchange", key(e));
            });
    query
        .asset()
        .ifPresent(
            a -> {
              terms.add(
                  "id IN (SELECT record_id FROM arbitrage_record_asset WHERE asset = :asset)");
              params.put("asset", key(a));
            });
    if (query.minProfitBp().isPresent()) {
      terms.add("return_bp >= :min_bp");
      params.put("min_bp", query.minProfitBp().getAsDouble());
    }
    return terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms);
  }

  private static OpportunityRecord read(ResultSet rs) throws SQLException {
    long id = rs.getLong("id");
    String status = rs.getString("status");
    OpportunityStatus parsed;
    try {
      parsed = OpportunityStatus.parse(status);
    } catch (IllegalArgumentException e) {
      throw new StorageException(
          "record " + id + " has status '" + status + "' which this arb does not know; upgrade arb",
          e);
    }
    String realized = rs.getString("realized_profit");
    return new OpportunityRecord(
        id,
        Instant.ofEpochMilli(rs.getLong("detected_at")),
        parsed,
        rs.getString("start_asset"),
        fromJson(rs.getString("exchanges")),
        fromJson(rs.getString("assets")),
        rs.getString("path"),
        rs.getString("solution"),
        new BigDecimal(rs.getString("estimated_profit")),
        rs.getDouble("return_bp"),
        realized == null ? null : new BigDecimal(realized),
        rs.getString("reason"));
  }

  private static String key(String name) {
    return name.trim().toLowerCase(Locale.ROOT);
  }

  private static String toJson(List<String> list) {
    return Json.write(list);
  }

  private static List<String> fromJson(String json) {
    try {
      return Json.reader().forType(STRING_LIST).readValue(json);
    } catch (JsonProcessingException e) {
      throw new StorageException("a stored list is not valid JSON: " + json, e);
    }
  }

  private static BigDecimal normalise(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }
}
