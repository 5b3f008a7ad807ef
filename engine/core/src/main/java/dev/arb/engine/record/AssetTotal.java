package dev.arb.engine.record;

import java.math.BigDecimal;

/**
 * Summary of the records matching a query, per start asset.
 *
 * @param startAsset the asset profits are counted in
 * @param count how many records
 * @param estimatedProfit sum of their estimated profits (exact)
 */
public record AssetTotal(String startAsset, long count, BigDecimal estimatedProfit) {}
