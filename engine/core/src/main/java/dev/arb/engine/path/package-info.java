/**
 * The cycle finder: builds a compact primitive graph (CSR arrays, weights {@code −ln rate}) of
 * books and pools from a {@link dev.arb.engine.model.MarketSnapshot} once per snapshot, detects
 * negative cycles with SPFA and finds the exact top-K simple cycles up to a length bound by
 * branch-and-bound DFS. For streaming: rates updated in place, an incremental detector that keeps
 * node potentials between updates ({@link dev.arb.engine.path.IncrementalDetector}) and the search
 * restricted to the cycles through one edge ({@link dev.arb.engine.path.EdgeCycleSearch}). Pure
 * core: no I/O, no library types; the hot loops use primitives only. See {@code
 * docs/path-optimizer.md} and {@code docs/streaming.md}.
 */
package dev.arb.engine.path;
