/**
 * Coinbase Advanced Trade (retail accounts, {@code /api/v3/brokerage}) over its REST API, written
 * in arb because no XChange module for it resolves with XChange core 5.2.1: markets from {@code
 * market/products}, books from {@code market/product_book}, the account's fee tier, IOC limit
 * orders with client order ids, their fills, and cancels; requests signed with a CDP API key (an
 * ES256 JWT per request).
 */
package dev.arb.xchange.coinbase.advanced;
