package dev.arb.storage;

/** RelayRecordStore contract against SQLite. */
class SqliteRelayRecordStoreIT extends RelayRecordStoreContract {
  @Override
  FreshDatabase.Kind kind() {
    return FreshDatabase.Kind.SQLITE;
  }
}
