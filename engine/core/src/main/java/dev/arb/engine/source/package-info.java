/**
 * Readers that turn recorded market data (arb's own JSON snapshot, version 1 with books and version
 * 2 with chain pools too, top-of-book CSV, normalised L2 book files, rate tables) into a {@link
 * dev.arb.engine.model.MarketSnapshot}, and the writer of arb's snapshot format. File I/O lives
 * here, at the edge: bad markets are reported in {@link
 * dev.arb.engine.model.MarketSnapshot#problems()} and left out; a file that cannot be read at all
 * raises {@link dev.arb.error.ConfigException} (exit code 2).
 */
package dev.arb.engine.source;
