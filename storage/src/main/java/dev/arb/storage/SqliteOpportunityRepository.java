package dev.arb.storage;

import dev.arb.engine.port.OpportunityRepository;
import dev.arb.engine.record.AssetTotal;
import dev.arb.engine.record.HistoryQuery;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.record.OpportunityStatus;
import dev.arb.error.StorageException;
import java.math.BigDecimal;
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

  private static final String COLUMNS =
      "id, detected_at, status, start_asset, exchanges, assets, path, solution,"
          + " estimated_profit, return_bp, realized_profit, reason, instance";

  /** {@link #COLUMNS} named as {@link OpportunityRecord}'s components. */
  private static final String RECORD =
      "id, detected_at, status, start_asset, exchanges, assets, path AS path_json,"
          + " solution AS solution_json, estimated_profit, return_bp, realized_profit, reason,"
          + " instance";

  /** The {@code id_sequence} row of this table's ids. */
  private static final String ID_SEQUENCE = "arbitrage_record";

  private final Database db;
  private final boolean holdsDataDir;

  /** A repository for a process that does not hold the data directory: it cannot recover. */
  public SqliteOpportunityRepository(Database db) {
    this(db, false);
  }

  /**
   * @param holdsDataDir whether this process holds the data directory's {@link DataDirLock}: only
   *     then may it mark what was left in flight failed ({@link #failExecuting})
   */
  SqliteOpportunityRepository(Database db, boolean holdsDataDir) {
    this.db = db;
    this.holdsDataDir = holdsDataDir;
  }

  @Override
  public List<OpportunityRecord> saveAll(List<OpportunityRecord> records) {
    if (records.isEmpty()) {
      return List.of();
    }
    try {
      return db.inTransaction(h -> insert(h, records));
    } catch (JdbiException e) {
      throw StorageErrors.map("write " + records.size() + " records to", db.location(), e);
    }
  }

  /**
   * Writes a batch that was kept in the spill file, unless a batch with this id was written before
   * (a replay that was cut short and runs again): records and the batch's id in one transaction.
   *
   * @return whether it was written now (false: it was already there)
   */
  boolean saveOnce(String batchId, List<OpportunityRecord> records, java.time.Instant at) {
    try {
      return db.inTransaction(
          h -> {
            boolean done =
                h.createQuery("SELECT 1 FROM spill_batches WHERE batch = :b")
                    .bind("b", batchId)
                    .mapTo(Integer.class)
                    .findOne()
                    .isPresent();
            if (done) {
              return false;
            }
            if (!records.isEmpty()) {
              insert(h, records);
            }
            h.createUpdate(
                    "INSERT INTO spill_batches (batch, records, replayed_at, instance)"
                        + " VALUES (:b, :n, :t, :i)")
                .bind("b", batchId)
                .bind("i", db.instance())
                .bind("n", records.size())
                .bind("t", at)
                .execute();
            return true;
          });
    } catch (JdbiException e) {
      throw StorageErrors.map(
          "write " + records.size() + " records kept in the spill to", db.location(), e);
    }
  }

  private List<OpportunityRecord> insert(Handle h, List<OpportunityRecord> records) {
    // The transaction holds the write lock (Database#inTransaction): ids after the last one ever
    // given are ours and can be assigned up front, which lets all three tables be written as
    // prepared batches. The last id is kept in id_sequence (V8) and advanced in this transaction,
    // so a pruned record's id is never given again.
    String instance = db.instance();
    long next = lastId(h) + 1;
    PreparedBatch main =
        h.prepareBatch(
            "INSERT INTO arbitrage_record ("
                + COLUMNS
                + ") VALUES (:id, :detected_at, :status, :start_asset, :exchanges, :assets, :path,"
                + " :solution, :estimated_profit, :return_bp, :realized_profit, :reason, :instance)");
    PreparedBatch exchanges =
        h.prepareBatch(
            "INSERT INTO arbitrage_record_exchange (record_id, exchange) VALUES (:id, :v)"
                + " ON CONFLICT DO NOTHING");
    PreparedBatch assets =
        h.prepareBatch(
            "INSERT INTO arbitrage_record_asset (record_id, asset) VALUES (:id, :v)"
                + " ON CONFLICT DO NOTHING");
    List<OpportunityRecord> saved = new ArrayList<>(records.size());
    for (OpportunityRecord r : records) {
      long id = next++;
      main.bind("id", id)
          .bind("detected_at", r.detectedAt())
          .bind("status", r.status())
          .bind("start_asset", r.startAsset())
          .bind("exchanges", ArbColumns.json(r.exchanges()))
          .bind("assets", ArbColumns.json(r.assets()))
          .bind("path", r.pathJson())
          .bind("solution", r.solutionJson())
          .bind("estimated_profit", r.estimatedProfit())
          .bind("return_bp", r.returnBp())
          .bind("realized_profit", r.realizedProfit())
          .bind("reason", r.reason())
          .bind("instance", instance)
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
      saved.add(r.withId(id).withInstance(instance));
    }
    main.execute();
    if (exchanges.size() > 0) {
      exchanges.execute();
    }
    assets.execute();
    h.createUpdate(
            "INSERT INTO id_sequence (name, last_id) VALUES (:name, :last)"
                + " ON CONFLICT (name) DO UPDATE SET last_id = excluded.last_id")
        .bind("name", ID_SEQUENCE)
        .bind("last", next - 1)
        .execute();
    return saved;
  }

  /**
   * The highest record id ever given: the sequence's, or the table's highest id if a row was
   * written around the sequence (never lower, so an id in the table is never given again either).
   */
  private static long lastId(Handle h) {
    long given =
        h.createQuery("SELECT last_id FROM id_sequence WHERE name = :name")
            .bind("name", ID_SEQUENCE)
            .mapTo(Long.class)
            .findOne()
            .orElse(0L);
    long highest =
        h.createQuery("SELECT coalesce(max(id), 0) FROM arbitrage_record").mapTo(Long.class).one();
    return Math.max(given, highest);
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
                            + RECORD
                            + " FROM arbitrage_record"
                            + where
                            + " ORDER BY detected_at DESC, id DESC LIMIT :limit");
                params.forEach(q::bind);
                q.bind("limit", query.limit());
                return q.mapTo(OpportunityRecord.class).list();
              });
    } catch (JdbiException e) {
      throw StorageErrors.map("read records from", db.location(), e);
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
                    .mapTo(ArbColumns.ProfitRow.class)
                    .forEach(
                        row -> {
                          counts.computeIfAbsent(row.startAsset(), k -> new long[1])[0]++;
                          sums.merge(row.startAsset(), row.estimatedProfit(), BigDecimal::add);
                        });
              });
      List<AssetTotal> out = new ArrayList<>(counts.size());
      counts.forEach(
          (asset, n) -> out.add(new AssetTotal(asset, n[0], normalise(sums.get(asset)))));
      return out;
    } catch (JdbiException e) {
      throw StorageErrors.map("read records from", db.location(), e);
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
    if (!holdsDataDir) {
      throw new StorageException(
          "only the process holding the data directory ("
              + DataDirLock.FILE
              + " next to "
              + db.location()
              + ") may mark records left executing failed: another one may still be executing"
              + " them");
    }
    // in a shared database the other instances' records in flight are theirs to recover
    String mine = " AND (:any_instance OR instance = :instance)";
    boolean anyInstance = !db.dialect().shared();
    try {
      // Nearly always there is nothing in flight: look first, so a start does not pay for a write
      // transaction (and its sync) for nothing.
      boolean any =
          db.jdbi()
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT 1 FROM arbitrage_record WHERE status = :executing"
                                  + mine
                                  + " LIMIT 1")
                          .bind("executing", OpportunityStatus.EXECUTING)
                          .bind("any_instance", anyInstance)
                          .bind("instance", db.instance())
                          .mapTo(Integer.class)
                          .findOne()
                          .isPresent());
      if (!any) {
        return 0;
      }
      return db.inTransaction(
          h ->
              h.createUpdate(
                      "UPDATE arbitrage_record SET status = :failed, reason = :reason"
                          + " WHERE status = :executing"
                          + mine)
                  .bind("any_instance", anyInstance)
                  .bind("instance", db.instance())
                  .bind("failed", OpportunityStatus.FAILED)
                  .bind("executing", OpportunityStatus.EXECUTING)
                  .bind("reason", reason)
                  .execute());
    } catch (JdbiException e) {
      throw StorageErrors.map("recover in-flight records in", db.location(), e);
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
                      .mapTo(Instant.class)
                      .findOne());
    } catch (JdbiException e) {
      throw StorageErrors.map("read records from", db.location(), e);
    }
  }

  @Override
  public long countPrunable(Instant before, Set<OpportunityStatus> statuses) {
    try {
      return db.jdbi()
          .withHandle(
              h -> {
                Map<String, Object> params = new LinkedHashMap<>();
                Query q =
                    h.createQuery(
                        "SELECT count(*) FROM arbitrage_record"
                            + prunable(before, statuses, params));
                params.forEach(q::bind);
                return q.mapTo(Long.class).one();
              });
    } catch (JdbiException e) {
      throw StorageErrors.map("read records from", db.location(), e);
    }
  }

  @Override
  public long prune(Instant before, Set<OpportunityStatus> statuses, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
    }
    long deleted = 0;
    try {
      while (true) {
        int n =
            db.inTransaction(
                h -> {
                  Map<String, Object> params = new LinkedHashMap<>();
                  Query q =
                      h.createQuery(
                          "SELECT id FROM arbitrage_record"
                              + prunable(before, statuses, params)
                              + " ORDER BY id LIMIT :batch");
                  params.forEach(q::bind);
                  List<Long> ids = q.bind("batch", batchSize).mapTo(Long.class).list();
                  if (ids.isEmpty()) {
                    return 0;
                  }
                  // the ids are numbers read just now, never input: written into the statement
                  String in =
                      ids.stream()
                          .map(String::valueOf)
                          .collect(java.util.stream.Collectors.joining(","));
                  for (String table :
                      List.of("arbitrage_record_exchange", "arbitrage_record_asset")) {
                    h.createUpdate("DELETE FROM " + table + " WHERE record_id IN (" + in + ")")
                        .execute();
                  }
                  return h.createUpdate("DELETE FROM arbitrage_record WHERE id IN (" + in + ")")
                      .execute();
                });
        deleted += n;
        if (n < batchSize) {
          return deleted;
        }
      }
    } catch (JdbiException e) {
      throw StorageErrors.map(
          "delete old records (" + deleted + " deleted so far) from", db.location(), e);
    }
  }

  /** The WHERE clause of the records {@link #prune} deletes. */
  private static String prunable(
      Instant before, Set<OpportunityStatus> statuses, Map<String, Object> params) {
    java.util.Objects.requireNonNull(before, "before");
    List<String> terms = new ArrayList<>();
    terms.add("detected_at < :before");
    params.put("before", before);
    terms.add("status <> :in_flight");
    params.put("in_flight", OpportunityStatus.EXECUTING);
    if (!statuses.isEmpty()) {
      List<String> names = new ArrayList<>();
      int i = 0;
      for (OpportunityStatus s : statuses) {
        names.add(":status" + i);
        params.put("status" + i, s);
        i++;
      }
      terms.add("status IN (" + String.join(", ", names) + ")");
    }
    return " WHERE " + String.join(" AND ", terms);
  }

  /** The WHERE clause of a query (leading space, or empty), filling the bound parameters. */
  private static String where(HistoryQuery query, Map<String, Object> params) {
    List<String> terms = new ArrayList<>();
    query
        .since()
        .ifPresent(
            t -> {
              terms.add("detected_at >= :since");
              params.put("since", t);
            });
    query
        .until()
        .ifPresent(
            t -> {
              terms.add("detected_at < :until");
              params.put("until", t);
            });
    if (!query.statuses().isEmpty()) {
      List<String> names = new ArrayList<>();
      int i = 0;
      for (OpportunityStatus s : query.statuses()) {
        names.add(":status" + i);
        params.put("status" + i, s);
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
    query
        .instance()
        .ifPresent(
            i -> {
              terms.add("instance = :instance");
              params.put("instance", i);
            });
    if (query.minProfitBp().isPresent()) {
      terms.add("return_bp >= :min_bp");
      params.put("min_bp", query.minProfitBp().getAsDouble());
    }
    return terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms);
  }

  private static String key(String name) {
    return name.trim().toLowerCase(Locale.ROOT);
  }

  private static BigDecimal normalise(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }
}
