/**
 * The daemon's chains: one {@link dev.arb.daemon.chain.ChainFollower} per configured chain follows
 * its pools block by block through the {@link dev.arb.engine.chain.PoolWatch} port, scans them
 * after every block that changed a pool, and hands each sized DEX-only cycle to the {@link
 * dev.arb.engine.chain.DexExecutor} port (never two transactions for the same pools at once),
 * recording every attempt. {@link dev.arb.daemon.chain.ChainStatus} is what {@code /status} and
 * {@code /metrics} show of it.
 */
package dev.arb.daemon.chain;
