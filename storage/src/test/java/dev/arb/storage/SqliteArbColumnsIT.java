package dev.arb.storage;

/** ArbColumns contract against SQLite. */
class SqliteArbColumnsIT extends ArbColumnsContract {
  @Override
  FreshDatabase.Kind kind() {
    return FreshDatabase.Kind.SQLITE;
  }
}
