package dev.arb.storage;

/** OpportunityRepository contract against a real PostgreSQL server. */
class PostgresOpportunityRepositoryIT extends OpportunityRepositoryContract {
  @Override
  FreshDatabase.Kind kind() {
    return FreshDatabase.Kind.POSTGRES;
  }
}
