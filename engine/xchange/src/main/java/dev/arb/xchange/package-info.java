/**
 * Live market data from centralized exchanges through XChange: the {@link
 * dev.arb.xchange.XChangeMarketDataSource} adapter of the {@link
 * dev.arb.engine.port.MarketDataSource} port, with its request budget ({@link
 * dev.arb.xchange.TokenBucket}), retries ({@link dev.arb.xchange.Retrier}), circuit breaker and
 * on-disk metadata cache, and, where configured, order books kept from the exchange's WebSocket
 * stream ({@code StreamingBookFeed} over XChange's stream modules) with REST polling as the
 * fallback. XChange types never leave this package.
 */
package dev.arb.xchange;
