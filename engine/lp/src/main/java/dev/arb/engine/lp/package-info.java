/**
 * Linear-programme sizing with ojAlgo, apart from the core so that only what uses it carries
 * ojAlgo: {@link dev.arb.engine.lp.LpCycleSizer} sizes one cycle (the cross-check of the core's
 * exact sweep), {@link dev.arb.engine.lp.WholeGraphPlanner} plans over a whole snapshot ({@code arb
 * scan --plan lp}) and {@link dev.arb.engine.lp.WholeGraphPlanRecords} makes that plan a record.
 * Found in double: the core re-prices a sized cycle, and the whole-graph plan is re-priced exactly
 * here (BigDecimal, lot-rounded) before anything reports it.
 */
package dev.arb.engine.lp;
