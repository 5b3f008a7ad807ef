package dev.arb.storage;

/** BatchOpportunityWriter contract against a real PostgreSQL server. */
class PostgresBatchOpportunityWriterIT extends BatchOpportunityWriterContract {
  @Override
  FreshDatabase.Kind kind() {
    return FreshDatabase.Kind.POSTGRES;
  }
}
