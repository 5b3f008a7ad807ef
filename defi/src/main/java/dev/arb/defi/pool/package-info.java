/**
 * Constant-product (Uniswap-V2-style) pool math: exact swap outputs as the pairs compute them, and
 * the closed-form optimal borrow amount for a two-pool cycle financed by a flash loan.
 */
package dev.arb.defi.pool;
