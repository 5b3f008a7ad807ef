/**
 * Readers that turn recorded market data (arb's own JSON snapshot, version 1 with books and version
 * 2 with chain pools too, top-of-book CSV, normalised L2 book files, rate tables) into a {@link
 * dev.arb.engine.model.MarketSnapshot}, and the writer of arb's snapshot format. File I/O lives
 * here, at the edge: bad markets are reported in {@link
 * dev.arb.engine.model.MarketSnapshot#problems()} and left out; a file that cannot be read at all
 * raises {@link dev.arb.error.ConfigException} (exit code 2).
 *
 * <p>Input is untrusted: every reader stays within {@link dev.arb.engine.source.InputLimits} (size,
 * counts, plausible observation times; regular files only), reads numbers with {@link
 * dev.arb.engine.source.StrictNumbers} (ASCII digits, bounded exponents) and JSON through a bounded
 * tree builder, and leaves out derivative symbols. New readers (pool sections, other formats) use
 * the same pieces: {@code InputFiles.text}, {@code InputFiles.json}, {@code SnapshotAssembler}.
 */
package dev.arb.engine.source;
