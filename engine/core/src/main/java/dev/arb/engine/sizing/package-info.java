/**
 * Sizing: how much to trade on each leg of a candidate cycle, and the whole-graph plan.
 *
 * <p>Pure core, no I/O. "Find in double, decide in BigDecimal": {@link
 * dev.arb.engine.sizing.ExactSweep} finds the optimal start amount of a cycle on primitive arrays
 * by sweeping the merged level breakpoints of its legs (adaptive depth: it reads only the levels
 * the optimum can use); {@link dev.arb.engine.lp.LpCycleSizer} solves the same problem as a linear
 * programme with ojAlgo (the cross-check); {@link dev.arb.engine.sizing.PlanPricer} rounds the
 * chosen plan to lot sizes, enforces minimums and re-prices it exactly in {@link
 * java.math.BigDecimal}. {@link dev.arb.engine.sizing.AmtOptimizer} is the entry point for a cycle;
 * {@link dev.arb.engine.lp.WholeGraphPlanner} is the multi-step LP over a whole snapshot ({@code
 * --plan lp}).
 */
package dev.arb.engine.sizing;
