/**
 * A small HTTP/1.1 server on Netty for the daemon's endpoint, built to stay up under attack: the
 * request head and body each have a deadline (slow clients are closed, not waited for), each client
 * address may hold only a few connections, the oldest waiting connection makes room when the server
 * is full, handlers run on bounded pools per {@link dev.arb.daemon.http.Lane} (control requests
 * have their own), and malformed framing is answered with the caller's error body, never a
 * library's. What a request means (routes, authentication, budgets) is the {@link
 * dev.arb.daemon.http.Dispatcher}'s business; this package knows no route. It is the only part of
 * the daemon that imports Netty.
 */
package dev.arb.daemon.http;
