package dev.arb.engine.port;

import dev.arb.engine.record.JournalEntry;
import java.util.List;
import java.util.Optional;

/**
 * The live order journal: one row per order, written <em>before</em> the order is sent and updated
 * after every answer, so that after a crash the orders that were in flight can be found and
 * resolved. Implementations must make {@link #insert} and {@link #update} durable before they
 * return.
 */
public interface OrderJournal {

  /** Records a new order (state {@code intent}); its client order id must be new. */
  void insert(JournalEntry entry);

  /** Replaces the row of {@code entry.clientOrderId()} with {@code entry}. */
  void update(JournalEntry entry);

  /** The row of one order. */
  Optional<JournalEntry> find(String clientOrderId);

  /** Rows not in a terminal state (intent, sent, unknown), oldest first. */
  List<JournalEntry> unresolved();

  /** Every row of one execution (its orders share the reference), in client order id order. */
  List<JournalEntry> forExecution(String executionRef);
}
