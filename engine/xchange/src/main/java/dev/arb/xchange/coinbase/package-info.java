/**
 * Coinbase Exchange (formerly Coinbase Pro) through XChange's {@code xchange-coinbasepro} and
 * {@code xchange-stream-coinbasepro}: markets from {@code /products}, the {@code level2} WebSocket
 * channel, and orders (IOC, {@code client_oid} client ids, the key's passphrase).
 */
package dev.arb.xchange.coinbase;
