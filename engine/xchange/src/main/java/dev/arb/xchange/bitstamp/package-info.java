/**
 * Bitstamp through XChange's {@code xchange-bitstamp} and {@code xchange-stream-bitstamp}: markets
 * from trading-pairs-info, the account's fee tier from {@code /api/v2/fees/trading/} (a signed call
 * XChange does not make), the {@code order_book} WebSocket channel (full top-100 books), and orders
 * (placed, then cancelled: XChange sends neither IOC nor a client id).
 */
package dev.arb.xchange.bitstamp;
