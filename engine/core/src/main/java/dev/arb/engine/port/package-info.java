/**
 * Ports of the engine: interfaces named by role that adapters (storage, exchanges, chains)
 * implement. The engine core depends only on these, never on an adapter's library.
 */
package dev.arb.engine.port;
