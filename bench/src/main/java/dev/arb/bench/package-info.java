/**
 * JMH benchmarks of the scan engine's hot paths: negative-cycle detection (SPFA vs JGraphT's
 * Bellman-Ford), exact top-K cycle search, graph build, and cycle sizing (exact sweep vs the ojAlgo
 * LP), on synthetic markets. Run with {@code scripts/bench}; {@link dev.arb.bench.Summary} prints
 * the medians. Benchmarks are not tests: nothing here asserts a time.
 */
package dev.arb.bench;
