/**
 * Paper trading: an {@link dev.arb.engine.port.OrderExecutor} that fills orders against the current
 * books level by level and keeps a balance ledger per exchange and asset, in memory (the CLI
 * persists it in SQLite). No I/O.
 */
package dev.arb.engine.paper;
