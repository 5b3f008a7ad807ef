package dev.arb.xchange.live;

import dev.arb.engine.port.OrderJournal;
import dev.arb.engine.record.JournalEntry;
import dev.arb.engine.record.OrderState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The order journal in memory, keeping every version of every row (for assertions). */
final class MemoryJournal implements OrderJournal {
  final Map<String, JournalEntry> rows = new LinkedHashMap<>();
  final List<JournalEntry> history = new ArrayList<>();

  @Override
  public synchronized void insert(JournalEntry entry) {
    if (rows.putIfAbsent(entry.clientOrderId(), entry) != null) {
      throw new IllegalStateException("duplicate " + entry.clientOrderId());
    }
    history.add(entry);
  }

  @Override
  public synchronized void update(JournalEntry entry) {
    if (rows.replace(entry.clientOrderId(), entry) == null) {
      throw new IllegalStateException("no row " + entry.clientOrderId());
    }
    history.add(entry);
  }

  @Override
  public synchronized Optional<JournalEntry> find(String clientOrderId) {
    return Optional.ofNullable(rows.get(clientOrderId));
  }

  @Override
  public synchronized List<JournalEntry> unresolved() {
    return rows.values().stream().filter(e -> !e.state().terminal()).toList();
  }

  @Override
  public synchronized List<JournalEntry> forExecution(String executionRef) {
    return rows.values().stream()
        .filter(e -> e.executionRef().equals(executionRef))
        .sorted(Comparator.comparing(JournalEntry::createdAt))
        .toList();
  }

  /** The states a row went through, in order. */
  synchronized List<OrderState> states(String clientOrderId) {
    return history.stream()
        .filter(e -> e.clientOrderId().equals(clientOrderId))
        .map(JournalEntry::state)
        .toList();
  }
}
