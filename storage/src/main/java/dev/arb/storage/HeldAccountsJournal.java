package dev.arb.storage;

import dev.arb.engine.port.AccountLocks;
import dev.arb.engine.port.OrderJournal;
import dev.arb.engine.record.JournalEntry;
import java.util.List;
import java.util.Optional;

/**
 * An order journal narrowed, for reconciliation, to the accounts this process holds: in a shared
 * database the unresolved orders of an account another live daemon trades are that daemon's to
 * resolve, never ours (resolving cancels open orders). An account is named by its exchange.
 */
final class HeldAccountsJournal implements OrderJournal {
  private final OrderJournal all;
  private final AccountLocks locks;

  HeldAccountsJournal(OrderJournal all, AccountLocks locks) {
    this.all = all;
    this.locks = locks;
  }

  @Override
  public void insert(JournalEntry e) {
    all.insert(e);
  }

  @Override
  public void update(JournalEntry e) {
    all.update(e);
  }

  @Override
  public Optional<JournalEntry> find(String clientOrderId) {
    return all.find(clientOrderId);
  }

  @Override
  public List<JournalEntry> unresolved() {
    return all.unresolved().stream()
        .filter(e -> locks.holds(e.exchange().toLowerCase(java.util.Locale.ROOT)))
        .toList();
  }

  @Override
  public List<JournalEntry> forExecution(String executionRef) {
    return all.forExecution(executionRef);
  }
}
