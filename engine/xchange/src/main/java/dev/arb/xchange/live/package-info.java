/**
 * Live trading on centralized exchanges: {@link dev.arb.xchange.live.LiveOrderExecutor} places
 * limit immediate-or-cancel orders through XChange, tracks their fills, journals every order before
 * it is sent ({@link dev.arb.engine.port.OrderJournal}), and {@link
 * dev.arb.xchange.live.Reconciler} resolves orders left in flight by a crash before trading starts
 * again. One {@link dev.arb.xchange.live.VenueOrders} adapter per exchange maps arb's order to the
 * exchange's own flags and client order ids.
 */
package dev.arb.xchange.live;
