package dev.arb.storage;

/** BatchOpportunityWriter contract against SQLite. */
class SqliteBatchOpportunityWriterIT extends BatchOpportunityWriterContract {
  @Override
  FreshDatabase.Kind kind() {
    return FreshDatabase.Kind.SQLITE;
  }
}
