/**
 * Binance through XChange's {@code xchange-binance} and {@code xchange-stream-binance}: markets
 * from exchangeInfo and the diff-depth WebSocket stream kept against REST snapshots. Market data
 * only: arb does not trade on Binance live.
 */
package dev.arb.xchange.binance;
