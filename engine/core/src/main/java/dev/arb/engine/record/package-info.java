/**
 * The values that cross the ports: what arb keeps about every opportunity (the stored record, its
 * status, history queries), the orders it sends and their fills ({@link
 * dev.arb.engine.record.OrderRequest}, {@link dev.arb.engine.record.Fill}), executions and what
 * they leave held ({@link dev.arb.engine.record.ExecutionResult}, {@link
 * dev.arb.engine.record.Holding}, {@link dev.arb.engine.record.Unwind}), order-journal rows, dead
 * letters and relay records. Plain records: this package depends on nothing but the model and the
 * sized plan, so ports and the logic that uses them can both depend on it without a cycle.
 */
package dev.arb.engine.record;
