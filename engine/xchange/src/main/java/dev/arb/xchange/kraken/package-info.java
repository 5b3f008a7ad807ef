/**
 * Kraken through XChange's {@code xchange-kraken} and {@code xchange-stream-kraken}: markets and
 * fees from its AssetPairs, the account's fee tier from TradeVolume, the {@code book} WebSocket
 * channel with its CRC32 checksums, and orders (IOC, {@code userref} client ids).
 */
package dev.arb.xchange.kraken;
