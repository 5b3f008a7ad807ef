/** EIP-1559 fee pricing from {@code eth_feeHistory}, with a configured cap. */
package dev.arb.defi.gas;
