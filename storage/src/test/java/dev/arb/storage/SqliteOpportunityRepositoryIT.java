package dev.arb.storage;

/** OpportunityRepository contract against SQLite. */
class SqliteOpportunityRepositoryIT extends OpportunityRepositoryContract {
  @Override
  FreshDatabase.Kind kind() {
    return FreshDatabase.Kind.SQLITE;
  }
}
