/**
 * Constant-product pools read from a chain: {@link dev.arb.defi.pools.JsonRpcPoolReader} reads
 * every pool of the configured Uniswap-V2-style factories (or an explicit pool list), their
 * reserves and their tokens' symbols and decimals, all pinned to one block and sent in JSON-RPC
 * batches; {@link dev.arb.defi.pools.PoolSnapshots} turns the result into the engine's snapshot,
 * which the engine scans and writes as an arb snapshot of format version 2. Tokens that do not
 * follow ERC-20 to the letter are handled and reported, never fatal.
 */
package dev.arb.defi.pools;
