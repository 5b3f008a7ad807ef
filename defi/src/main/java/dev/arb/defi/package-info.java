/**
 * The on-chain side of arb: talking to an EVM chain with web3j, the flash-loan arbitrage contract
 * and the executor that only sends transactions it has simulated.
 */
package dev.arb.defi;
