/**
 * Execution policy, pure: runs a sized {@link dev.arb.engine.sizing.TradePlan} leg by leg through
 * an {@link dev.arb.engine.port.OrderExecutor}, re-checks book and profit before each leg, unwinds
 * a half-done cycle back to the start asset, and applies the risk limits. Results are values; no
 * I/O.
 */
package dev.arb.engine.execution;
