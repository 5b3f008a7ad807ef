/**
 * The one exception tree of arb: {@link dev.arb.error.ArbException} and its subclasses for venues,
 * chains, storage and configuration. Each adapter maps its library's exceptions here.
 */
package dev.arb.error;
