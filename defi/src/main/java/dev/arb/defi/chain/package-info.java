/**
 * JSON-RPC access to an EVM chain: the {@link dev.arb.defi.chain.ChainClient} (chain-id check,
 * timeouts, retries on reads, signing and sending, revert decoding) and {@link
 * dev.arb.defi.chain.AnvilProcess}, a local dev chain for tests and the demo.
 */
package dev.arb.defi.chain;
