package dev.arb.storage;

import dev.arb.engine.port.RelayRecordStore;
import dev.arb.engine.record.RelayRecord;
import dev.arb.engine.record.RelaySpending;
import dev.arb.error.StorageException;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.JdbiException;

/**
 * The relayer's requests in {@code arb.db} (migration V3, table {@code relay_requests}), one row
 * per request; the day's spending is summed from them, exactly (wei as decimal text, added as
 * {@link BigInteger}).
 */
public final class SqliteRelayRecordStore implements RelayRecordStore {
  private static final String COLUMNS =
      "id, received_at, signer, target, selector, nonce, deadline, gas_limit, digest, signature,"
          + " outcome, reason_code, reason, tx_hash, gas_used, wei_reserved, wei_paid";

  private final Database db;

  public SqliteRelayRecordStore(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  @Override
  public RelayRecord insert(RelayRecord r) {
    try {
      long id =
          db.jdbi()
              .withHandle(
                  h ->
                      h.createUpdate(
                              "INSERT INTO relay_requests (received_at, utc_day, signer,"
                                  + " target, selector, nonce, deadline, gas_limit, digest,"
                                  + " signature, outcome, reason_code, reason, tx_hash,"
                                  + " gas_used, wei_reserved, wei_paid, instance) VALUES"
                                  + " (:receivedAt, :day, :signer, :target, :selector, :nonce,"
                                  + " :deadline, :gasLimit, :digest, :signature, :outcome,"
                                  + " :reasonCode, :reason, :txHash, :gasUsed, :weiReserved,"
                                  + " :weiPaid, :instance)")
                          .bindMethods(r)
                          .bind("instance", db.instance())
                          .bind(
                              "day", LocalDate.ofInstant(r.receivedAt(), ZoneOffset.UTC).toString())
                          .executeAndReturnGeneratedKeys("id")
                          .mapTo(Long.class)
                          .one());
      return r.withId(id);
    } catch (JdbiException e) {
      throw StorageErrors.map("write a relay request to", db.location(), e);
    }
  }

  @Override
  public void update(RelayRecord r) {
    Objects.requireNonNull(r.id(), "only a stored record can be updated");
    try {
      int rows =
          db.jdbi()
              .withHandle(
                  h ->
                      h.createUpdate(
                              "UPDATE relay_requests SET outcome = :outcome, reason_code ="
                                  + " :reasonCode, reason = :reason, tx_hash = :txHash, gas_used"
                                  + " = :gasUsed, wei_paid = :weiPaid WHERE id = :id")
                          .bindMethods(r)
                          .execute());
      if (rows != 1) {
        throw new StorageException(
            "relay request " + r.id() + " is not in " + db.location() + "; nothing was updated");
      }
    } catch (JdbiException e) {
      throw StorageErrors.map("update a relay request in", db.location(), e);
    }
  }

  @Override
  public List<RelayRecord> recent(int limit, String signer) {
    try {
      return db.jdbi()
          .withHandle(
              h ->
                  h.createQuery(
                          "SELECT "
                              + COLUMNS
                              + " FROM relay_requests"
                              + (signer == null ? "" : " WHERE signer = :signer")
                              + " ORDER BY received_at DESC, id DESC LIMIT :limit")
                      .bind("signer", signer == null ? null : signer.toLowerCase(Locale.ROOT))
                      .bind("limit", limit)
                      .mapTo(RelayRecord.class)
                      .list());
    } catch (JdbiException e) {
      throw StorageErrors.map("read relay requests from", db.location(), e);
    }
  }

  @Override
  public RelaySpending spending(LocalDate utcDay) {
    try {
      List<RelayRecord> rows =
          db.jdbi()
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT "
                                  + COLUMNS
                                  + " FROM relay_requests WHERE utc_day = :day AND outcome <>"
                                  + " 'rejected'")
                          .bind("day", utcDay.toString())
                          .mapTo(RelayRecord.class)
                          .list());
      Map<String, RelaySpending.Signer> bySigner = new HashMap<>();
      BigInteger total = BigInteger.ZERO;
      for (RelayRecord r : rows) {
        BigInteger wei = r.chargedWei();
        bySigner.merge(
            r.signer(),
            new RelaySpending.Signer(1, wei),
            (a, b) -> new RelaySpending.Signer(a.requests() + b.requests(), a.wei().add(b.wei())));
        total = total.add(wei);
      }
      return new RelaySpending(bySigner, total);
    } catch (JdbiException e) {
      throw StorageErrors.map("read relay spending from", db.location(), e);
    }
  }
}
