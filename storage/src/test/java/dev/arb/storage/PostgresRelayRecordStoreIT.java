package dev.arb.storage;

/** RelayRecordStore contract against a real PostgreSQL server. */
class PostgresRelayRecordStoreIT extends RelayRecordStoreContract {
  @Override
  FreshDatabase.Kind kind() {
    return FreshDatabase.Kind.POSTGRES;
  }
}
