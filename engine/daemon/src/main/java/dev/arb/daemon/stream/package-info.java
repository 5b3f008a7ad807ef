/**
 * The streaming runner's parts that know nothing of the daemon: the event ring (LMAX Disruptor, one
 * writer of the market state, preallocated {@link dev.arb.daemon.stream.MarketEvent} slots), the
 * decision step shared by {@code arb run}, its replay and {@code arb backtest} ({@link
 * dev.arb.daemon.stream.EventDecider}), the tick-to-decision latency histograms, the event journal
 * ({@code arb record --stream}), the backtest and the in-process benchmark ({@code arb bench
 * stream}). See {@code docs/streaming.md}.
 */
package dev.arb.daemon.stream;
