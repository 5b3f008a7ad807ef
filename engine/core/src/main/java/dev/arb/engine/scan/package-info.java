/**
 * One scan as a pipeline: snapshot → data-age filter → liquidity floor for pools → path search
 * (best simple cycles over books and pools) → sizing against depth and pool curves, gas →
 * opportunities with a status and a reason. Pure: no I/O; the caller reads the snapshot and records
 * the results.
 */
package dev.arb.engine.scan;
