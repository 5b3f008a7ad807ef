/**
 * The on-chain side of the daemon, as ports and the values that cross them: a chain's pools kept
 * current block by block ({@link dev.arb.engine.chain.PoolWatch}, what it shows: {@link
 * dev.arb.engine.chain.ChainView}) and the execution of a DEX-only sized cycle ({@link
 * dev.arb.engine.chain.DexExecutor}, each attempt a {@link dev.arb.engine.chain.DexAttempt}).
 * Implemented by the chain adapter (arb-defi); used by the daemon. No I/O here.
 */
package dev.arb.engine.chain;
