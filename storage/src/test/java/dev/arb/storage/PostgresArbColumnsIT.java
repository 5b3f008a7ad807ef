package dev.arb.storage;

/** ArbColumns contract against a real PostgreSQL server. */
class PostgresArbColumnsIT extends ArbColumnsContract {
  @Override
  FreshDatabase.Kind kind() {
    return FreshDatabase.Kind.POSTGRES;
  }
}
