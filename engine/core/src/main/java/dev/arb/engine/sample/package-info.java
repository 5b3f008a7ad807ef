/**
 * The bundled sample snapshot: real Binance.US top-of-book data (MO-book, MIT) in arb's snapshot
 * format, used by {@code arb scan} when neither an input file nor an exchange is configured.
 */
package dev.arb.engine.sample;
