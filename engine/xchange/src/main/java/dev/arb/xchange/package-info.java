/**
 * Live market data from centralized exchanges through XChange: the common adapter behind the {@link
 * dev.arb.engine.port.MarketDataSource} port ({@link dev.arb.xchange.XChangeMarketDataSource}), one
 * {@code XChangeVenue} per configured exchange over that exchange's {@link
 * dev.arb.xchange.spi.ExchangeAdapter} (named only in {@link dev.arb.xchange.SupportedExchanges}):
 * its markets and on-disk metadata cache, its calls within its request budget, retries and circuit
 * breaker (the core's {@code dev.arb.engine.resilience}), and, where configured, order books kept
 * from its WebSocket stream ({@code StreamingBookFeed}) with REST polling as the fallback. XChange
 * types never leave the module.
 */
package dev.arb.xchange;
