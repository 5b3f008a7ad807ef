package dev.arb.storage;

/** OrderJournal contract against SQLite. */
class SqliteOrderJournalIT extends OrderJournalContract {
  @Override
  FreshDatabase.Kind kind() {
    return FreshDatabase.Kind.SQLITE;
  }
}
