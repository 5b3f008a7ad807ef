/**
 * The domain model: assets, markets, order books, legs, cycles and snapshots. Immutable records
 * with validating constructors; decimals are exact and scale-normalised.
 */
package dev.arb.engine.model;
