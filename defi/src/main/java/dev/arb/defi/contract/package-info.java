/**
 * Typed access to the contracts arb uses: compiled artifacts ({@link
 * dev.arb.defi.contract.ContractArtifact}), ERC-20 tokens, Uniswap-V2-style pairs and factories,
 * and the FlashLoanArbitrage contract behind its proxy.
 */
package dev.arb.defi.contract;
