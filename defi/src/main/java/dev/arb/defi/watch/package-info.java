/**
 * The daemon's chain adapter: {@link dev.arb.defi.watch.JsonRpcPoolWatch} follows a chain block by
 * block (polling {@code eth_blockNumber}, block headers and {@code eth_getLogs} of the tracked
 * pools), applying {@code Sync} (V2) and {@code Swap}/{@code Mint} (V3) events exactly and reading
 * a pool again where an event cannot be applied ({@code Burn}, a swap leaving the ticks read) or on
 * a reorg; {@link dev.arb.defi.watch.FlashRouteExecutor} turns an engine-sized DEX cycle into a
 * flash-loan route, simulates it at the latest block, values gas in the start token, sends it when
 * it pays, and follows it until mined, replaced or dropped. {@link dev.arb.defi.watch.PoolEvents}
 * decodes the events.
 */
package dev.arb.defi.watch;
