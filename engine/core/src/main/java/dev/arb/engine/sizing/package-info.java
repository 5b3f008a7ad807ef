/**
 * Sizing: how much to trade on each leg of a candidate cycle, and the whole-graph plan.
 *
 * <p>Pure core, no I/O. "Find in double, decide exactly": {@link dev.arb.engine.sizing.ExactSweep}
 * finds the optimal start amount of a cycle on primitive arrays by sweeping the merged level
 * breakpoints of its legs (adaptive depth: it reads only the levels the optimum can use) and
 * solving each smooth piece of pool curves in closed form; {@link
 * dev.arb.engine.sizing.GasValuation} values the gas of pool legs; {@link
 * dev.arb.engine.lp.LpCycleSizer} solves the books-only problem as a linear programme with ojAlgo
 * (the cross-check); {@link dev.arb.engine.sizing.PlanPricer} rounds the chosen plan to lot sizes,
 * enforces minimums and re-prices it exactly, in {@link java.math.BigDecimal} for books and in each
 * pool's integer arithmetic for pools. {@link dev.arb.engine.sizing.AmtOptimizer} is the entry
 * point for a cycle; {@link dev.arb.engine.lp.WholeGraphPlanner} is the multi-step LP over a whole
 * snapshot's books ({@code --plan lp}; pools are not in it).
 */
package dev.arb.engine.sizing;
