/**
 * One scan as a pipeline: snapshot → data-age filter → path search (best simple cycles) → sizing
 * against depth → opportunities with a status and a reason. Pure: no I/O; the caller reads the
 * snapshot and records the results.
 */
package dev.arb.engine.scan;
