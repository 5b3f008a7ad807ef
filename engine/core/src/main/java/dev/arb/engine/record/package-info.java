/** What arb keeps about every opportunity: the stored record, its status and history queries. */
package dev.arb.engine.record;
