package dev.arb.storage;

/** OrderJournal contract against a real PostgreSQL server. */
class PostgresOrderJournalIT extends OrderJournalContract {
  @Override
  FreshDatabase.Kind kind() {
    return FreshDatabase.Kind.POSTGRES;
  }
}
