/**
 * The engine: domain model, ports, graph, cycle finding, sizing, risk and the scan pipeline. Its
 * pure core does no I/O and imports no exchange, chain, database or HTTP library.
 */
package dev.arb.engine;
