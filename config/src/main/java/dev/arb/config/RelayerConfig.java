package dev.arb.config;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The gasless relayer of the daemon ({@code arb.defi.relayer}): present only when a forwarder is
 * configured, and then {@code arb run} answers {@code POST /relay} (behind the bearer token),
 * paying gas from the {@code arb.defi.keystore} account. Wei amounts are per UTC day where so
 * named.
 *
 * @param forwarder the EIP-2771 forwarder requests must be signed for (0x address)
 * @param allow targets requests may call: {@code 0xADDRESS} (any function) or {@code
 *     0xADDRESS:0xSELECTOR} (that function only); at least one
 * @param maxRequestGas most gas one request may ask for
 * @param maxWeiPerRequest most one relayed transaction may cost
 * @param maxWeiPerSigner most one signer's requests may cost per day
 * @param maxWeiTotal most all requests may cost per day
 * @param maxRequestsPerSigner most requests relayed per signer per day
 * @param minValidity a request must stay valid at least this long after it is checked
 */
public record RelayerConfig(
    String forwarder,
    List<String> allow,
    BigInteger maxRequestGas,
    BigInteger maxWeiPerRequest,
    BigInteger maxWeiPerSigner,
    BigInteger maxWeiTotal,
    int maxRequestsPerSigner,
    Duration minValidity) {
  public RelayerConfig {
    Objects.requireNonNull(forwarder, "forwarder");
    allow = List.copyOf(allow);
    if (allow.isEmpty()) {
      throw new IllegalArgumentException("a relayer needs at least one allowed target");
    }
    for (BigInteger v : List.of(maxRequestGas, maxWeiPerRequest, maxWeiPerSigner, maxWeiTotal)) {
      if (v.signum() <= 0) {
        throw new IllegalArgumentException("relayer limits must be positive, got " + v);
      }
    }
    if (maxRequestsPerSigner <= 0) {
      throw new IllegalArgumentException("maxRequestsPerSigner must be positive");
    }
    Objects.requireNonNull(minValidity, "minValidity");
  }
}
