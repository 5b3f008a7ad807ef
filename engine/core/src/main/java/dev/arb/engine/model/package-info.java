/**
 * The domain model: assets, markets, order books, legs, cycles and snapshots; on chains, tokens
 * (chain, address) and liquidity pools, markets beside the books ({@link
 * dev.arb.engine.model.Tradable}: {@link dev.arb.engine.model.Market} or {@link
 * dev.arb.engine.model.Pool}), with each pool kind's exact integer swap arithmetic. Immutable
 * records with validating constructors; decimals are exact and scale-normalised, pool amounts are
 * integers in smallest units.
 */
package dev.arb.engine.model;
