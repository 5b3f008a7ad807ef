/**
 * What one exchange supplies to arb's XChange adapter, in XChange's own style (a core of service
 * interfaces, one module per venue): the {@link dev.arb.xchange.spi.ExchangeAdapter} contract that
 * each exchange package ({@code kraken}, {@code bitstamp}, {@code coinbase}, {@code binance})
 * implements, and the pieces they share: markets as loaded ({@link
 * dev.arb.xchange.spi.VenueMarket}, {@link dev.arb.xchange.spi.XChangeMarkets}), order-book streams
 * ({@link dev.arb.xchange.spi.BookStream}), order calls ({@link dev.arb.xchange.spi.VenueOrders})
 * and the classification of XChange's exceptions ({@link dev.arb.xchange.spi.XChangeFaults}). It
 * imports no exchange package, and no exchange package imports another.
 */
package dev.arb.xchange.spi;
