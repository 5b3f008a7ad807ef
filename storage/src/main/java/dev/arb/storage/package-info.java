/**
 * The record store through Jdbi, on SQLite (the default: {@link dev.arb.storage.SqliteDatabase}) or
 * on a PostgreSQL database several arb processes share ({@link dev.arb.storage.PostgresDatabase},
 * with per-account trading locks in {@link dev.arb.storage.PostgresAccountLocks}): versioned schema
 * migrations ({@link dev.arb.storage.Migrations}) written once with the dialect differences in
 * {@code Dialect}, the repositories (named for SQLite, their first store, and run on both) and the
 * asynchronous batch writer. Library exceptions are mapped to {@link
 * dev.arb.error.StorageException} here and never leak out.
 */
package dev.arb.storage;
