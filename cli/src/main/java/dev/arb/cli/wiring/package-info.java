/**
 * Wiring: the only place that names adapters (SQLite, XChange, web3j) and hands them, as ports, to
 * the commands, the core and the daemon.
 */
package dev.arb.cli.wiring;
