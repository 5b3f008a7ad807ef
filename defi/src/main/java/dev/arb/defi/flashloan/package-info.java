/**
 * Executes flash-loan arbitrage routes through the FlashLoanArbitrage contract, spending gas only
 * on transactions whose exact call data was simulated with {@code eth_call} first.
 */
package dev.arb.defi.flashloan;
