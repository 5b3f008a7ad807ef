package dev.arb.storage;

/** DeadLetterRepository contract against a real PostgreSQL server. */
class PostgresDeadLetterRepositoryIT extends DeadLetterRepositoryContract {
  @Override
  FreshDatabase.Kind kind() {
    return FreshDatabase.Kind.POSTGRES;
  }
}
