/**
 * Gasless meta-transactions (EIP-2771): {@link dev.arb.defi.gasless.ForwardRequest}s signed as
 * EIP-712 typed data ({@link dev.arb.defi.gasless.Eip712Signer}) by a user, and a {@link
 * dev.arb.defi.gasless.Relayer} that checks, simulates and submits them through the {@code
 * GaslessTransactionRelayer} forwarder, paying the gas within its {@link
 * dev.arb.defi.gasless.RelayPolicy}.
 */
package dev.arb.defi.gasless;
