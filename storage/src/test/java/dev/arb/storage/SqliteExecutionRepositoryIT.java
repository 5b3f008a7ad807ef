package dev.arb.storage;

/** ExecutionRepository contract against SQLite. */
class SqliteExecutionRepositoryIT extends ExecutionRepositoryContract {
  @Override
  FreshDatabase.Kind kind() {
    return FreshDatabase.Kind.SQLITE;
  }
}
