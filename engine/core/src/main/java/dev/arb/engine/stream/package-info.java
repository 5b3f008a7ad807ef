/**
 * The streaming engine's state: the books and pools last seen, the graph updated in place per
 * event, the incremental negative-cycle detector, and the search and sizing of the cycles through
 * the edges an event changed ({@link dev.arb.engine.stream.StreamEngine}). Pure core like the path
 * package: the daemon's event runner owns one and feeds it from one thread. See {@code
 * docs/streaming.md}.
 */
package dev.arb.engine.stream;
