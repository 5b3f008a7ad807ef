package dev.arb.storage;

/** ExecutionRepository contract against a real PostgreSQL server. */
class PostgresExecutionRepositoryIT extends ExecutionRepositoryContract {
  @Override
  FreshDatabase.Kind kind() {
    return FreshDatabase.Kind.POSTGRES;
  }
}
