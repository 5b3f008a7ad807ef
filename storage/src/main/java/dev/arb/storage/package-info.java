/**
 * The record store on SQLite through Jdbi: opening the database file ({@link
 * dev.arb.storage.SqliteDatabase}), versioned schema migrations ({@link
 * dev.arb.storage.Migrations}), the opportunity repository and the asynchronous batch writer.
 * Library exceptions are mapped to {@link dev.arb.error.StorageException} here and never leak out.
 */
package dev.arb.storage;
