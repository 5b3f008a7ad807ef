/**
 * Live trading on centralized exchanges: {@link dev.arb.xchange.live.LiveOrderExecutor} places
 * limit immediate-or-cancel orders through XChange, tracks their fills, journals every order before
 * it is sent ({@link dev.arb.engine.port.OrderJournal}), and {@link
 * dev.arb.xchange.live.Reconciler} resolves orders left in flight by a crash before trading starts
 * again. Each exchange's {@link dev.arb.xchange.spi.VenueOrders} (from its adapter) maps arb's
 * order to the exchange's own flags and client order ids; queries and cancels are retried, a
 * placement is sent once and, when its answer is lost, looked up by its client id.
 */
package dev.arb.xchange.live;
