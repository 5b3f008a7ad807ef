/**
 * Linear-programme sizing with ojAlgo, apart from the core so that only what uses it carries
 * ojAlgo: {@link dev.arb.engine.lp.LpCycleSizer} sizes one cycle (the cross-check of the core's
 * exact sweep), {@link dev.arb.engine.lp.WholeGraphPlanner} plans over a whole snapshot ({@code arb
 * scan --plan lp}) and {@link dev.arb.engine.lp.WholeGraphPlanRecords} makes that plan a record.
 * Found in double; the core re-prices what executes.
 */
package dev.arb.engine.lp;
