package dev.arb.storage;

/** DeadLetterRepository contract against SQLite. */
class SqliteDeadLetterRepositoryIT extends DeadLetterRepositoryContract {
  @Override
  FreshDatabase.Kind kind() {
    return FreshDatabase.Kind.SQLITE;
  }
}
