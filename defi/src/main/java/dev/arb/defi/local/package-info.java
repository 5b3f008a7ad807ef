/**
 * A local arbitrage market on a dev chain (anvil): test tokens, two Uniswap V2 factories from the
 * real npm bytecode with a price gap between them, and a pair to borrow from. Used by the tests and
 * the demo; never by a real-network deployment.
 */
package dev.arb.defi.local;
