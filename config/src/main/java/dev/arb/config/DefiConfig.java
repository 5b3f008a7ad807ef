package dev.arb.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The on-chain side ({@code arb.defi}).
 *
 * @param rpcUrl JSON-RPC endpoint, empty when DeFi is not used
 * @param chainId chain id the node must report (checked at connect)
 * @param keystore web3j wallet file, empty when DeFi is not used
 * @param keystorePassword where the keystore password is kept
 */
public record DefiConfig(
    Optional<String> rpcUrl,
    long chainId,
    Optional<Path> keystore,
    Optional<SecretRef> keystorePassword) {
  public DefiConfig {
    Objects.requireNonNull(rpcUrl, "rpcUrl");
    Objects.requireNonNull(keystore, "keystore");
    Objects.requireNonNull(keystorePassword, "keystorePassword");
    if (chainId < 1) {
      throw new IllegalArgumentException("chainId must be at least 1, got " + chainId);
    }
  }
}
