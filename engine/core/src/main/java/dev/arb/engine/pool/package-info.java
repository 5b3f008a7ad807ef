/**
 * Questions about the pools of a snapshot that need more than one pool: a token's value in another
 * through the deepest pool joining them ({@link dev.arb.engine.pool.TokenValues}), the liquidity
 * filter ({@link dev.arb.engine.pool.LiquidityFilter}) and the names output gives tokens ({@link
 * dev.arb.engine.pool.TokenNames}). Pure core, no I/O.
 */
package dev.arb.engine.pool;
