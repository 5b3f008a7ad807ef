package dev.arb.defi.gasless;

import dev.arb.engine.port.RelayRecordStore;
import dev.arb.engine.record.RelayRecord;
import dev.arb.engine.record.RelaySpending;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The record store port kept in a list, for tests of the relayer (the SQLite one is in storage).
 */
final class InMemoryRelayRecordStore implements RelayRecordStore {
  private final List<RelayRecord> rows = new ArrayList<>();

  @Override
  public synchronized RelayRecord insert(RelayRecord record) {
    RelayRecord stored = record.withId(rows.size() + 1L);
    rows.add(stored);
    return stored;
  }

  @Override
  public synchronized void update(RelayRecord record) {
    rows.set((int) (record.id() - 1), record);
  }

  @Override
  public synchronized List<RelayRecord> recent(int limit, String signer) {
    return rows.stream()
        .filter(r -> signer == null || r.signer().equals(signer))
        .sorted(Comparator.comparing(RelayRecord::id).reversed())
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized RelaySpending spending(LocalDate utcDay) {
    Map<String, RelaySpending.Signer> bySigner = new HashMap<>();
    BigInteger total = BigInteger.ZERO;
    for (RelayRecord r : rows) {
      if (r.outcome() == RelayRecord.Outcome.REJECTED
          || !LocalDate.ofInstant(r.receivedAt(), ZoneOffset.UTC).equals(utcDay)) {
        continue;
      }
      bySigner.merge(
          r.signer(),
          new RelaySpending.Signer(1, r.chargedWei()),
          (a, b) -> new RelaySpending.Signer(a.requests() + b.requests(), a.wei().add(b.wei())));
      total = total.add(r.chargedWei());
    }
    return new RelaySpending(bySigner, total);
  }

  /** Every record, oldest first. */
  synchronized List<RelayRecord> all() {
    return List.copyOf(rows);
  }
}
