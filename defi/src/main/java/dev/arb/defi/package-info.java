/**
 * The on-chain side of arb: chain client, keystore credentials, nonce manager, gas oracle and the
 * flash-loan executor. Empty until the DeFi issue lands; {@code arb defi} says so.
 */
package dev.arb.defi;
